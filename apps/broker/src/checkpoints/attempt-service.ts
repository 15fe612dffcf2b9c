/**
 * Best-of-N: the same prompt run N times from one checkpoint, each attempt in its own branch
 * session and sandbox (optionally each with another model). When an attempt's agent is done its
 * sandbox runs the project's verify command, and the attempt is scored by that result, its diff
 * against the checkpoint and its cost. Keeping one makes it the session's continuation: the
 * session's sandbox takes the attempt's files and environment and its log gets the attempt's turn.
 */
import { MAX_EVENTS_PER_APPEND } from "@codeyard/db";
import { isRunEventType, ProtocolError, rankAttempts, type AttemptGroupSummary, type ParsedRequestOf } from "@codeyard/protocol";
import type { SandboxManager } from "@codeyard/sandbox";
import type { Logger } from "pino";
import type { FinishedRun, RunService } from "../runs/run-service.js";
import type { EventLog } from "../sessions/event-log.js";
import type { SessionService } from "../sessions/session-service.js";
import type { BrokerStore, NewEvent, SessionRecord } from "../store.js";
import type { CheckpointService } from "./checkpoint-service.js";
import type { AttemptGroupRow, AttemptRow } from "./checkpoint-store.js";

const VERIFY_TIMEOUT_MS = 15 * 60_000;
const VERIFY_OUTPUT_BYTES = 64 * 1024;
/** Tail of the verify output kept on the attempt. */
const VERIFY_OUTPUT_KEPT = 8_000;

export class AttemptService {
  constructor(
    private readonly store: BrokerStore,
    private readonly manager: SandboxManager,
    private readonly sessions: SessionService,
    private readonly checkpoints: CheckpointService,
    private readonly runs: RunService,
    private readonly events: EventLog,
    private readonly logger: Logger,
  ) {
    runs.onFinished((run) => this.onRunFinished(run));
  }

  private get rows() {
    return this.store.checkpoints;
  }

  async start(session: SessionRecord, request: ParsedRequestOf<"attempts-start">, userId: string): Promise<{ groupId: string; checkpointId: string }> {
    const checkpointId = request.checkpointId ?? (await this.checkpoints.create(session, "Before attempts")).checkpointId;
    const checkpoint = await this.checkpoints.reachable(session, checkpointId);
    const defaultModel = (await this.store.modelSettings(session.projectId)).primary.model;
    const models = Array.from({ length: request.count }, (_, index) => request.models?.length ? request.models[index % request.models.length]! : defaultModel);
    const branches = await Promise.allSettled(
      models.map((model, index) => this.checkpoints.branch(session, checkpoint.id, userId, `Attempt ${index + 1} (${model})`, { announce: false })),
    );
    const failed = branches.find((branch) => branch.status === "rejected");
    if (failed) {
      for (const branch of branches) if (branch.status === "fulfilled") await this.archive(branch.value);
      throw failed.reason;
    }
    const sessionIds = branches.map((branch) => (branch as PromiseFulfilledResult<string>).value);
    const group = await this.rows.createAttemptGroup({
      sessionId: session.id,
      checkpointId: checkpoint.id,
      prompt: request.prompt,
      verifyCommand: request.verifyCommand ?? (session.project.verifyCommand?.trim() || null),
      createdById: userId,
      attempts: sessionIds.map((sessionId, index) => ({ sessionId, model: models[index]! })),
    });
    await this.events.append(session.id, [
      {
        type: "attempts-started",
        payload: { groupId: group.id, checkpointId: checkpoint.id, prompt: request.prompt, attempts: group.attempts.map(({ attemptId, sessionId, model }) => ({ attemptId, sessionId, model })) },
      },
    ]);
    for (const attempt of group.attempts) await this.startAttempt(group, attempt);
    return { groupId: group.id, checkpointId: checkpoint.id };
  }

  private async startAttempt(group: AttemptGroupRow, attempt: AttemptRow): Promise<void> {
    try {
      const branch = await this.sessionOf(attempt.sessionId);
      await this.runs.start(branch, group.prompt, attempt.model);
      await this.update(group.sessionId, attempt.attemptId, { status: "running" });
    } catch (error) {
      this.logger.warn({ err: error, attemptId: attempt.attemptId }, "attempt did not start");
      await this.update(group.sessionId, attempt.attemptId, { status: "failed", verifyResult: "error", verifyOutput: (error as Error).message });
    }
  }

  private async onRunFinished(run: FinishedRun): Promise<void> {
    const attempt = await this.rows.attemptOfSession(run.sessionId);
    if (!attempt || attempt.outcome !== "open") return;
    const group = (await this.rows.attemptGroup(attempt.groupId))!;
    const branch = await this.sessionOf(attempt.sessionId);
    const checkpoint = await this.rows.byId(group.checkpointId);
    const scored = { status: run.status, costUsd: attempt.costUsd + run.costUsd, ...(await this.verify(branch, group)) };
    if (checkpoint) {
      const diff = await this.manager.diffWorkspaces(checkpoint.workspaceRef, await this.checkpoints.workspaceOf(branch), { maxPatchBytes: 1 });
      Object.assign(scored, {
        diffFiles: diff.files.length,
        diffAdded: diff.files.reduce((sum, file) => sum + file.added, 0),
        diffRemoved: diff.files.reduce((sum, file) => sum + file.removed, 0),
      });
    }
    await this.update(group.sessionId, attempt.attemptId, scored);
  }

  private async verify(branch: SessionRecord, group: AttemptGroupRow): Promise<Pick<AttemptRow, "verifyResult" | "verifyOutput">> {
    if (!group.verifyCommand) return { verifyResult: null, verifyOutput: null };
    try {
      const { client } = await this.sessions.sandbox(branch);
      const result = await client.exec({ shell: group.verifyCommand, cwd: "/workspace", timeoutMs: VERIFY_TIMEOUT_MS, maxOutputBytes: VERIFY_OUTPUT_BYTES });
      const output = `${result.stdout}${result.stderr}`.slice(-VERIFY_OUTPUT_KEPT);
      if (result.timedOut) return { verifyResult: "error", verifyOutput: `Timed out after ${VERIFY_TIMEOUT_MS / 60_000} minutes.\n${output}` };
      return { verifyResult: result.exitCode === 0 ? "passed" : "failed", verifyOutput: output };
    } catch (error) {
      return { verifyResult: "error", verifyOutput: (error as Error).message };
    }
  }

  private async update(parentSessionId: string, attemptId: string, update: Parameters<BrokerStore["checkpoints"]["updateAttempt"]>[1]): Promise<void> {
    const row = await this.rows.updateAttempt(attemptId, update);
    await this.events.append(parentSessionId, [{ type: "attempt-updated", payload: row }]);
  }

  async get(session: SessionRecord, groupId: string): Promise<AttemptGroupSummary> {
    const group = await this.groupOf(session, groupId);
    return {
      groupId: group.id,
      checkpointId: group.checkpointId,
      prompt: group.prompt,
      verifyCommand: group.verifyCommand,
      attempts: rankAttempts(group.attempts).map(({ groupId: _group, ...attempt }) => attempt),
    };
  }

  /**
   * The attempt becomes the session's continuation: its files and environment replace the
   * session's (the session's own state is checkpointed first), its turn is appended to the
   * session's log, and every attempt of the group is archived.
   */
  async keep(session: SessionRecord, groupId: string, attemptId: string): Promise<void> {
    const group = await this.groupOf(session, groupId);
    const attempt = group.attempts.find((candidate) => candidate.attemptId === attemptId);
    if (!attempt) throw new ProtocolError("not_found", `Attempt ${attemptId} is not part of this group.`);
    if (group.attempts.some((candidate) => candidate.outcome === "kept")) throw new ProtocolError("conflict", "An attempt of this group was already kept.");
    if (attempt.status === "running" || attempt.status === "pending") throw new ProtocolError("conflict", "This attempt is still running; wait for it to finish or stop it first.");
    if (this.runs.isActive(session.id)) throw new ProtocolError("conflict", "An agent run is going in this session; stop it before keeping an attempt.");
    const groupCheckpoint = await this.checkpoints.reachable(session, group.checkpointId);
    if (await this.hasRunEventsAfter(session.id, groupCheckpoint.seq)) {
      throw new ProtocolError("conflict", "The agent worked in this session since the attempts started; open the attempt as a branch instead of keeping it here.");
    }
    const branch = await this.sessionOf(attempt.sessionId);
    // The session's own state before keeping stays reachable through this checkpoint.
    await this.checkpoints.create(session, "Before keeping an attempt");
    const final = await this.checkpoints.create(branch, "Kept attempt");
    await this.checkpoints.queue.run(session.id, async () => {
      await this.checkpoints.restoreFrom(session, (await this.rows.byId(final.checkpointId))!);
      await this.copyTurn(branch.id, groupCheckpoint.seq, session.id);
      await this.events.append(session.id, [{ type: "attempt-kept", payload: { groupId, attemptId, sessionId: branch.id, checkpointId: final.checkpointId } }]);
    });
    await this.checkpoints.create(session, `Kept attempt: ${attempt.model}`);
    for (const candidate of group.attempts) {
      await this.update(session.id, candidate.attemptId, { outcome: candidate.attemptId === attemptId ? "kept" : "archived" });
      await this.archive(candidate.sessionId);
    }
  }

  /** The attempt's run events after the branch point, appended to the session's log. */
  private async copyTurn(fromSessionId: string, afterSeq: number, toSessionId: string): Promise<void> {
    let turn: NewEvent[] = [];
    for await (const { type, payload } of this.events.readAll(fromSessionId, afterSeq)) {
      if (!isRunEventType(type)) continue;
      turn.push({ type, payload });
      if (turn.length === MAX_EVENTS_PER_APPEND) {
        await this.events.append(toSessionId, turn);
        turn = [];
      }
    }
    if (turn.length) await this.events.append(toSessionId, turn);
  }

  private async hasRunEventsAfter(sessionId: string, afterSeq: number): Promise<boolean> {
    for await (const event of this.events.readAll(sessionId, afterSeq)) if (isRunEventType(event.type)) return true;
    return false;
  }

  /** Marks an attempt's session archived and stops its sandbox (its checkpoints stay). */
  private async archive(sessionId: string): Promise<void> {
    await this.rows.setSessionStatus(sessionId, "archived");
    const branch = await this.store.sessionById(sessionId);
    if (branch?.sandboxId && this.manager.info(branch.sandboxId)) await this.manager.stop(branch.sandboxId).catch(() => undefined);
  }

  private async groupOf(session: SessionRecord, groupId: string): Promise<AttemptGroupRow> {
    const group = await this.rows.attemptGroup(groupId);
    if (!group || group.sessionId !== session.id) throw new ProtocolError("not_found", `Attempt group ${groupId} does not belong to this session.`);
    return group;
  }

  private async sessionOf(sessionId: string): Promise<SessionRecord> {
    const session = await this.store.sessionById(sessionId);
    if (!session) throw new ProtocolError("not_found", `Session ${sessionId} was deleted.`);
    return session;
  }
}
