/**
 * The file tree's data: directory listings, fetched lazily when a folder is expanded, refreshed
 * when the workspace watcher reports changes under a folder that is shown. Expanded folders are
 * remembered per session.
 */
import type { BrokerClient } from "@/lib/broker/broker-client";
import { describeError } from "@/lib/broker/request-error";
import type { SessionMemory } from "@/lib/ide/local-memory";
import { isSameOrInside, movedPath, parentPath, requestPath } from "@/lib/ide/paths";
import { createStore } from "@/lib/ide/store";
import type { DirListing } from "@/lib/ide/tree-rows";

export interface TreeState {
  dirs: ReadonlyMap<string, DirListing>;
  expanded: ReadonlySet<string>;
}

const REFRESH_DELAY_MS = 200;

export class FileTreeStore {
  readonly state = createStore<TreeState>({ dirs: new Map(), expanded: new Set() });
  private readonly pending = new Set<string>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: BrokerClient,
    private readonly sessionId: string,
    private readonly memory: SessionMemory,
  ) {}

  private setDir(dir: string, listing: DirListing): void {
    this.state.set((state) => ({ ...state, dirs: new Map(state.dirs).set(dir, listing) }));
  }

  private setExpanded(update: (expanded: Set<string>) => void): void {
    this.state.set((state) => {
      const expanded = new Set(state.expanded);
      update(expanded);
      return { ...state, expanded };
    });
    this.memory.expandedDirs = [...this.state.get().expanded];
  }

  /** First load: the root and the folders expanded last time. */
  restore(): void {
    const remembered = this.memory.expandedDirs;
    this.state.set((state) => ({ ...state, expanded: new Set(remembered) }));
    void this.load("");
    for (const dir of remembered) void this.load(dir);
  }

  async load(dir: string): Promise<void> {
    const previous = this.state.get().dirs.get(dir);
    this.setDir(dir, { entries: previous?.entries, loading: true });
    try {
      const { entries } = await this.client.request("file-list", {
        sessionId: this.sessionId,
        path: requestPath(dir),
      });
      this.setDir(dir, { entries, loading: false });
    } catch (error) {
      const readable = describeError(error, "Listing the folder");
      if (readable.code === "not_found" && dir !== "") {
        // The folder went away: forget it rather than showing an error row.
        this.forget(dir);
        return;
      }
      this.setDir(dir, {
        entries: previous?.entries,
        loading: false,
        error: `${readable.message}${readable.hint ? ` ${readable.hint}` : ""}`,
      });
    }
  }

  private forget(dir: string): void {
    this.state.set((state) => {
      const dirs = new Map([...state.dirs].filter(([path]) => !isSameOrInside(path, dir)));
      const expanded = new Set([...state.expanded].filter((path) => !isSameOrInside(path, dir)));
      return { dirs, expanded };
    });
    this.memory.expandedDirs = [...this.state.get().expanded];
  }

  toggle(dir: string): void {
    if (this.state.get().expanded.has(dir)) {
      this.setExpanded((expanded) => expanded.delete(dir));
      return;
    }
    this.expand(dir);
  }

  expand(dir: string): void {
    if (dir === "") return;
    this.setExpanded((expanded) => {
      // Expanding a nested folder opens its ancestors too.
      for (let path = dir; path !== ""; path = parentPath(path)) expanded.add(path);
    });
    for (let path = dir; path !== ""; path = parentPath(path))
      if (!this.state.get().dirs.get(path)?.entries) void this.load(path);
  }

  collapseAll(): void {
    this.setExpanded((expanded) => expanded.clear());
  }

  /** Re-lists the folders that show any of `paths` (and those paths, when they are shown folders). */
  changed(paths: readonly string[]): void {
    const { dirs } = this.state.get();
    for (const path of paths) {
      const parent = parentPath(path);
      if (dirs.has(parent)) this.pending.add(parent);
      if (dirs.has(path)) this.pending.add(path);
    }
    if (this.pending.size === 0) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      const batch = [...this.pending];
      this.pending.clear();
      for (const dir of batch) void this.load(dir);
    }, REFRESH_DELAY_MS);
  }

  refreshAll(): void {
    for (const dir of this.state.get().dirs.keys()) void this.load(dir);
  }

  /** A folder was renamed or moved: keep it (and what is inside) expanded under its new name. */
  moved(from: string, to: string): void {
    const { expanded } = this.state.get();
    const renamed = [...expanded].map((dir) => movedPath(dir, from, to) ?? dir);
    this.forget(from);
    this.setExpanded((set) => renamed.forEach((dir) => set.add(dir)));
    for (const dir of renamed) if (isSameOrInside(dir, to)) void this.load(dir);
    this.changed([from, to]);
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
  }
}
