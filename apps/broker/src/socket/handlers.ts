/** The broker's request handlers, one per client request of the protocol. */
import { ProtocolError, type CheckpointRequests } from "@codeyard/protocol";
import { resolveWorkspacePath } from "@codeyard/sandbox";
import type { EventLog } from "../sessions/event-log.js";
import { sessionRoom } from "../sessions/event-log.js";
import type { SessionService } from "../sessions/session-service.js";
import type { TerminalBridge } from "../terminals/terminal-bridge.js";
import type { ClusterRouter } from "../cluster/cluster-router.js";
import { listeningPorts } from "../preview/preview-ports.js";
import { PREVIEW_TOKEN_PARAM } from "../preview/preview-proxy.js";
import type { PreviewTokens } from "../preview/preview-tokens.js";
import type { RunService } from "../runs/run-service.js";
import type { ShareHandlers } from "../sharing/share-handlers.js";
import type { Handlers, RequestContext } from "./dispatch.js";
import { createTaskHandlers } from "./task-handlers.js";

const MAX_REPLAY = 1000;

type CoreRequestName = Exclude<keyof Handlers, keyof typeof CheckpointRequests>;

/** Operations only brokers ask each other for (never accepted from a client). */
export type InternalHandlers = Record<string, (ctx: RequestContext, request: unknown) => Promise<unknown>>;

export interface PreviewLinks {
  tokens: PreviewTokens;
  /** The preview origin of one sandbox port. */
  origin(port: number, sandboxId: string): string;
  /** Base of the path-mode fallback (`<base>/p/<sandboxId>/<port>/`). */
  pathBase: string;
}

export function createHandlers(deps: {
  /** Handlers of other areas (checkpoints, …), merged in as they are. */
  more: Omit<Handlers, CoreRequestName>;
  sessions: SessionService;
  events: EventLog;
  terminals: TerminalBridge;
  runs: RunService;
  router: ClusterRouter;
  previews: PreviewLinks;
  share: ShareHandlers;
  tasks: Parameters<typeof createTaskHandlers>[0];
}): {
  requests: Handlers;
  internal: InternalHandlers;
} {
  const { sessions, events, terminals, runs, router, previews } = deps;

  /** Access check plus the session's running sandbox, for requests that touch the sandbox. */
  const sandboxOf = async (ctx: RequestContext, sessionId: string) => {
    const session = await sessions.access(ctx.userId, sessionId);
    return { session, ...(await sessions.sandbox(session)) };
  };
  /** The session's sandbox id and terminals, from whichever broker owns the sandbox. */
  const sandboxSummary = async (ctx: RequestContext, sessionId: string, session: Awaited<ReturnType<SessionService["access"]>>) => {
    const owner = await router.remoteOwner(session.sandboxId);
    if (owner) {
      const reply = await router.forward({ to: owner, name: "sandbox-summary", request: { sessionId }, userId: ctx.userId, socketId: ctx.client.id });
      if (!reply.ok) throw new ProtocolError(reply.error.code, reply.error.message);
      return reply.data as { sandboxId: string; terminals: { id: string; cols: number; rows: number; exitCode: number | null }[] };
    }
    return localSandboxSummary(session);
  };
  const localSandboxSummary = async (session: Awaited<ReturnType<SessionService["access"]>>) => {
    const { sandboxId, client } = await sessions.sandbox(session);
    const list = await client.listTerminals();
    return { sandboxId, terminals: list.map((terminal) => ({ id: terminal.id, cols: terminal.cols, rows: terminal.rows, exitCode: terminal.exitCode })) };
  };

  const internal: InternalHandlers = {
    "sandbox-summary": async (ctx, request) => localSandboxSummary(await sessions.access(ctx.userId, (request as { sessionId: string }).sessionId)),
  };

  const requests: Handlers = {
    ...deps.more,
    ...createTaskHandlers(deps.tasks),
    "session-join": async (ctx, request) => {
      const session = await sessions.access(ctx.userId, request.sessionId);
      // Join first, then read: an event written in between arrives live and from the log, and
      // the client's EventSequencer keeps one copy. The other order could lose it.
      await ctx.client.join(sessionRoom(session.id));
      const backlog = await events.read(session.id, request.lastSeq, MAX_REPLAY + 1);
      const { sandboxId, terminals: list } = await sandboxSummary(ctx, session.id, session);
      return {
        session: { id: session.id, projectId: session.projectId, title: session.title, sandboxId, lastSeq: backlog.at(-1)?.seq ?? request.lastSeq },
        events: backlog.slice(0, MAX_REPLAY),
        more: backlog.length > MAX_REPLAY,
        terminals: list,
      };
    },
    "session-leave": async (ctx, request) => {
      await ctx.client.leave(sessionRoom(request.sessionId));
      return {};
    },
    "session-events": async (ctx, request) => {
      await sessions.access(ctx.userId, request.sessionId);
      const page = await events.read(request.sessionId, request.afterSeq, request.limit + 1);
      return { events: page.slice(0, request.limit), more: page.length > request.limit };
    },
    "terminal-open": async (ctx, request) => {
      const { sandboxId, client } = await sandboxOf(ctx, request.sessionId);
      return terminals.open(ctx.client, { sessionId: request.sessionId, sandboxId, client, userId: ctx.userId }, request);
    },
    "terminal-input": async (ctx, request) => {
      await terminals.input(ctx.client, request.sessionId, request.terminalId, request.data);
      return {};
    },
    "terminal-resize": async (ctx, request) => {
      terminals.resize(ctx.client, request.sessionId, request.terminalId, request.cols, request.rows);
      return {};
    },
    "terminal-ack": async (ctx, request) => {
      terminals.ack(ctx.client, request.sessionId, request.terminalId, request.bytes);
      return {};
    },
    "terminal-detach": async (ctx, request) => {
      terminals.detach(ctx.client, request.sessionId, request.terminalId);
      return {};
    },
    "terminal-close": async (ctx, request) => {
      const { client } = await sandboxOf(ctx, request.sessionId);
      terminals.detach(ctx.client, request.sessionId, request.terminalId);
      await client.killTerminal(request.terminalId);
      await events.append(request.sessionId, [{ type: "terminal-closed", payload: { terminalId: request.terminalId, exitCode: null } }]);
      return {};
    },
    "file-list": async (ctx, request) => {
      const { client } = await sandboxOf(ctx, request.sessionId);
      return { entries: await client.list(request.path) };
    },
    "file-read": async (ctx, request) => {
      const { client } = await sandboxOf(ctx, request.sessionId);
      const { stat, content } = await client.readFile(request.path);
      const text = content.toString("utf8");
      const isText = Buffer.from(text, "utf8").equals(content);
      return { stat: { path: stat.path, kind: stat.kind, size: stat.size, mtimeMs: stat.mtimeMs }, content: isText ? text : content.toString("base64"), encoding: isText ? "utf8" : "base64" };
    },
    "file-write": async (ctx, request) => {
      const { client } = await sandboxOf(ctx, request.sessionId);
      const bytes = Buffer.from(request.content, request.encoding);
      sessions.noteOwnWrite(request.sessionId, resolveWorkspacePath(request.path).replace(/^\/workspace\/?/, ""));
      const stat = await client.writeFile(request.path, bytes, { expectedMtimeMs: request.expectedMtimeMs, mkdirs: true });
      await events.append(request.sessionId, [{ type: "file-saved", payload: { path: stat.path, size: stat.size, savedBy: ctx.userId } }]);
      return { stat: { path: stat.path, kind: stat.kind, size: stat.size, mtimeMs: stat.mtimeMs } };
    },
    "file-mkdir": async (ctx, request) => {
      const { client } = await sandboxOf(ctx, request.sessionId);
      await client.mkdir(request.path, { recursive: true });
      return {};
    },
    "file-rename": async (ctx, request) => {
      const { client } = await sandboxOf(ctx, request.sessionId);
      await client.rename(request.from, request.to);
      return {};
    },
    "file-delete": async (ctx, request) => {
      const { client } = await sandboxOf(ctx, request.sessionId);
      await client.delete(request.path, { recursive: request.recursive });
      return {};
    },
    "file-search": async (ctx, request) => {
      const { client } = await sandboxOf(ctx, request.sessionId);
      return client.search({ query: request.query, regex: request.regex, glob: request.glob, maxResults: 500 });
    },
    "run-start": async (ctx, request) => runs.start(await sessions.access(ctx.userId, request.sessionId), request.prompt, request.model),
    "run-message": async (ctx, request) => {
      await sessions.access(ctx.userId, request.sessionId);
      await runs.send(request.sessionId, request.runId, request.text);
      return {};
    },
    "run-stop": async (ctx, request) => {
      await sessions.access(ctx.userId, request.sessionId);
      runs.stop(request.sessionId, request.runId);
      return {};
    },
    "preview-list": async (ctx, request) => {
      const { sandboxId, client } = await sandboxOf(ctx, request.sessionId);
      const ports = await listeningPorts(client);
      return {
        ports: ports.map((port) => {
          const token = encodeURIComponent(previews.tokens.issue({ sandboxId, port, userId: ctx.userId }));
          return { port, url: `${previews.origin(port, sandboxId)}/?${PREVIEW_TOKEN_PARAM}=${token}`, pathUrl: `${previews.pathBase}/p/${sandboxId}/${port}/?${PREVIEW_TOKEN_PARAM}=${token}` };
        }),
      };
    },
    ...deps.share,
  };
  return { requests, internal };
}
