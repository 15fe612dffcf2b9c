/** File operations inside /workspace: binary-safe, size-capped, symlink-safe. */
import { createReadStream, createWriteStream, type Stats } from "node:fs";
import { lstat, mkdir, readdir, rename, rm, rmdir, stat, unlink } from "node:fs/promises";
import { posix } from "node:path";
import { toWorkspaceRelative } from "../paths.js";
import { FrameKind } from "../wire/frames.js";
import type { DirEntry, FileStat } from "../wire/messages.js";
import { DaemonError, type Connection } from "./connection.js";
import { safePath, workspaceRoot } from "./workspace-fs.js";

export const DEFAULT_MAX_READ_BYTES = 16 * 1024 * 1024;
const MAX_LIST_ENTRIES = 10_000;

function kindOf(stats: Stats): FileStat["kind"] {
  if (stats.isSymbolicLink()) return "symlink";
  if (stats.isDirectory()) return "dir";
  if (stats.isFile()) return "file";
  return "other";
}

function toFileStat(absolute: string, stats: Stats): FileStat {
  return {
    path: toWorkspaceRelative(absolute, workspaceRoot),
    kind: kindOf(stats),
    size: stats.size,
    mtimeMs: stats.mtimeMs,
    mode: stats.mode & 0o7777,
  };
}

/** Maps a Node fs error to a daemon error a user can act on. */
export function fsError(error: unknown, requested: string): DaemonError {
  if (error instanceof DaemonError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return new DaemonError("not_found", `"${requested}" does not exist.`);
    case "EEXIST":
      return new DaemonError("exists", `"${requested}" already exists.`);
    case "ENOTDIR":
      return new DaemonError("not_a_directory", `A part of "${requested}" is not a directory.`);
    case "EISDIR":
      return new DaemonError("is_a_directory", `"${requested}" is a directory.`);
    case "ENOTEMPTY":
      return new DaemonError("not_empty", `"${requested}" is not empty; delete it recursively to remove its contents.`);
    case "EACCES":
    case "EPERM":
      return new DaemonError("permission_denied", `Permission denied for "${requested}".`);
    default:
      return new DaemonError("internal", `File operation on "${requested}" failed: ${(error as Error).message}`);
  }
}

export async function statPath(requested: string): Promise<FileStat> {
  const absolute = await safePath(requested, { followFinal: false });
  return toFileStat(absolute, await lstat(absolute));
}

export async function listDir(requested: string): Promise<DirEntry[]> {
  const absolute = await safePath(requested);
  const dirents = await readdir(absolute, { withFileTypes: true });
  if (dirents.length > MAX_LIST_ENTRIES) {
    throw new DaemonError("too_large", `"${requested}" has ${dirents.length} entries; at most ${MAX_LIST_ENTRIES} can be listed.`);
  }
  const entries = await Promise.all(
    dirents.map(async (dirent) => {
      const stats = await lstat(posix.join(absolute, dirent.name)).catch(() => null);
      return stats ? { name: dirent.name, kind: kindOf(stats), size: stats.size, mtimeMs: stats.mtimeMs } : null;
    }),
  );
  return entries.filter((entry): entry is DirEntry => entry !== null).sort((a, b) => a.name.localeCompare(b.name));
}

export async function readFileTo(conn: Connection, requested: string, maxBytes = DEFAULT_MAX_READ_BYTES): Promise<void> {
  const absolute = await safePath(requested);
  const stats = await stat(absolute);
  if (stats.isDirectory()) throw new DaemonError("is_a_directory", `"${requested}" is a directory; list it instead.`);
  if (stats.size > maxBytes) {
    throw new DaemonError("too_large", `"${requested}" is ${stats.size} bytes; the limit for reading is ${maxBytes} bytes.`);
  }
  conn.send({ type: "file", stat: toFileStat(absolute, stats) });
  const stream = createReadStream(absolute, { highWaterMark: 1024 * 1024, end: maxBytes - 1 });
  for await (const chunk of stream) {
    if (!conn.sendData(chunk as Buffer, FrameKind.Data)) await new Promise((resolve) => conn.socket.once("drain", resolve));
  }
  conn.send({ type: "end" });
}

/** Receives `size` bytes of Data frames and writes them atomically (temp file + rename). */
export async function writeFileFrom(
  conn: Connection,
  request: { path: string; size: number; mkdirs?: boolean; expectedMtimeMs?: number },
): Promise<FileStat> {
  const absolute = await safePath(request.path);
  if (request.mkdirs) await mkdir(posix.dirname(absolute), { recursive: true });
  const current = await stat(absolute).catch(() => null);
  if (current?.isDirectory()) throw new DaemonError("is_a_directory", `"${request.path}" is a directory.`);
  if (request.expectedMtimeMs !== undefined && current && Math.abs(current.mtimeMs - request.expectedMtimeMs) > 0.5) {
    throw new DaemonError("conflict", `"${request.path}" changed since it was opened (someone else, or the agent, saved it).`);
  }
  const temp = posix.join(posix.dirname(absolute), `.${posix.basename(absolute)}.codeyard-${process.pid}-${Date.now()}`);
  const out = createWriteStream(temp, { mode: current ? current.mode & 0o777 : 0o644 });
  let received = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      out.once("error", reject);
      conn.socket.once("close", () => reject(new DaemonError("invalid_request", "The connection closed before the whole file arrived.")));
      if (request.size === 0) return resolve();
      conn.onFrame((frame) => {
        if (frame.kind !== FrameKind.Data) return reject(new DaemonError("invalid_request", "Expected file bytes."));
        received += frame.data.length;
        if (received > request.size) return reject(new DaemonError("too_large", `More than the announced ${request.size} bytes arrived.`));
        if (!out.write(frame.data)) {
          conn.socket.pause();
          out.once("drain", () => conn.socket.resume());
        }
        if (received === request.size) resolve();
      });
    });
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    await rename(temp, absolute);
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    throw error;
  }
  return toFileStat(absolute, await lstat(absolute));
}

export async function makeDir(requested: string, recursive: boolean): Promise<void> {
  await mkdir(await safePath(requested), { recursive });
}

export async function renamePath(from: string, to: string, overwrite: boolean): Promise<void> {
  const source = await safePath(from, { followFinal: false });
  const target = await safePath(to, { followFinal: false });
  if (source === workspaceRoot) throw new DaemonError("invalid_request", "The workspace root cannot be renamed.");
  if (!overwrite && (await lstat(target).catch(() => null))) throw new DaemonError("exists", `"${to}" already exists.`);
  await rename(source, target);
}

export async function deletePath(requested: string, recursive: boolean): Promise<void> {
  const absolute = await safePath(requested, { followFinal: false });
  if (absolute === workspaceRoot) throw new DaemonError("invalid_request", "The workspace root cannot be deleted.");
  const stats = await lstat(absolute);
  if (stats.isDirectory()) {
    if (recursive) await rm(absolute, { recursive: true });
    else await rmdir(absolute);
  } else {
    await unlink(absolute);
  }
}
