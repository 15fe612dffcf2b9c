/**
 * Socket.io events between the web app and the broker. Requests (client → broker) carry an ack
 * and are answered with `Reply<T>`; pushes (broker → client) have no reply. Names are
 * `<noun>-<action>`. Reliable events are in the session log; terminal bytes are volatile.
 */
import { z } from "zod";
import { Id, MAX_FILE_BYTES, MAX_PROMPT_CHARS, MAX_TERMINAL_INPUT_BYTES, Seq, WorkspacePath } from "./common.js";
import { CheckpointRequests } from "./checkpoints.js";
import { SessionEvent } from "./session-log.js";
import { ShareClosed, ShareRequests } from "./share-events.js";
import { NotificationRequests, NotificationServerEvents } from "./notification-events.js";
import { TaskRequests, TaskServerEvents } from "./task-events.js";

const sessionRef = { sessionId: Id };
const terminalRef = { sessionId: Id, terminalId: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/) };
const cols = z.number().int().min(2).max(1000);
const rows = z.number().int().min(2).max(500);

export const TerminalSummary = z.object({ id: z.string(), cols: z.number(), rows: z.number(), exitCode: z.number().nullable() });
export const SessionSummary = z.object({
  id: Id,
  projectId: Id,
  title: z.string(),
  sandboxId: z.string().nullable(),
  lastSeq: Seq,
});
export const FileEntry = z.object({ name: z.string(), kind: z.enum(["file", "dir", "symlink", "other"]), size: z.number(), mtimeMs: z.number() });
export const FileStatBody = z.object({ path: z.string(), kind: z.enum(["file", "dir", "symlink", "other"]), size: z.number(), mtimeMs: z.number() });
const Encoding = z.enum(["utf8", "base64"]);

/** Every request: its payload schema and the schema of the data in a successful reply. */
export const ClientRequests = {
  "session-join": {
    request: z.object({ ...sessionRef, lastSeq: Seq.default(0) }),
    reply: z.object({ session: SessionSummary, events: z.array(SessionEvent), more: z.boolean(), terminals: z.array(TerminalSummary) }),
  },
  "session-leave": { request: z.object(sessionRef), reply: z.object({}) },
  "session-events": {
    request: z.object({ ...sessionRef, afterSeq: Seq, limit: z.number().int().min(1).max(1000).default(500) }),
    reply: z.object({ events: z.array(SessionEvent), more: z.boolean() }),
  },
  "terminal-open": {
    request: z.object({ ...sessionRef, terminalId: terminalRef.terminalId.optional(), cols, rows }),
    reply: z.object({ terminal: TerminalSummary, screen: z.string(), created: z.boolean() }),
  },
  "terminal-input": {
    request: z.object({ ...terminalRef, data: z.string().max(MAX_TERMINAL_INPUT_BYTES) }),
    reply: z.object({}),
  },
  "terminal-resize": { request: z.object({ ...terminalRef, cols, rows }), reply: z.object({}) },
  /** Flow control: the client has rendered `bytes` more bytes of this terminal's output. */
  "terminal-ack": { request: z.object({ ...terminalRef, bytes: z.number().int().min(0).max(1 << 30) }), reply: z.object({}) },
  "terminal-detach": { request: z.object(terminalRef), reply: z.object({}) },
  "terminal-close": { request: z.object(terminalRef), reply: z.object({}) },
  "file-list": { request: z.object({ ...sessionRef, path: WorkspacePath }), reply: z.object({ entries: z.array(FileEntry) }) },
  "file-read": {
    request: z.object({ ...sessionRef, path: WorkspacePath }),
    reply: z.object({ stat: FileStatBody, content: z.string(), encoding: Encoding }),
  },
  "file-write": {
    request: z.object({
      ...sessionRef,
      path: WorkspacePath,
      content: z.string().max(Math.ceil((MAX_FILE_BYTES * 4) / 3) + 4),
      encoding: Encoding.default("utf8"),
      /** Refuse with `conflict` if the file changed since the client read it. */
      expectedMtimeMs: z.number().optional(),
    }),
    reply: z.object({ stat: FileStatBody }),
  },
  "file-mkdir": { request: z.object({ ...sessionRef, path: WorkspacePath }), reply: z.object({}) },
  "file-rename": { request: z.object({ ...sessionRef, from: WorkspacePath, to: WorkspacePath }), reply: z.object({}) },
  "file-delete": { request: z.object({ ...sessionRef, path: WorkspacePath, recursive: z.boolean().default(false) }), reply: z.object({}) },
  "file-search": {
    request: z.object({ ...sessionRef, query: z.string().min(1).max(1000), regex: z.boolean().default(false), glob: z.string().max(500).optional() }),
    reply: z.object({ matches: z.array(z.object({ path: z.string(), line: z.number(), column: z.number(), text: z.string() })), truncated: z.boolean() }),
  },
  /** Starts an agent run in the session; its steps arrive as session events. */
  "run-start": {
    request: z.object({
      ...sessionRef,
      prompt: z.string().trim().min(1).max(MAX_PROMPT_CHARS),
      /** Another model of the project's provider for this run only. */
      model: z.string().min(1).max(256).optional(),
    }),
    reply: z.object({ runId: z.string() }),
  },
  /** A message for a running agent: it reaches the model at the next step. */
  "run-message": { request: z.object({ ...sessionRef, runId: z.string().max(128), text: z.string().trim().min(1).max(MAX_PROMPT_CHARS) }), reply: z.object({}) },
  "run-stop": { request: z.object({ ...sessionRef, runId: z.string().max(128) }), reply: z.object({}) },
  /** Ports listening in the sandbox, each with a preview URL on its own origin. */
  "preview-list": {
    request: z.object(sessionRef),
    reply: z.object({ ports: z.array(z.object({ port: z.number().int(), url: z.string(), pathUrl: z.string() })), reason: z.string().optional() }),
  },
  ...CheckpointRequests,
  ...ShareRequests,
  ...TaskRequests,
  ...NotificationRequests,
} as const;

export type ClientRequestName = keyof typeof ClientRequests;
export type RequestOf<N extends ClientRequestName> = z.input<(typeof ClientRequests)[N]["request"]>;
export type ParsedRequestOf<N extends ClientRequestName> = z.output<(typeof ClientRequests)[N]["request"]>;
export type ReplyOf<N extends ClientRequestName> = z.infer<(typeof ClientRequests)[N]["reply"]>;

export function isClientRequestName(name: string): name is ClientRequestName {
  return Object.hasOwn(ClientRequests, name);
}

/** Pushes from the broker. */
export const ServerEvents = {
  "session-event": z.object({ event: SessionEvent }),
  "terminal-output": z.object({ ...terminalRef, data: z.instanceof(Uint8Array) }),
  "terminal-exit": z.object({ ...terminalRef, exitCode: z.number().nullable() }),
  "share-closed": ShareClosed,
  ...TaskServerEvents,
  ...NotificationServerEvents,
} as const;
export type ServerEventName = keyof typeof ServerEvents;
export type ServerEventOf<N extends ServerEventName> = z.infer<(typeof ServerEvents)[N]>;

/**
 * Handshake `auth` payload: the protocol version spoken, and the web login's token — or none, in
 * a browser, where the broker reads the httpOnly login cookie (SESSION_COOKIE) instead.
 */
export const HandshakeAuth = z.object({
  token: z.string().min(16).max(512).optional(),
  protocol: z.literal(1),
  /** A read-only viewer connection (shared sessions): signed in or not, it may only send VIEWER_REQUESTS. */
  viewer: z.literal(true).optional(),
});
/** Name of the web login cookie; it holds the token whose SHA-256 an AuthSession row stores. */
export const SESSION_COOKIE = "codeyard_session";
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;
