/** Request handlers for checkpoints, rewind, branches, diffs and attempts. */
import { ProtocolError, type CheckpointRequests, type DiffSide } from "@codeyard/protocol";
import type { SandboxManager } from "@codeyard/sandbox";
import type { SessionService } from "../sessions/session-service.js";
import type { Handlers, RequestContext } from "../socket/dispatch.js";
import type { BrokerStore } from "../store.js";
import type { AttemptService } from "./attempt-service.js";
import type { CheckpointService } from "./checkpoint-service.js";

type CheckpointHandlers = Pick<Handlers, keyof typeof CheckpointRequests>;

export function createCheckpointHandlers(deps: {
  store: BrokerStore;
  manager: SandboxManager;
  sessions: SessionService;
  checkpoints: CheckpointService;
  attempts: AttemptService;
}): CheckpointHandlers {
  const { store, manager, sessions, checkpoints, attempts } = deps;

  /** The store entry of one side of a diff, after checking the user may read it. */
  const workspaceOfSide = async (ctx: RequestContext, side: DiffSide): Promise<string> => {
    if (side.kind === "session") return checkpoints.workspaceOf(await sessions.access(ctx.userId, side.sessionId));
    const checkpoint = await store.checkpoints.byId(side.checkpointId);
    if (!checkpoint) throw new ProtocolError("not_found", `Checkpoint ${side.checkpointId} does not exist (retention may have deleted it).`);
    await sessions.access(ctx.userId, checkpoint.sessionId);
    return checkpoint.workspaceRef;
  };

  return {
    "checkpoint-create": async (ctx, request) => ({ checkpoint: await checkpoints.create(await sessions.access(ctx.userId, request.sessionId), request.label ?? "Checkpoint") }),
    "checkpoint-rewind": async (ctx, request) => checkpoints.rewind(await sessions.access(ctx.userId, request.sessionId), request.checkpointId, ctx.userId),
    "branch-create": async (ctx, request) => {
      const session = await sessions.access(ctx.userId, request.sessionId);
      const title = request.title ?? `${session.title || "Session"} (branch)`;
      return { sessionId: await checkpoints.branch(session, request.checkpointId, ctx.userId, title) };
    },
    "branch-list": async (ctx, request) => {
      await sessions.access(ctx.userId, request.sessionId);
      return { branches: await store.checkpoints.family(request.sessionId) };
    },
    "workspace-diff": async (ctx, request) => {
      await sessions.access(ctx.userId, request.sessionId);
      const [from, to] = await Promise.all([workspaceOfSide(ctx, request.from), workspaceOfSide(ctx, request.to)]);
      return manager.diffWorkspaces(from, to);
    },
    "file-rewind": async (ctx, request) => checkpoints.rewindFile(await sessions.access(ctx.userId, request.sessionId), request.path, request.beforeSeq, ctx.userId),
    "attempts-start": async (ctx, request) => attempts.start(await sessions.access(ctx.userId, request.sessionId), request, ctx.userId),
    "attempts-get": async (ctx, request) => attempts.get(await sessions.access(ctx.userId, request.sessionId), request.groupId),
    "attempts-keep": async (ctx, request) => {
      await attempts.keep(await sessions.access(ctx.userId, request.sessionId), request.groupId, request.attemptId);
      return {};
    },
  };
}
