/**
 * What the IDE remembers in the browser (localStorage), per session: unsaved buffers (until they
 * are saved), open tabs, expanded folders, terminal tabs, the model field. Storage is passed in,
 * so tests use a Map; every access tolerates a full or disabled storage.
 */

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

const PREFIX = "codeyard";

export interface UnsavedBuffer {
  path: string;
  content: string;
  /** mtime of the disk version the edits started from (null: the file did not exist). */
  baseMtimeMs: number | null;
  savedAt: number;
}

export interface TerminalTab {
  id: string;
  title: string;
}

export class SessionMemory {
  constructor(
    private readonly storage: KeyValueStorage | null,
    private readonly sessionId: string,
  ) {}

  private key(kind: string, rest = ""): string {
    return `${PREFIX}:${kind}:${this.sessionId}${rest ? `:${rest}` : ""}`;
  }

  private read<T>(key: string): T | undefined {
    try {
      const raw = this.storage?.getItem(key);
      return raw ? (JSON.parse(raw) as T) : undefined;
    } catch {
      return undefined;
    }
  }

  /** False when the browser refused (storage full or disabled). */
  private write(key: string, value: unknown): boolean {
    try {
      this.storage?.setItem(key, JSON.stringify(value));
      return this.storage !== null;
    } catch {
      return false;
    }
  }

  private remove(key: string): void {
    try {
      this.storage?.removeItem(key);
    } catch {
      // Nothing to do: the entry stays until the browser lets us remove it.
    }
  }

  saveBuffer(buffer: UnsavedBuffer): boolean {
    return this.write(this.key("buffer", buffer.path), buffer);
  }

  dropBuffer(path: string): void {
    this.remove(this.key("buffer", path));
  }

  buffers(): UnsavedBuffer[] {
    if (!this.storage) return [];
    const prefix = this.key("buffer", "");
    const found: UnsavedBuffer[] = [];
    try {
      for (let i = 0; i < this.storage.length; i++) {
        const key = this.storage.key(i);
        if (!key?.startsWith(`${prefix}:`)) continue;
        const buffer = this.read<UnsavedBuffer>(key);
        if (buffer && typeof buffer.content === "string" && typeof buffer.path === "string")
          found.push(buffer);
      }
    } catch {
      return found;
    }
    return found.sort((a, b) => a.path.localeCompare(b.path));
  }

  get openTabs(): { paths: string[]; active: string | null } {
    const value = this.read<{ paths?: unknown; active?: unknown }>(this.key("tabs"));
    const paths = Array.isArray(value?.paths)
      ? value.paths.filter((path): path is string => typeof path === "string")
      : [];
    return { paths, active: typeof value?.active === "string" ? value.active : null };
  }

  set openTabs(tabs: { paths: string[]; active: string | null }) {
    this.write(this.key("tabs"), tabs);
  }

  get expandedDirs(): string[] {
    const value = this.read<unknown>(this.key("expanded"));
    return Array.isArray(value)
      ? value.filter((dir): dir is string => typeof dir === "string")
      : [];
  }

  set expandedDirs(dirs: string[]) {
    this.write(this.key("expanded"), dirs);
  }

  get terminals(): { tabs: TerminalTab[]; active: string | null } {
    const value = this.read<{ tabs?: unknown; active?: unknown }>(this.key("terminals"));
    const tabs = Array.isArray(value?.tabs)
      ? value.tabs.filter(
          (tab): tab is TerminalTab =>
            typeof tab?.id === "string" && typeof tab?.title === "string",
        )
      : [];
    return { tabs, active: typeof value?.active === "string" ? value.active : null };
  }

  set terminals(value: { tabs: TerminalTab[]; active: string | null }) {
    this.write(this.key("terminals"), value);
  }

  get model(): string {
    const value = this.read<unknown>(this.key("model"));
    return typeof value === "string" ? value : "";
  }

  set model(model: string) {
    if (model) this.write(this.key("model"), model);
    else this.remove(this.key("model"));
  }
}

/** localStorage when the browser offers it, else null (private modes may throw on access). */
export function browserStorage(): KeyValueStorage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}
