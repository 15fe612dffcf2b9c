/**
 * Open files and editor tabs. Each open file keeps the disk version it was read or saved as
 * (`saved`, with its mtime) and the buffer (`content`); they differ while there are unsaved edits,
 * which are also kept in localStorage until saved so a reload loses nothing. Saves send the mtime
 * they started from, so a file changed meanwhile (by the agent, a terminal, another user) is never
 * overwritten silently: the broker refuses with `conflict` and the user chooses.
 */
import type { BrokerClient } from "@/lib/broker/broker-client";
import { BrokerRequestError } from "@/lib/broker/request-error";
import type { SessionMemory, UnsavedBuffer } from "@/lib/ide/local-memory";
import { baseName, movedPath } from "@/lib/ide/paths";
import { createStore } from "@/lib/ide/store";
import type { Notices } from "./notices";

export interface Conflict {
  /** Disk content now (null: the file is gone). */
  disk: string | null;
  diskMtimeMs: number | null;
  reason: "changed" | "save-refused" | "deleted";
}

export interface OpenFile {
  path: string;
  status: "loading" | "ready" | "error" | "binary";
  error?: string;
  saved: string;
  content: string;
  /** mtime of `saved` on disk; null for a file that does not exist yet. */
  mtimeMs: number | null;
  saving: boolean;
  conflict?: Conflict;
}

export type Tab =
  | { kind: "file"; path: string }
  | {
      kind: "diff";
      id: string;
      path: string;
      title: string;
      before: string;
      after: string;
      note: string;
    };

export interface EditorState {
  tabs: Tab[];
  active: string | null;
  files: Record<string, OpenFile>;
  /** Where to put the cursor once the file shows (search results, quick open with a line). */
  reveal?: { path: string; line: number; column: number; nonce: number };
}

export const tabKey = (tab: Tab): string => (tab.kind === "file" ? tab.path : `diff:${tab.id}`);
export const isDirty = (file: OpenFile | undefined): boolean =>
  Boolean(file && file.status === "ready" && file.content !== file.saved);

const PERSIST_DELAY_MS = 400;
const RELOAD_DELAY_MS = 150;

export class EditorStore {
  readonly state = createStore<EditorState>({ tabs: [], active: null, files: {} });
  private readonly persistTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly pendingReloads = new Set<string>();
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private nonce = 0;
  /** Called when a file's tab closes, so the Monaco model can go too. */
  onFileClosed: (path: string) => void = () => undefined;

  constructor(
    private readonly client: BrokerClient,
    private readonly sessionId: string,
    private readonly memory: SessionMemory,
    private readonly notices: Notices,
  ) {}

  private get files(): Record<string, OpenFile> {
    return this.state.get().files;
  }

  private updateFile(path: string, update: (file: OpenFile) => OpenFile): void {
    this.state.set((state) => {
      const file = state.files[path];
      return file ? { ...state, files: { ...state.files, [path]: update(file) } } : state;
    });
  }

  private rememberTabs(): void {
    const { tabs, active } = this.state.get();
    this.memory.openTabs = {
      paths: tabs.filter((tab) => tab.kind === "file").map((tab) => tab.path),
      active: active?.startsWith("diff:") ? null : active,
    };
  }

  /** Reopens the tabs and unsaved buffers of the last visit (first join of the page). */
  restore(): void {
    const { paths, active } = this.memory.openTabs;
    const buffers = new Map(this.memory.buffers().map((buffer) => [buffer.path, buffer]));
    for (const path of new Set([...paths, ...buffers.keys()]))
      this.openTab(path, buffers.get(path));
    const fallback = this.state.get().tabs[0];
    this.state.set((state) => ({
      ...state,
      active: active && state.files[active] ? active : fallback ? tabKey(fallback) : null,
    }));
    if (buffers.size > 0)
      this.notices.info(
        `Restored ${buffers.size} unsaved file${buffers.size === 1 ? "" : "s"}`,
        "Edits not yet saved were kept in this browser.",
      );
  }

  open(path: string, at?: { line: number; column?: number }): void {
    this.openTab(path);
    this.state.set((state) => ({
      ...state,
      active: path,
      reveal: at
        ? { path, line: at.line, column: at.column ?? 1, nonce: ++this.nonce }
        : state.reveal,
    }));
    this.rememberTabs();
  }

  private openTab(path: string, restored?: UnsavedBuffer): void {
    if (this.files[path]) return;
    this.state.set((state) => ({
      ...state,
      tabs: [...state.tabs, { kind: "file", path }],
      files: {
        ...state.files,
        [path]: { path, status: "loading", saved: "", content: "", mtimeMs: null, saving: false },
      },
    }));
    void this.load(path, restored);
  }

  private async load(path: string, restored?: UnsavedBuffer): Promise<void> {
    try {
      const reply = await this.client.request("file-read", { sessionId: this.sessionId, path });
      if (reply.encoding === "base64") {
        this.updateFile(path, (file) => ({ ...file, status: "binary" }));
        return;
      }
      const disk = reply.content;
      const mtimeMs = reply.stat.mtimeMs;
      this.updateFile(path, (file) => {
        const content = restored?.content ?? disk;
        const conflict: Conflict | undefined =
          restored && restored.baseMtimeMs !== mtimeMs && content !== disk
            ? { disk, diskMtimeMs: mtimeMs, reason: "changed" }
            : undefined;
        return { ...file, status: "ready", saved: disk, content, mtimeMs, conflict };
      });
    } catch (error) {
      if (restored && error instanceof BrokerRequestError && error.code === "not_found") {
        // The file is gone, but the unsaved buffer is not: saving creates it again.
        this.updateFile(path, (file) => ({
          ...file,
          status: "ready",
          saved: "",
          content: restored.content,
          mtimeMs: null,
          conflict: { disk: null, diskMtimeMs: null, reason: "deleted" },
        }));
        return;
      }
      const message = this.notices.error(error, `Opening ${baseName(path)}`).message;
      this.updateFile(path, (file) => ({ ...file, status: "error", error: message }));
    }
  }

  activate(key: string): void {
    this.state.set((state) => ({ ...state, active: key }));
    this.rememberTabs();
  }

  setContent(path: string, content: string): void {
    const before = this.files[path];
    if (!before || before.content === content) return;
    this.updateFile(path, (file) => ({ ...file, content }));
    this.schedulePersist(path);
  }

  private schedulePersist(path: string): void {
    clearTimeout(this.persistTimers.get(path));
    this.persistTimers.set(
      path,
      setTimeout(() => {
        this.persistTimers.delete(path);
        const file = this.files[path];
        if (!file) return;
        if (!isDirty(file)) return this.memory.dropBuffer(path);
        if (
          !this.memory.saveBuffer({
            path,
            content: file.content,
            baseMtimeMs: file.mtimeMs,
            savedAt: Date.now(),
          })
        ) {
          this.notices.problem(
            "Unsaved edits are not backed up",
            "This browser refused to store them (storage full or disabled); save soon.",
          );
        }
      }, PERSIST_DELAY_MS),
    );
  }

  /** Saves the buffer; with `overwrite`, even if the file changed on disk since it was read. */
  async save(path: string, options: { overwrite?: boolean } = {}): Promise<boolean> {
    const file = this.files[path];
    if (!file || file.status !== "ready" || file.saving) return false;
    const content = file.content;
    this.updateFile(path, (current) => ({ ...current, saving: true }));
    try {
      const expectedMtimeMs = options.overwrite || file.mtimeMs === null ? undefined : file.mtimeMs;
      const { stat } = await this.client.request("file-write", {
        sessionId: this.sessionId,
        path,
        content,
        encoding: "utf8",
        expectedMtimeMs,
      });
      this.updateFile(path, (current) => ({
        ...current,
        saving: false,
        saved: content,
        mtimeMs: stat.mtimeMs,
        conflict: undefined,
      }));
      if (this.files[path]?.content === content) this.memory.dropBuffer(path);
      return true;
    } catch (error) {
      this.updateFile(path, (current) => ({ ...current, saving: false }));
      if (error instanceof BrokerRequestError && error.code === "conflict") {
        const disk = await this.readDisk(path);
        const conflict: Conflict =
          disk === "missing" || disk === "failed"
            ? { disk: null, diskMtimeMs: null, reason: "deleted" }
            : { ...disk, reason: "save-refused" };
        this.updateFile(path, (current) => ({ ...current, conflict }));
        return false;
      }
      this.notices.error(error, `Saving ${baseName(path)}`, () => void this.save(path, options));
      return false;
    }
  }

  /** The file on disk now: its text (null when binary), "missing", or "failed" (could not ask). */
  private async readDisk(
    path: string,
  ): Promise<{ disk: string | null; diskMtimeMs: number } | "missing" | "failed"> {
    try {
      const reply = await this.client.request("file-read", { sessionId: this.sessionId, path });
      return {
        disk: reply.encoding === "utf8" ? reply.content : null,
        diskMtimeMs: reply.stat.mtimeMs,
      };
    } catch (error) {
      return error instanceof BrokerRequestError && error.code === "not_found"
        ? "missing"
        : "failed";
    }
  }

  /** Live reload: files changed in the workspace (agent, terminal, other users). */
  filesChanged(paths: readonly string[]): void {
    for (const path of paths)
      if (this.files[path]?.status === "ready") this.pendingReloads.add(path);
    if (this.pendingReloads.size === 0) return;
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      const batch = [...this.pendingReloads];
      this.pendingReloads.clear();
      for (const path of batch) void this.reload(path);
    }, RELOAD_DELAY_MS);
  }

  /** After a reconnection: anything may have changed while we were away. */
  recheckAll(): void {
    this.filesChanged(Object.keys(this.files));
  }

  private async reload(path: string): Promise<void> {
    const file = this.files[path];
    if (!file || file.status !== "ready" || file.saving) return;
    const found = await this.readDisk(path);
    const current = this.files[path];
    if (!current || current.status !== "ready" || found === "failed") return;
    if (found === "missing") {
      if (current.mtimeMs !== null)
        this.updateFile(path, (f) => ({
          ...f,
          conflict: { disk: null, diskMtimeMs: null, reason: "deleted" },
        }));
      return;
    }
    const { disk, diskMtimeMs } = found;
    if (diskMtimeMs === current.mtimeMs || disk === null) return;
    if (disk === current.content) {
      this.updateFile(path, (f) => ({
        ...f,
        saved: disk,
        mtimeMs: diskMtimeMs,
        conflict: undefined,
      }));
      this.memory.dropBuffer(path);
    } else if (!isDirty(current)) {
      this.updateFile(path, (f) => ({
        ...f,
        saved: disk,
        content: disk,
        mtimeMs: diskMtimeMs,
        conflict: undefined,
      }));
    } else {
      this.updateFile(path, (f) => ({ ...f, conflict: { disk, diskMtimeMs, reason: "changed" } }));
    }
  }

  /** The user's answer to a conflict. */
  resolve(path: string, choice: "keep-mine" | "take-disk"): void {
    const file = this.files[path];
    const conflict = file?.conflict;
    if (!file || !conflict) return;
    if (choice === "take-disk") {
      if (conflict.disk === null) return this.forceClose(path);
      this.updateFile(path, (f) => ({
        ...f,
        saved: conflict.disk!,
        content: conflict.disk!,
        mtimeMs: conflict.diskMtimeMs,
        conflict: undefined,
      }));
      this.memory.dropBuffer(path);
    } else {
      // Keep the buffer and make the next save replace what is on disk.
      this.updateFile(path, (f) => ({
        ...f,
        saved: conflict.disk ?? "",
        mtimeMs: conflict.diskMtimeMs,
        conflict: undefined,
      }));
      this.schedulePersist(path);
    }
  }

  compareConflict(path: string): void {
    const file = this.files[path];
    if (!file?.conflict) return;
    this.openDiff({
      path,
      title: `${baseName(path)} (disk ↔ yours)`,
      before: file.conflict.disk ?? "",
      after: file.content,
      note: "Left: the file on disk now. Right: your unsaved version.",
    });
  }

  openDiff(diff: Omit<Extract<Tab, { kind: "diff" }>, "kind" | "id">): void {
    const id = `${diff.path}@${++this.nonce}`;
    this.state.set((state) => ({
      ...state,
      tabs: [
        ...state.tabs.filter(
          (tab) => !(tab.kind === "diff" && tab.path === diff.path && tab.title === diff.title),
        ),
        { kind: "diff", id, ...diff },
      ],
      active: `diff:${id}`,
    }));
  }

  /** Closes a tab; asks first when it holds unsaved edits. */
  async close(key: string): Promise<void> {
    const file = this.files[key];
    if (isDirty(file)) {
      const discard = await this.notices.confirm({
        title: `Discard changes to ${baseName(key)}?`,
        message: "The edits you have not saved will be lost.",
        confirmLabel: "Discard",
        danger: true,
      });
      if (!discard) return;
    }
    this.forceClose(key);
  }

  private forceClose(key: string): void {
    this.state.set((state) => {
      const index = state.tabs.findIndex((tab) => tabKey(tab) === key);
      if (index < 0) return state;
      const tabs = state.tabs.filter((_, i) => i !== index);
      const files = { ...state.files };
      delete files[key];
      const neighbour = tabs[Math.min(index, tabs.length - 1)];
      return {
        ...state,
        tabs,
        files,
        active: state.active === key ? (neighbour ? tabKey(neighbour) : null) : state.active,
      };
    });
    if (!key.startsWith("diff:")) {
      this.memory.dropBuffer(key);
      this.onFileClosed(key);
    }
    this.rememberTabs();
  }

  /** A file or folder was renamed or moved from the IDE: tabs follow it. */
  moved(from: string, to: string): void {
    const affected = Object.keys(this.files).filter((path) => movedPath(path, from, to) !== null);
    if (affected.length === 0) return;
    for (const path of affected) {
      const target = movedPath(path, from, to)!;
      const file = this.files[path]!;
      this.onFileClosed(path);
      this.memory.dropBuffer(path);
      this.state.set((state) => {
        const files = { ...state.files };
        delete files[path];
        files[target] = { ...file, path: target };
        const tabs = state.tabs.map((tab): Tab =>
          tab.kind === "file" && tab.path === path ? { kind: "file", path: target } : tab,
        );
        return { ...state, tabs, files, active: state.active === path ? target : state.active };
      });
      if (isDirty(this.files[target])) this.schedulePersist(target);
    }
    this.rememberTabs();
  }

  /** A file or folder was deleted from the IDE (after confirmation): its tabs close. */
  deleted(path: string): void {
    for (const open of Object.keys(this.files))
      if (movedPath(open, path, path) !== null) this.forceClose(open);
  }

  /** The disk version of every open file, e.g. as the "before" of an agent run's changes. */
  savedContents(): Map<string, string> {
    const contents = new Map<string, string>();
    for (const file of Object.values(this.files))
      if (file.status === "ready" && file.mtimeMs !== null) contents.set(file.path, file.saved);
    return contents;
  }

  activeFilePath(): string | null {
    const { active, tabs } = this.state.get();
    const tab = tabs.find((candidate) => tabKey(candidate) === active);
    return tab?.kind === "file" ? tab.path : null;
  }

  /** Writes pending buffer backups now (the page is going away). */
  flushBackups(): void {
    for (const [path, timer] of this.persistTimers) {
      clearTimeout(timer);
      const file = this.files[path];
      if (isDirty(file))
        this.memory.saveBuffer({
          path,
          content: file!.content,
          baseMtimeMs: file!.mtimeMs,
          savedAt: Date.now(),
        });
    }
    this.persistTimers.clear();
  }

  dispose(): void {
    this.flushBackups();
    clearTimeout(this.reloadTimer);
  }
}
