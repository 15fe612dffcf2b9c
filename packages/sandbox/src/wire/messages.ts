/**
 * Requests the broker sends to sandboxd (the daemon inside every sandbox) and the replies it gets.
 * Both sides validate with these schemas: the daemon trusts nothing from the socket, and the
 * broker trusts nothing the sandbox sends back.
 *
 * Valibot, not zod, because this module is bundled into sandboxd, one copy per sandbox: zod adds
 * ~11 MB to each daemon's heap, valibot ~0.2 MB (docs/decisions/2026-11-22-sandbox-runtime.md).
 */
import * as v from "valibot";

export const DAEMON_PROTOCOL_VERSION = 1;

const str = (max: number) => v.pipe(v.string(), v.maxLength(max));
const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const path = v.pipe(v.string(), v.minLength(1), v.maxLength(4096));
const envMap = v.optional(v.record(str(256), str(32_768)));
const terminalId = v.pipe(v.string(), v.regex(/^[a-zA-Z0-9_-]{1,64}$/));

export const ExecRequest = v.object({
  op: v.literal("exec"),
  /** argv; when `shell` is set instead, it is run with `bash -c`. */
  argv: v.optional(v.pipe(v.array(str(65_536)), v.minLength(1), v.maxLength(4096))),
  shell: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(262_144))),
  cwd: v.optional(str(4096)),
  env: envMap,
  timeoutMs: v.optional(int(1, 24 * 3600 * 1000)),
  maxOutputBytes: v.optional(int(1, 256 * 1024 * 1024)),
  stdin: v.optional(v.boolean()),
});

export const TerminalOpenRequest = v.object({
  op: v.literal("terminal-open"),
  /** Attach to this terminal; when absent a new one is created. */
  id: v.optional(terminalId),
  cols: int(2, 1000),
  rows: int(2, 500),
  argv: v.optional(v.pipe(v.array(str(4096)), v.minLength(1), v.maxLength(256))),
  cwd: v.optional(str(4096)),
  env: envMap,
});

/** Starts a detached long-running process (a dev server a checkpoint recorded). */
export const ProcessStartRequest = v.object({
  op: v.literal("process-start"),
  /** A command line, run with `bash -c`. */
  command: v.pipe(v.string(), v.minLength(1), v.maxLength(65_536)),
  cwd: path,
  env: envMap,
  /** Output goes to /tmp/codeyard-process-<logName>.log. */
  logName: v.pipe(v.string(), v.regex(/^[a-zA-Z0-9_-]{1,64}$/)),
});

export const DaemonRequest = v.variant("op", [
  v.object({ op: v.literal("hello") }),
  ExecRequest,
  TerminalOpenRequest,
  v.object({ op: v.literal("terminal-list") }),
  v.object({ op: v.literal("terminal-kill"), id: str(64) }),
  v.object({ op: v.literal("terminal-screen"), id: str(64) }),
  v.object({ op: v.literal("fs-list"), path }),
  v.object({ op: v.literal("fs-stat"), path }),
  v.object({ op: v.literal("fs-read"), path, maxBytes: v.optional(int(1, 256 * 1024 * 1024)) }),
  v.object({
    op: v.literal("fs-write"),
    path,
    size: int(0, 256 * 1024 * 1024),
    mkdirs: v.optional(v.boolean()),
    /** Optimistic concurrency: refuse with `conflict` when the file changed since this mtime. */
    expectedMtimeMs: v.optional(v.number()),
  }),
  v.object({ op: v.literal("fs-mkdir"), path, recursive: v.optional(v.boolean()) }),
  v.object({ op: v.literal("fs-rename"), from: path, to: path, overwrite: v.optional(v.boolean()) }),
  v.object({ op: v.literal("fs-delete"), path, recursive: v.optional(v.boolean()) }),
  v.object({ op: v.literal("fs-watch"), path: v.optional(path) }),
  /** A TCP connection to 127.0.0.1:port inside the sandbox; after `ok`, data frames both ways. */
  v.object({ op: v.literal("tcp-connect"), port: int(1, 65_535) }),
  v.object({
    op: v.literal("fs-search"),
    query: v.pipe(v.string(), v.minLength(1), v.maxLength(1000)),
    regex: v.optional(v.boolean()),
    caseSensitive: v.optional(v.boolean()),
    glob: v.optional(str(500)),
    path: v.optional(path),
    maxResults: v.optional(int(1, 10_000)),
  }),
  /** Processes listening on TCP ports, with what it takes to start them again. */
  v.object({ op: v.literal("listeners-list") }),
  ProcessStartRequest,
]);
export type DaemonRequest = v.InferOutput<typeof DaemonRequest>;
export type ExecRequest = v.InferOutput<typeof ExecRequest>;
export type TerminalOpenRequest = v.InferOutput<typeof TerminalOpenRequest>;
export type ProcessStartRequest = v.InferOutput<typeof ProcessStartRequest>;

/** Control messages the client may send on an open exec or terminal stream. */
export const StreamControl = v.variant("type", [
  v.object({ type: v.literal("kill"), signal: v.optional(v.picklist(["SIGTERM", "SIGKILL", "SIGINT", "SIGHUP"])) }),
  v.object({ type: v.literal("stdin-end") }),
  v.object({ type: v.literal("resize"), cols: int(2, 1000), rows: int(2, 500) }),
]);
export type StreamControl = v.InferOutput<typeof StreamControl>;

export const DaemonErrorCode = v.picklist([
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
export type DaemonErrorCode = v.InferOutput<typeof DaemonErrorCode>;

const EntryKind = v.picklist(["file", "dir", "symlink", "other"]);
export const FileStat = v.object({ path: v.string(), kind: EntryKind, size: v.number(), mtimeMs: v.number(), mode: v.number() });
export type FileStat = v.InferOutput<typeof FileStat>;

export const DirEntry = v.object({ name: v.string(), kind: EntryKind, size: v.number(), mtimeMs: v.number() });
export type DirEntry = v.InferOutput<typeof DirEntry>;

export const ResourceLimitHit = v.picklist(["pids", "memory"]);
export type ResourceLimitHit = v.InferOutput<typeof ResourceLimitHit>;

export const ExecExit = v.object({
  type: v.literal("exit"),
  exitCode: v.nullable(v.number()),
  signal: v.nullable(v.string()),
  timedOut: v.boolean(),
  killed: v.boolean(),
  truncated: v.boolean(),
  durationMs: v.number(),
  limitHit: v.nullable(ResourceLimitHit),
  message: v.nullable(v.string()),
});
export type ExecExit = v.InferOutput<typeof ExecExit>;

export const TerminalInfo = v.object({
  id: v.string(),
  cols: v.number(),
  rows: v.number(),
  argv: v.array(v.string()),
  pid: v.number(),
  exitCode: v.nullable(v.number()),
});
export type TerminalInfo = v.InferOutput<typeof TerminalInfo>;

export const FileChange = v.object({ path: v.string(), kind: v.picklist(["changed", "renamed"]) });
export type FileChange = v.InferOutput<typeof FileChange>;

export const SearchMatch = v.object({ path: v.string(), line: v.number(), column: v.number(), text: v.string() });
export type SearchMatch = v.InferOutput<typeof SearchMatch>;

export const ListeningProcess = v.object({
  pid: v.number(),
  /** The lowest port it listens on. */
  port: v.number(),
  ports: v.array(v.number()),
  argv: v.array(v.string()),
  /** `argv` quoted for `bash -c`. */
  command: v.string(),
  cwd: v.string(),
  /** Variables it sets beyond the sandbox's own environment. */
  env: v.record(v.string(), v.string()),
});
export type ListeningProcess = v.InferOutput<typeof ListeningProcess>;

export const DaemonReply = v.variant("type", [
  v.object({ type: v.literal("error"), code: DaemonErrorCode, message: v.string() }),
  v.object({ type: v.literal("hello"), version: v.number(), pid: v.number(), uptimeMs: v.number() }),
  v.object({ type: v.literal("ok") }),
  v.object({ type: v.literal("started"), pid: v.number() }),
  ExecExit,
  v.object({ type: v.literal("terminal"), terminal: TerminalInfo, created: v.boolean() }),
  v.object({ type: v.literal("screen"), bytes: v.number() }),
  v.object({ type: v.literal("terminal-exit"), exitCode: v.nullable(v.number()) }),
  v.object({ type: v.literal("terminals"), terminals: v.array(TerminalInfo) }),
  v.object({ type: v.literal("entries"), entries: v.array(DirEntry) }),
  v.object({ type: v.literal("stat"), stat: FileStat }),
  v.object({ type: v.literal("file"), stat: FileStat }),
  v.object({ type: v.literal("end") }),
  v.object({ type: v.literal("written"), stat: FileStat }),
  v.object({ type: v.literal("changes"), changes: v.array(FileChange) }),
  v.object({ type: v.literal("matches"), matches: v.array(SearchMatch), truncated: v.boolean() }),
  v.object({ type: v.literal("listeners"), listeners: v.array(ListeningProcess) }),
  v.object({ type: v.literal("process-started"), pid: v.number(), logPath: v.string() }),
]);
export type DaemonReply = v.InferOutput<typeof DaemonReply>;

/** A short reason for the first validation issue, for error messages. */
export function firstIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return "invalid";
  const where = issue.path?.map((item) => String(item.key)).join(".");
  return where ? `${where}: ${issue.message}` : issue.message;
}
