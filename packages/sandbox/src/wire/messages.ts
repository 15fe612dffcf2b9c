/**
 * Requests the broker sends to sandboxd (the daemon inside every sandbox) and the replies it gets.
 * Both sides validate with these schemas: the daemon trusts nothing from the socket, and the
 * broker trusts nothing the sandbox sends back.
 */
import { z } from "zod";

export const DAEMON_PROTOCOL_VERSION = 1;

const path = z.string().min(1).max(4096);
const envMap = z.record(z.string().max(256), z.string().max(32_768)).optional();

export const ExecRequest = z.object({
  op: z.literal("exec"),
  /** argv; when `shell` is set instead, it is run with `bash -lc`. */
  argv: z.array(z.string().max(65_536)).min(1).max(4096).optional(),
  shell: z.string().min(1).max(262_144).optional(),
  cwd: z.string().max(4096).optional(),
  env: envMap,
  timeoutMs: z.number().int().positive().max(24 * 3600 * 1000).optional(),
  maxOutputBytes: z.number().int().positive().max(256 * 1024 * 1024).optional(),
  stdin: z.boolean().optional(),
});

export const TerminalOpenRequest = z.object({
  op: z.literal("terminal-open"),
  /** Attach to this terminal; when absent a new one is created. */
  id: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/).optional(),
  cols: z.number().int().min(2).max(1000),
  rows: z.number().int().min(2).max(500),
  argv: z.array(z.string().max(4096)).min(1).max(256).optional(),
  cwd: z.string().max(4096).optional(),
  env: envMap,
});

export const DaemonRequest = z.discriminatedUnion("op", [
  z.object({ op: z.literal("hello") }),
  ExecRequest,
  TerminalOpenRequest,
  z.object({ op: z.literal("terminal-list") }),
  z.object({ op: z.literal("terminal-kill"), id: z.string().max(64) }),
  z.object({ op: z.literal("terminal-screen"), id: z.string().max(64) }),
  z.object({ op: z.literal("fs-list"), path }),
  z.object({ op: z.literal("fs-stat"), path }),
  z.object({ op: z.literal("fs-read"), path, maxBytes: z.number().int().positive().max(256 * 1024 * 1024).optional() }),
  z.object({
    op: z.literal("fs-write"),
    path,
    size: z.number().int().min(0).max(256 * 1024 * 1024),
    mkdirs: z.boolean().optional(),
    /** Optimistic concurrency: refuse with `conflict` when the file changed since this mtime. */
    expectedMtimeMs: z.number().optional(),
  }),
  z.object({ op: z.literal("fs-mkdir"), path, recursive: z.boolean().optional() }),
  z.object({ op: z.literal("fs-rename"), from: path, to: path, overwrite: z.boolean().optional() }),
  z.object({ op: z.literal("fs-delete"), path, recursive: z.boolean().optional() }),
  z.object({ op: z.literal("fs-watch"), path: path.optional() }),
  z.object({
    op: z.literal("fs-search"),
    query: z.string().min(1).max(1000),
    regex: z.boolean().optional(),
    caseSensitive: z.boolean().optional(),
    glob: z.string().max(500).optional(),
    path: path.optional(),
    maxResults: z.number().int().positive().max(10_000).optional(),
  }),
]);
export type DaemonRequest = z.infer<typeof DaemonRequest>;
export type ExecRequest = z.infer<typeof ExecRequest>;
export type TerminalOpenRequest = z.infer<typeof TerminalOpenRequest>;

/** Control messages the client may send on an open exec or terminal stream. */
export const StreamControl = z.discriminatedUnion("type", [
  z.object({ type: z.literal("kill"), signal: z.enum(["SIGTERM", "SIGKILL", "SIGINT", "SIGHUP"]).optional() }),
  z.object({ type: z.literal("stdin-end") }),
  z.object({ type: z.literal("resize"), cols: z.number().int().min(2).max(1000), rows: z.number().int().min(2).max(500) }),
]);
export type StreamControl = z.infer<typeof StreamControl>;

export const DaemonErrorCode = z.enum([
  "invalid_request",
  "not_found",
  "outside_workspace",
  "too_large",
  "exists",
  "not_a_directory",
  "is_a_directory",
  "not_empty",
  "conflict",
  "permission_denied",
  "unavailable",
  "internal",
]);
export type DaemonErrorCode = z.infer<typeof DaemonErrorCode>;

export const EntryKind = z.enum(["file", "dir", "symlink", "other"]);
export const FileStat = z.object({
  path: z.string(),
  kind: EntryKind,
  size: z.number(),
  mtimeMs: z.number(),
  mode: z.number(),
});
export type FileStat = z.infer<typeof FileStat>;

export const DirEntry = z.object({ name: z.string(), kind: EntryKind, size: z.number(), mtimeMs: z.number() });
export type DirEntry = z.infer<typeof DirEntry>;

export const ResourceLimitHit = z.enum(["pids", "memory"]);
export type ResourceLimitHit = z.infer<typeof ResourceLimitHit>;

export const ExecExit = z.object({
  type: z.literal("exit"),
  exitCode: z.number().nullable(),
  signal: z.string().nullable(),
  timedOut: z.boolean(),
  killed: z.boolean(),
  truncated: z.boolean(),
  durationMs: z.number(),
  limitHit: ResourceLimitHit.nullable(),
  message: z.string().nullable(),
});
export type ExecExit = z.infer<typeof ExecExit>;

export const TerminalInfo = z.object({
  id: z.string(),
  cols: z.number(),
  rows: z.number(),
  argv: z.array(z.string()),
  pid: z.number(),
  exitCode: z.number().nullable(),
});
export type TerminalInfo = z.infer<typeof TerminalInfo>;

export const FileChange = z.object({ path: z.string(), kind: z.enum(["changed", "renamed"]) });
export type FileChange = z.infer<typeof FileChange>;

export const SearchMatch = z.object({
  path: z.string(),
  line: z.number(),
  column: z.number(),
  text: z.string(),
});
export type SearchMatch = z.infer<typeof SearchMatch>;

export const DaemonReply = z.discriminatedUnion("type", [
  z.object({ type: z.literal("error"), code: DaemonErrorCode, message: z.string() }),
  z.object({ type: z.literal("hello"), version: z.number(), pid: z.number(), uptimeMs: z.number() }),
  z.object({ type: z.literal("ok") }),
  z.object({ type: z.literal("started"), pid: z.number() }),
  ExecExit,
  z.object({ type: z.literal("terminal"), terminal: TerminalInfo, created: z.boolean() }),
  z.object({ type: z.literal("screen"), bytes: z.number() }),
  z.object({ type: z.literal("terminal-exit"), exitCode: z.number().nullable() }),
  z.object({ type: z.literal("terminals"), terminals: z.array(TerminalInfo) }),
  z.object({ type: z.literal("entries"), entries: z.array(DirEntry) }),
  z.object({ type: z.literal("stat"), stat: FileStat }),
  z.object({ type: z.literal("file"), stat: FileStat }),
  z.object({ type: z.literal("end") }),
  z.object({ type: z.literal("written"), stat: FileStat }),
  z.object({ type: z.literal("changes"), changes: z.array(FileChange) }),
  z.object({ type: z.literal("matches"), matches: z.array(SearchMatch), truncated: z.boolean() }),
]);
export type DaemonReply = z.infer<typeof DaemonReply>;
