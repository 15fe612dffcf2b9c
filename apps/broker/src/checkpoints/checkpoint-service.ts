/**
 * Checkpoints of a session (after every agent turn and on demand), rewinding to one, and
 * branching a new session from one. The workspace and environment side is the sandbox manager's
 * (O(1) snapshots); this service keeps the rows, the session log and the rules:
 *  - a checkpoint sits at the seq of its own `checkpoint-created` event;
 *  - rewinding first checkpoints the present and keeps it as a branch, so nothing is destroyed;
 *  - a session may use its own checkpoints and those of its ancestors up to where it forked.
 */
import { randomUUID } from "node:crypto";
import { MAX_FILE_BYTES, ProtocolError, type CheckpointSummary } from "@codeyard/protocol";
import { resolveWorkspacePath, type CheckpointRefs, type SandboxManager } from "@codeyard/sandbox";
import type { Logger } from "pino";
import type { FinishedRun } from "../runs/run-service.js";
import type { EventLog } from "../sessions/event-log.js";
import type { SessionService } from "../sessions/session-service.js";
import type { BrokerStore, SessionRecord } from "../store.js";
import { KeyedQueue } from "../util/keyed-queue.js";
import type { CheckpointRow } from "./checkpoint-store.js";

export interface CheckpointServiceOptions {
  /** Checkpoints kept per session before the oldest unreferenced ones are deleted. */
  keepPerSession: number;
}

const refsOf = (row: CheckpointRow): CheckpointRefs & { processes: CheckpointRow["processes"] } => ({
  workspaceRef: row.workspaceRef,
  environmentRef: row.environmentRef,
  processes: row.processes,
});

export class CheckpointService {
  /** Checkpoint, rewind and keep of one session run one at a time. */
  readonly queue = new KeyedQueue();

  constructor(
    private readonly store: BrokerStore,
    private readonly manager: SandboxManager,
    private readonly sessions: SessionService,
    private readonly events: EventLog,
    private readonly isRunActive: (sessionId: string) => boolean,
    private readonly options: CheckpointServiceOptions,
    private readonly logger: Logger,
  ) {}

  private get rows() {
    return this.store.checkpoints;
  }

  /** Before a session's first agent turn: a checkpoint of where it starts, so that turn can be rewound too. */
  async beforeFirstRun(session: SessionRecord): Promise<void> {
    if (!(await this.rows.latest(session.id))) await this.create(session, "Start");
  }

  /** Every agent turn leaves a checkpoint (when the session's sandbox is still here). */
  async afterRun(run: FinishedRun): Promise<void> {
    const session = await this.store.sessionById(run.sessionId);
    if (!session?.sandboxId || !this.manager.info(session.sandboxId)) return;
    await this.create(session, run.prompt ? `After: ${run.prompt.replace(/\s+/g, " ").slice(0, 80)}` : "After agent turn");
  }

  /** Takes a checkpoint of the session's workspace and environment as they are now. */
  create(session: SessionRecord, label: string | null): Promise<CheckpointSummary> {
    return this.queue.run(session.id, () => this.createNow(session, label));
  }

  private async createNow(session: SessionRecord, label: string | null): Promise<CheckpointSummary> {
    const { sandboxId } = await this.sessions.sandbox(session);
    const previous = await this.rows.latest(session.id);
    const id = randomUUID();
    const capture = await this.manager.checkpoint(sandboxId, { name: id, previousEnvironmentRef: previous?.environmentRef ?? null });
    const summary = { checkpointId: id, sessionId: session.id, parentId: previous?.id ?? null, label: label?.slice(0, 200) ?? null, environmentChanged: capture.environmentChanged, durationMs: capture.durationMs };
    try {
      const [event] = await this.events.append(session.id, [{ type: "checkpoint-created", payload: summary }]);
      const row = { id, sessionId: session.id, seq: event!.seq, parentId: summary.parentId, workspaceRef: capture.workspaceRef, environmentRef: capture.environmentRef, processes: capture.processes, label: summary.label };
      await this.rows.create(row);
      this.logger.info({ sessionId: session.id, checkpointId: id, durationMs: capture.durationMs, environmentChanged: capture.environmentChanged }, "checkpoint taken");
      void this.prune(session.id);
      return { ...summary, seq: row.seq };
    } catch (error) {
      await this.manager.deleteCheckpoint(capture, { keepEnvironment: !capture.environmentChanged }).catch(() => undefined);
      throw error;
    }
  }

  /** The checkpoint, if this session may use it (its own, or an ancestor's from before the fork). */
  async reachable(session: SessionRecord, checkpointId: string): Promise<CheckpointRow> {
    const checkpoint = await this.rows.reachable(session.id, checkpointId);
    if (!checkpoint) throw new ProtocolError("not_found", `Checkpoint ${checkpointId} is not part of this session's history (or retention deleted it).`);
    return checkpoint;
  }

  private refuseWhileRunning(sessionId: string, what: string): void {
    if (this.isRunActive(sessionId)) throw new ProtocolError("conflict", `An agent run is going in this session; stop it before you ${what}.`);
  }

  /**
   * Puts files, environment and conversation back to the checkpoint. The present is checkpointed
   * first and kept as a branch session (its sandbox is forked from there when someone opens it).
   */
  rewind(session: SessionRecord, checkpointId: string, userId: string): Promise<{ futureSessionId: string }> {
    this.refuseWhileRunning(session.id, "rewind");
    return this.queue.run(session.id, async () => {
      const target = await this.reachable(session, checkpointId);
      const present = await this.createNow(session, "Before rewind");
      const presentRow = (await this.rows.byId(present.checkpointId))!;
      const futureSessionId = await this.rows.createBranch({ fromSessionId: session.id, checkpoint: presentRow, ownerId: userId, title: `${session.title || "Session"} (before rewind)`, sandboxId: null });
      const { sandboxId } = await this.sessions.sandbox(session);
      await this.manager.restore(sandboxId, refsOf(target));
      await this.events.append(session.id, [
        { type: "conversation-rewound", payload: { checkpointId: target.id, toSeq: target.seq, futureSessionId, futureCheckpointId: present.checkpointId } },
      ]);
      this.logger.info({ sessionId: session.id, checkpointId, futureSessionId }, "session rewound");
      return { futureSessionId };
    });
  }

  /** Puts the session's sandbox into the state of a checkpoint of another session (keeping an attempt). */
  async restoreFrom(session: SessionRecord, checkpoint: CheckpointRow): Promise<void> {
    const { sandboxId } = await this.sessions.sandbox(session);
    await this.manager.restore(sandboxId, refsOf(checkpoint));
  }

  /** A new session with its own running sandbox from the checkpoint, and the conversation up to it. */
  async branch(session: SessionRecord, checkpointId: string, userId: string, title: string, options: { announce?: boolean } = {}): Promise<string> {
    const checkpoint = await this.reachable(session, checkpointId);
    const sandbox = await this.manager.fork(refsOf(checkpoint), { projectId: session.projectId, config: await this.sessions.sandboxConfig(session) });
    let branchId: string;
    try {
      branchId = await this.rows.createBranch({ fromSessionId: checkpoint.sessionId, checkpoint, ownerId: userId, title, sandboxId: sandbox.id });
    } catch (error) {
      await this.manager.remove(sandbox.id).catch(() => undefined);
      throw error;
    }
    if (options.announce !== false) {
      await this.events.append(session.id, [{ type: "branch-created", payload: { sessionId: branchId, checkpointId, title } }]);
    }
    this.logger.info({ sessionId: session.id, branchId, checkpointId, sandboxId: sandbox.id }, "branch created");
    return branchId;
  }

  /**
   * Puts one file back as it was at the newest checkpoint before event `beforeSeq` (a file the
   * agent created is deleted), leaving the rest of the workspace as it is.
   */
  async rewindFile(session: SessionRecord, path: string, beforeSeq: number, userId: string): Promise<{ checkpointId: string; deleted: boolean }> {
    const checkpoint = await this.rows.before(session.id, beforeSeq);
    if (!checkpoint) throw new ProtocolError("not_found", "There is no checkpoint from before that change, so this file cannot be put back; change it in the IDE instead.");
    path = resolveWorkspacePath(path).replace(/^\/workspace\/?/, "");
    const content = await this.manager.readCheckpointFile(checkpoint.workspaceRef, path, MAX_FILE_BYTES);
    const { client } = await this.sessions.sandbox(session);
    if (content) await client.writeFile(path, content, { mkdirs: true });
    else await client.delete(path, { recursive: false }).catch((error: unknown) => {
      if ((error as { code?: string }).code !== "not_found") throw error;
    });
    const deleted = content === null;
    await this.events.append(session.id, [{ type: "file-rewound", payload: { path, checkpointId: checkpoint.id, deleted, rewoundBy: userId } }]);
    return { checkpointId: checkpoint.id, deleted };
  }

  /** The store entry holding a session's files now: its live workspace, or its latest checkpoint. */
  async workspaceOf(session: SessionRecord): Promise<string> {
    if (session.sandboxId && this.manager.info(session.sandboxId)) return session.sandboxId;
    const latest = await this.rows.latest(session.id);
    if (!latest) throw new ProtocolError("not_found", "This session has no files yet: open it once to start its sandbox.");
    return latest.workspaceRef;
  }

  /** Retention: deletes the oldest checkpoints past the limit that nothing branches from. */
  private async prune(sessionId: string): Promise<void> {
    try {
      for (const old of await this.rows.prunable(sessionId, this.options.keepPerSession)) {
        await this.rows.remove(old.id);
        const keepEnvironment = old.environmentRef ? await this.rows.environmentInUse(old.environmentRef, old.id) : true;
        await this.manager.deleteCheckpoint(old, { keepEnvironment });
      }
    } catch (error) {
      this.logger.warn({ err: error, sessionId }, "checkpoint retention failed; it retries after the next checkpoint");
    }
  }
}
