/**
 * Background tasks. `create` makes the task's session, claims its sandbox and, once the project's
 * setup script has run there, starts the agent run with no client attached. From then on the task follows its session's log: every appended event
 * passes through `observe`, which moves the task's status (run-started → running, run-finished →
 * done / waiting / failed / interrupted), keeps its cost and changed-files count current, tells the
 * owner's connections (`task-updated`) and, on each ending, writes a notification in the same
 * transaction as the status change, then delivers it (Notifier). Nothing lives only in memory:
 * after a restart `recover` settles tasks whose run ended (or never started) while the broker was
 * down, from the log.
 */
import { replayRunEvents } from "@codeyard/agent";
import { parseRunEvent, ProtocolError, TASK_PROMPT_PREVIEW_CHARS, type RunEvent, type SessionEvent, type TaskStatus, type TaskSummary } from "@codeyard/protocol";
import type { SandboxManager } from "@codeyard/sandbox";
import type { Logger } from "pino";
import type { Server } from "socket.io";
import type { Notifier } from "../notifications/notifier.js";
import { userRoom } from "../notifications/user-room.js";
import type { RunService } from "../runs/run-service.js";
import type { EventLog } from "../sessions/event-log.js";
import type { SessionService } from "../sessions/session-service.js";
import type { BrokerStore, SessionRecord } from "../store.js";
import { KeyedQueue } from "../util/keyed-queue.js";
import { ChangedPaths } from "./changed-paths.js";
import { notificationFor, outcomeOfRun, type TaskOutcome } from "./task-outcome.js";
import type { TaskRecord } from "./task-store.js";

/** Events that change a task. */
const RELEVANT = new Set(["run-started", "run-resumed", "run-finished", "usage-updated", "tool-call-started", "file-changed", "attempt-updated", "attempt-kept"]);
/** Events worth a database lookup for a session not followed yet (is it a task's?). */
const OPENING = new Set(["run-started", "run-resumed", "run-finished", "attempt-updated", "attempt-kept"]);
const ENDED: TaskStatus[] = ["waiting", "done", "failed", "interrupted"];

/** An attempt whose agent ended and whose verification (if any) ran. */
const attemptSettled = (attempt: { status: string; verifyResult: string | null; verifyOutput: string | null }) =>
  attempt.status !== "pending" && attempt.status !== "running" && (attempt.verifyResult !== null || attempt.verifyOutput === null);

interface Tracker {
  task: TaskRecord;
  changes: ChangedPaths;
  savedCount: number;
}

/** Starts best-of-N attempts in a task's session (the AttemptService, wired after it is made). */
export type StartAttempts = (session: SessionRecord, request: { prompt: string; count: number; model?: string }, userId: string) => Promise<void>;

export interface TaskServiceDeps {
  store: BrokerStore;
  sessions: SessionService;
  runs: RunService;
  events: EventLog;
  notifier: Notifier;
  manager: SandboxManager;
  io: Server;
  logger: Logger;
}

export function toTaskSummary(task: TaskRecord): TaskSummary {
  return {
    id: task.id,
    projectId: task.projectId,
    projectName: task.projectName,
    sessionId: task.sessionId,
    prompt: task.prompt.slice(0, TASK_PROMPT_PREVIEW_CHARS),
    model: task.model,
    attempts: task.attempts,
    status: task.status,
    statusReason: task.statusReason,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
    finishedAt: task.finishedAt?.toISOString() ?? null,
    costUsd: task.costMicroUsd / 1e6,
    tokens: task.tokens,
    changedFiles: task.changedFiles,
  };
}

const sessionTitle = (prompt: string) => {
  const line = prompt.trim().split("\n")[0]!.trim();
  return `Task: ${line.length > 60 ? `${line.slice(0, 59)}…` : line}`;
};

export class TaskService {
  /** Tasks with a run going on this broker, by session id. */
  private readonly trackers = new Map<string, Tracker>();
  /** Work on one session's task is serialized, in log order. */
  private readonly queue = new KeyedQueue();

  /** Set once the attempt service exists; tasks with several attempts need it. */
  startAttempts: StartAttempts | undefined;

  constructor(private readonly deps: TaskServiceDeps) {}

  start(): void {
    this.deps.events.onAppended((sessionId, written) => this.observe(sessionId, written));
  }

  async create(userId: string, input: { projectId: string; prompt: string; model?: string; attempts: number }): Promise<TaskRecord> {
    const { store, sessions, runs } = this.deps;
    const startAttempts = this.startAttempts;
    if (input.attempts > 1 && !startAttempts) throw new ProtocolError("unavailable", "Best-of-N attempts are not available on this broker.");
    const project = await store.projectForUser(input.projectId, userId);
    if (!project) throw new ProtocolError("not_found", `Project ${input.projectId} does not exist or you have no access to it.`);
    // Refuses a project without a usable model before anything is created.
    const settings = await store.modelSettings(project.id, input.model);
    const sessionId = await store.createTaskSession(project.id, userId, sessionTitle(input.prompt));
    const session = (await store.sessionById(sessionId))!;
    // The sandbox is recorded on the session before the task exists, so a broker that restarts
    // later finds the task through the sandboxes it owns.
    await sessions.sandbox(session);
    const task = await store.createTask(sessionId, { projectId: project.id, userId, prompt: input.prompt, model: settings.primary.model, attempts: input.attempts });
    this.trackers.set(sessionId, { task, changes: new ChangedPaths(), savedCount: 0 });
    this.deps.logger.info({ taskId: task.id, sessionId, projectId: project.id }, "task created");
    // The agent starts once the project's setup (template files, git clone) is in the workspace.
    void sessions
      .setupFinished(sessionId)
      .then(async () => {
        // Several attempts: each runs in its own branch; the task waits for its owner to keep one.
        if (input.attempts > 1) await startAttempts!(session, { prompt: input.prompt, count: input.attempts, model: input.model }, userId);
        else await runs.start(session, input.prompt, input.model);
      })
      .catch((error: unknown) => {
        const reason = `The agent could not start: ${(error as Error).message}`;
        return this.enqueue(sessionId, () => this.end(task, { status: "failed", statusReason: reason, finishedAt: new Date() }));
      })
      .catch((error: unknown) => this.deps.logger.error({ err: error, taskId: task.id }, "task start failed"));
    return task;
  }

  async list(userId: string, options: { statuses?: TaskStatus[]; limit: number }): Promise<TaskRecord[]> {
    return this.deps.store.tasksForUser(userId, options);
  }

  async get(userId: string, taskId: string): Promise<TaskRecord> {
    const task = await this.deps.store.taskForUser(taskId, userId);
    if (!task) throw new ProtocolError("not_found", `Task ${taskId} does not exist or you have no access to it.`);
    return task;
  }

  /** After a restart (runs recovered first): settles tasks whose run ended or never started meanwhile. */
  async recover(): Promise<void> {
    const { store, runs, manager } = this.deps;
    const owned = manager.list().map((info) => info.id);
    for (const { id, sessionId } of await store.runningTasks(owned)) {
      if (runs.isRunning(sessionId)) continue;
      await this.enqueue(sessionId, () => this.settleFromLog(id, sessionId));
    }
  }

  private observe(sessionId: string, written: SessionEvent[]): void {
    const relevant = written.filter((event) => RELEVANT.has(event.type));
    if (!relevant.length) return;
    if (!this.trackers.has(sessionId) && !relevant.some((event) => OPENING.has(event.type))) return;
    void this.enqueue(sessionId, () => this.apply(sessionId, relevant)).catch((error: unknown) =>
      this.deps.logger.error({ err: error, sessionId }, "task update failed"),
    );
  }

  private enqueue(sessionId: string, work: () => Promise<void>): Promise<void> {
    return this.queue.run(sessionId, work);
  }

  private async apply(sessionId: string, events: SessionEvent[]): Promise<void> {
    const { store } = this.deps;
    let tracker = this.trackers.get(sessionId);
    if (!tracker) {
      const task = await store.taskBySession(sessionId);
      if (!task) return;
      tracker = { task, changes: await this.changesFromLog(sessionId), savedCount: task.changedFiles };
      this.trackers.set(sessionId, tracker);
    }
    let updated = false;
    let finished = false;
    for (const event of events) {
      tracker.changes.apply(event);
      if (event.type === "attempt-updated" || event.type === "attempt-kept") {
        if (await this.followAttempts(tracker.task, event)) {
          updated = true;
          if (event.type === "attempt-kept") finished = true;
        }
        continue;
      }
      const parsed = parseRunEvent(event.type, event.payload);
      if (!parsed) continue;
      if (parsed.type === "run-started" || parsed.type === "run-resumed") {
        finished = false;
        const moved = await store.transitionTask(tracker.task.id, ENDED, { status: "running", statusReason: null, finishedAt: null });
        if (moved) updated = true;
      } else if (parsed.type === "usage-updated") {
        const { total, totalCostUsd, runId } = parsed.payload;
        await store.recordRunUsage(runId, {
          tokensIn: total.inputTokens + total.cacheReadTokens + total.cacheWriteTokens,
          tokensOut: total.outputTokens,
          cachedTokens: total.cacheReadTokens,
          costUsd: totalCostUsd,
        });
        updated = true;
      } else if (parsed.type === "run-finished") {
        finished = true;
        await this.end(tracker.task, outcomeOfRun(parsed.payload, new Date(event.at)));
      }
    }
    if (tracker.changes.count !== tracker.savedCount) {
      await store.setTaskChangedFiles(tracker.task.id, tracker.changes.count);
      tracker.savedCount = tracker.changes.count;
      updated = true;
    }
    if (finished) this.trackers.delete(sessionId);
    if (updated) await this.broadcastSession(sessionId);
  }

  /**
   * A best-of-N task: once every attempt finished (and was verified), it waits for its owner to
   * keep one; keeping one ends it `done`.
   */
  private async followAttempts(task: TaskRecord, event: SessionEvent): Promise<boolean> {
    if (event.type === "attempt-kept") {
      const moved = await this.deps.store.transitionTask(task.id, ["waiting", "running"], { status: "done", statusReason: null, finishedAt: new Date(event.at) });
      if (moved) this.broadcast(moved.task);
      return moved !== null;
    }
    const groupId = (event.payload as { groupId?: unknown }).groupId;
    const group = typeof groupId === "string" ? await this.deps.store.checkpoints.attemptGroup(groupId) : null;
    if (!group || !group.attempts.every(attemptSettled)) return false;
    const passed = group.attempts.filter((attempt) => attempt.verifyResult === "passed").length;
    const verdict = group.verifyCommand ? `, ${passed} passed the verify command` : "";
    await this.end(task, { status: "waiting", statusReason: `${group.attempts.length} attempts finished${verdict}: keep the best one.`, finishedAt: null });
    return true;
  }

  /** Moves a running task to its outcome and notifies its owner (once, whoever gets here first). */
  private async end(task: TaskRecord, outcome: TaskOutcome): Promise<void> {
    const moved = await this.deps.store.transitionTask(task.id, ["running"], outcome, notificationFor(task, outcome));
    if (!moved) return;
    this.deps.logger.info({ taskId: task.id, status: outcome.status }, "task ended");
    this.broadcast(moved.task);
    if (moved.notification) this.deps.notifier.deliver(moved.notification);
  }

  private async settleFromLog(taskId: string, sessionId: string): Promise<void> {
    const task = await this.deps.store.taskBySession(sessionId);
    if (!task || task.id !== taskId || task.status !== "running") return;
    // Attempts run in their own sessions; their runs recover there and report back here.
    if (task.attempts > 1 && (await this.startedAttempts(sessionId))) return;
    const state = replayRunEvents(await this.runEvents(sessionId));
    const now = new Date();
    if (state.finished) {
      await this.end(task, outcomeOfRun({ status: state.finished.status, reason: { code: state.finished.code, message: state.finished.message } }, now));
    } else {
      const statusReason = state.runId ? "The broker restarted and could not resume the agent." : "The broker restarted before the task's agent started.";
      await this.end(task, { status: "interrupted", statusReason, finishedAt: now });
    }
  }

  private async startedAttempts(sessionId: string): Promise<boolean> {
    for await (const event of this.deps.events.readAll(sessionId)) if (event.type === "attempts-started") return true;
    return false;
  }

  private async runEvents(sessionId: string): Promise<RunEvent[]> {
    const history: RunEvent[] = [];
    for await (const event of this.deps.events.readAll(sessionId)) {
      const parsed = parseRunEvent(event.type, event.payload);
      if (parsed) history.push(parsed);
    }
    return history;
  }

  private async changesFromLog(sessionId: string): Promise<ChangedPaths> {
    const changes = new ChangedPaths();
    for await (const event of this.deps.events.readAll(sessionId)) changes.apply(event);
    return changes;
  }

  private async broadcastSession(sessionId: string): Promise<void> {
    const task = await this.deps.store.taskBySession(sessionId);
    if (task) this.broadcast(task);
  }

  private broadcast(task: TaskRecord): void {
    this.deps.io.to(userRoom(task.createdById)).emit("task-updated", { task: toTaskSummary(task) });
  }
}
