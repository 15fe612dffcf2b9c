/**
 * Turns raw socket.io events into validated, authorized handler calls. Every request gets exactly
 * one reply — `{ ok: true, data }` or a typed `{ ok: false, error }` — through its ack, or as a
 * `request-error` push when the client sent none. Nothing a client sends can crash the broker.
 * With several brokers, a request that needs a sandbox owned elsewhere is forwarded to its owner.
 */
import {
  ClientRequests,
  isClientRequestName,
  ProtocolError,
  type ClientRequestName,
  type ErrorBody,
  type ParsedRequestOf,
  type Reply,
  type ReplyOf,
  VIEWER_REQUESTS,
} from "@codeyard/protocol";
import { PathOutsideWorkspaceError, SandboxError } from "@codeyard/sandbox";
import type { Logger } from "pino";
import type { Socket } from "socket.io";
import type { ClusterRouter } from "../cluster/cluster-router.js";
import type { BrokerMetrics } from "../metrics.js";
import { sessionRoom } from "../sessions/event-log.js";
import type { SessionService } from "../sessions/session-service.js";
import { localChannel, type ClientChannel } from "./client-channel.js";
import { TokenBucket } from "./rate-limit.js";

export interface RequestContext {
  /** The signed-in user; "" on a viewer connection without a sign-in (only share handlers run there). */
  userId: string;
  client: ClientChannel;
  /** Set on read-only viewer connections (shared sessions): who is viewing, null when not signed in. */
  viewer?: { userId: string | null };
}

export type Handlers = { [N in ClientRequestName]: (ctx: RequestContext, request: ParsedRequestOf<N>) => Promise<ReplyOf<N>> };

/** Requests served by the broker that owns the session's sandbox. */
const SANDBOX_BOUND = new Set<ClientRequestName>([
  "terminal-open",
  "terminal-input",
  "terminal-resize",
  "terminal-ack",
  "terminal-detach",
  "terminal-close",
  "file-list",
  "file-read",
  "file-write",
  "file-mkdir",
  "file-rename",
  "file-delete",
  "file-search",
  "run-start",
  "run-message",
  "run-stop",
  "preview-list",
  "checkpoint-create",
  "checkpoint-rewind",
  "branch-create",
  "workspace-diff",
  "attempts-start",
  "attempts-keep",
  "file-rewind",
]);
/** Requests that need the connection to have joined the session first. */
const REQUIRES_JOIN = new Set<ClientRequestName>(["terminal-open", "terminal-close"]);

const SANDBOX_TO_PROTOCOL: Record<string, ErrorBody["code"]> = {
  invalid_request: "invalid_request",
  not_found: "not_found",
  outside_workspace: "outside_workspace",
  too_large: "too_large",
  exists: "conflict",
  conflict: "conflict",
  not_a_directory: "invalid_request",
  is_a_directory: "invalid_request",
  not_empty: "conflict",
  permission_denied: "forbidden",
  timeout: "timeout",
};

export function toErrorBody(error: unknown, logger: Logger): ErrorBody {
  if (error instanceof ProtocolError) return error.toBody();
  if (error instanceof SandboxError) return { code: SANDBOX_TO_PROTOCOL[error.code] ?? "unavailable", message: error.message };
  if (error instanceof PathOutsideWorkspaceError) return { code: "outside_workspace", message: error.message };
  logger.error({ err: error }, "request failed unexpectedly");
  return { code: "internal", message: "Something went wrong in the broker; the error was logged. Try again." };
}

export interface DispatchDeps {
  handlers: Handlers;
  sessions: SessionService;
  router: ClusterRouter;
  logger: Logger;
  metrics: BrokerMetrics;
}

/** Validates and runs one request for `ctx`; never throws. */
export async function execute(name: string, payload: unknown, ctx: RequestContext, deps: DispatchDeps, options: { route: boolean }): Promise<Reply<unknown>> {
  if (!isClientRequestName(name)) return { ok: false, error: { code: "unknown_event", message: `Unknown event "${name.slice(0, 64)}".` } };
  // Viewer connections (shared sessions) are read-only: they may send the share requests and nothing else.
  if (Boolean(ctx.viewer) !== VIEWER_REQUESTS.has(name)) {
    const message = ctx.viewer
      ? `This is a read-only viewer connection: it can only follow a shared session, not ${name}.`
      : `${name} is for viewer connections (handshake viewer: true); use session-join here.`;
    return { ok: false, error: { code: "forbidden", message } };
  }
  const parsed = ClientRequests[name].request.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at "${issue.path.join(".")}"` : "";
    return { ok: false, error: { code: "invalid_request", message: `Invalid ${name} request${where}: ${issue?.message ?? "malformed"}.` } };
  }
  const request = parsed.data as ParsedRequestOf<ClientRequestName> & { sessionId: string };
  const logger = deps.logger.child({ sessionId: request.sessionId, event: name });
  try {
    if (REQUIRES_JOIN.has(name) && !ctx.client.isIn(sessionRoom(request.sessionId))) {
      throw new ProtocolError("forbidden", `Join session ${request.sessionId} (session-join) before using it on this connection.`);
    }
    if (options.route && deps.router.clustered && SANDBOX_BOUND.has(name)) {
      const session = await deps.sessions.access(ctx.userId, request.sessionId);
      const owner = await deps.router.remoteOwner(session.sandboxId);
      if (owner) return await deps.router.forward({ to: owner, name, request: parsed.data, userId: ctx.userId, socketId: ctx.client.id });
    }
    const handler = deps.handlers[name] as (ctx: RequestContext, request: unknown) => Promise<unknown>;
    return { ok: true, data: await handler(ctx, parsed.data) };
  } catch (error) {
    return { ok: false, error: toErrorBody(error, logger) };
  }
}

export function attachDispatcher(socket: Socket, userId: string, deps: DispatchDeps, viewer?: RequestContext["viewer"]): void {
  const bucket = new TokenBucket(400, 200);
  const ctx: RequestContext = { userId, client: localChannel(socket), viewer };
  socket.onAny((name: unknown, ...args: unknown[]) => {
    const ack = typeof args.at(-1) === "function" ? (args.pop() as (reply: Reply<unknown>) => void) : undefined;
    const label = typeof name === "string" && isClientRequestName(name) ? name : "unknown";
    const respond = (reply: Reply<unknown>) => {
      deps.metrics.requests.inc({ event: label, outcome: reply.ok ? "ok" : reply.error.code });
      if (ack) ack(reply);
      else if (!reply.ok) socket.emit("request-error", { event: label, error: reply.error });
    };
    // Acks are not charged: there can be no more of them than output messages sent, and a refused
    // ack would stall the terminal.
    if (name !== "terminal-ack" && !bucket.take()) return respond({ ok: false, error: { code: "rate_limited", message: "Too many requests on this connection; slow down and retry." } });
    if (typeof name !== "string") return respond({ ok: false, error: { code: "unknown_event", message: "Event names are strings." } });
    void execute(name, args[0], ctx, deps, { route: true }).then(respond);
  });
}
