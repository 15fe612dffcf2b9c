/** Streams batched file-change events under a workspace directory until the client disconnects. */
import { watch } from "node:fs";
import { posix } from "node:path";
import { toWorkspaceRelative } from "../paths.js";
import type { FileChange } from "../wire/messages.js";
import type { Connection } from "./connection.js";
import { safePath, workspaceRoot } from "./workspace-fs.js";

const BATCH_MS = 50;
/** The temporary files of atomic writes (files.ts) are not changes anyone needs to see. */
const ATOMIC_WRITE_TEMP = /\.codeyard-\d+-\d+$/;
const MAX_BATCH = 1000;

export async function watchFiles(conn: Connection, requested: string | undefined): Promise<void> {
  const absolute = await safePath(requested ?? ".");
  let batch = new Map<string, FileChange>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    if (!batch.size) return;
    conn.send({ type: "changes", changes: [...batch.values()] });
    batch = new Map();
  };
  const watcher = watch(absolute, { recursive: true }, (event, filename) => {
    if (!filename || ATOMIC_WRITE_TEMP.test(filename.toString())) return;
    const path = toWorkspaceRelative(posix.join(absolute, filename.toString()), workspaceRoot);
    if (batch.size >= MAX_BATCH) return;
    batch.set(path, { path, kind: event === "rename" ? "renamed" : "changed" });
    timer ??= setTimeout(flush, BATCH_MS);
  });
  watcher.on("error", () => conn.fail("internal", "Watching files stopped (the directory was removed or the watch limit was reached)."));
  conn.send({ type: "ok" });
  conn.socket.once("close", () => {
    watcher.close();
    if (timer) clearTimeout(timer);
  });
}
