/**
 * The files an agent run changed, gathered from two sources: its write_file / edit_file tool
 * calls (which also say how: the whole new content, or old → new strings), and the workspace
 * watcher's file-changed events while the run was going (commands the agent ran with bash).
 * Shared: the IDE and the phone show these changes, the broker counts them for the task inbox.
 */

export interface TextEdit {
  oldString: string;
  newString: string;
  replaceAll: boolean;
}

export interface FileChange {
  path: string;
  /** The agent wrote the whole file (write_file) at least once: what was there before is unknown. */
  written: boolean;
  /** edit_file replacements, in order. */
  edits: TextEdit[];
  /** Seen by the workspace watcher (possibly a command's doing). */
  watched: boolean;
}

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

export function changesOfToolCall(toolName: string, input: unknown): FileChange[] {
  if (typeof input !== "object" || input === null) return [];
  const args = input as Record<string, unknown>;
  const rawPath = str(args.path);
  const path = rawPath === undefined ? null : normalizeWorkspacePath(rawPath);
  if (!path) return [];
  if (toolName === "write_file") return [{ path, written: true, edits: [], watched: false }];
  if (toolName === "edit_file") {
    const oldString = str(args.old_string);
    const newString = str(args.new_string);
    if (oldString === undefined || newString === undefined) return [];
    return [
      {
        path,
        written: false,
        edits: [{ oldString, newString, replaceAll: args.replace_all === true }],
        watched: false,
      },
    ];
  }
  return [];
}

export function changesOfFileChanged(payload: unknown): FileChange[] {
  const changes = (payload as { changes?: unknown } | null)?.changes;
  if (!Array.isArray(changes)) return [];
  const result: FileChange[] = [];
  for (const change of changes) {
    const path = typeof change?.path === "string" ? normalizeWorkspacePath(change.path) : null;
    if (path && !isNoise(path)) result.push({ path, written: false, edits: [], watched: true });
  }
  return result;
}

/** Paths that change as a side effect of tools and say nothing about the agent's work. */
export function isNoise(path: string): boolean {
  return (
    /(^|\/)(\.git|node_modules|__pycache__|\.next|\.turbo|\.cache)(\/|$)/.test(path) ||
    isTemporaryWrite(path)
  );
}

/** The sandbox writes files atomically through a hidden temporary sibling (`.name.codeyard-<n>-<time>`). */
export function isTemporaryWrite(path: string): boolean {
  return /(^|\/)\.[^/]+\.codeyard-\d+-\d+$/.test(path);
}

/** Adds `incoming` to `existing`, one entry per path, keeping first-seen order. */
export function mergeFileChanges(existing: FileChange[], incoming: FileChange[]): FileChange[] {
  if (incoming.length === 0) return existing;
  const merged = existing.slice();
  for (const change of incoming) {
    const at = merged.findIndex((entry) => entry.path === change.path);
    if (at < 0) {
      merged.push(change);
      continue;
    }
    const entry = merged[at]!;
    merged[at] = {
      path: entry.path,
      written: entry.written || change.written,
      edits: [...entry.edits, ...change.edits],
      watched: entry.watched || change.watched,
    };
  }
  return merged;
}

/**
 * A path as a model or a tool wrote it ("./src/a.ts", "/workspace/src/a.ts", "src//a.ts/") in
 * the IDE's form; null when it points outside the workspace.
 */
export function normalizeWorkspacePath(raw: string): string | null {
  let path = raw.trim();
  if (path === "/workspace" || path.startsWith("/workspace/"))
    path = path.slice("/workspace".length);
  else if (path.startsWith("/")) return null;
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}

/**
 * Drops the paths that are directories of other changed paths: the watcher reports a directory
 * created by a write next to the file, and a review lists files.
 */
export function withoutParentDirectories<T extends { path: string }>(changes: T[]): T[] {
  const ancestors = new Set<string>();
  for (const { path } of changes) {
    for (let slash = path.indexOf("/"); slash > 0; slash = path.indexOf("/", slash + 1)) ancestors.add(path.slice(0, slash));
  }
  return changes.filter((change) => !ancestors.has(change.path));
}
