/**
 * Streams batched file-change events under a workspace directory until the client disconnects.
 * One non-recursive watch per directory: Node's recursive watch on Linux loses a file once it is
 * replaced by a rename (as atomic saves do), while a directory watch sees every change of its
 * entries. Directories appearing later are watched as they come; dependency and VCS folders are
 * not descended into (their changes at the top still show).
 */
import { watch, type FSWatcher } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { posix } from "node:path";
import { toWorkspaceRelative } from "../paths.js";
import type { FileChange } from "../wire/messages.js";
import type { Connection } from "./connection.js";
import { safePath, workspaceRoot } from "./workspace-fs.js";

const BATCH_MS = 50;
const MAX_BATCH = 1000;
const MAX_DIRECTORIES = 5000;
/** The temporary files of atomic writes (files.ts) are not changes anyone needs to see. */
const ATOMIC_WRITE_TEMP = /\.codeyard-\d+-\d+$/;
const NOT_DESCENDED = new Set(["node_modules", ".git", ".venv", "__pycache__", ".next", "dist", "target"]);

export async function watchFiles(conn: Connection, requested: string | undefined): Promise<void> {
  const base = await safePath(requested ?? ".");
  const watchers = new Map<string, FSWatcher>();
  let batch = new Map<string, FileChange>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const flush = () => {
    timer = undefined;
    if (!batch.size) return;
    conn.send({ type: "changes", changes: [...batch.values()] });
    batch = new Map();
  };
  const record = (absolute: string, kind: FileChange["kind"]) => {
    if (batch.size >= MAX_BATCH) return;
    const path = toWorkspaceRelative(absolute, workspaceRoot);
    batch.set(path, { path, kind });
    timer ??= setTimeout(flush, BATCH_MS);
  };

  /** `announce`: a directory that appeared while watching; what it already holds is new too. */
  const watchDirectory = async (dir: string, announce = false): Promise<void> => {
    if (closed || watchers.has(dir) || watchers.size >= MAX_DIRECTORIES) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (event, filename) => {
        if (!filename || ATOMIC_WRITE_TEMP.test(filename.toString())) return;
        const absolute = posix.join(dir, filename.toString());
        record(absolute, event === "rename" ? "renamed" : "changed");
        if (event === "rename") void onRename(absolute);
      });
    } catch {
      return; // vanished meanwhile, or the inotify limit: keep what is watched
    }
    watcher.on("error", () => forget(dir));
    watchers.set(dir, watcher);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const absolute = posix.join(dir, entry.name);
      if (announce && !ATOMIC_WRITE_TEMP.test(entry.name)) record(absolute, "renamed");
      if (entry.isDirectory() && !NOT_DESCENDED.has(entry.name)) await watchDirectory(absolute, announce);
    }
  };
  const forget = (dir: string) => {
    for (const [path, watcher] of watchers) {
      if (path === dir || path.startsWith(`${dir}/`)) {
        watcher.close();
        watchers.delete(path);
      }
    }
  };
  const onRename = async (absolute: string) => {
    const stats = await stat(absolute).catch(() => null);
    if (stats?.isDirectory()) {
      if (!NOT_DESCENDED.has(posix.basename(absolute))) await watchDirectory(absolute, true);
    } else if (!stats) {
      forget(absolute);
    }
  };

  await watchDirectory(base);
  conn.send({ type: "ok" });
  conn.socket.once("close", () => {
    closed = true;
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
    if (timer) clearTimeout(timer);
  });
}
