/**
 * Agent runs on this broker. A run works in its session's sandbox and writes every step to the
 * session log (durably, before anyone sees it); it needs no browser. After a broker restart,
 * runs left unfinished are resumed from their log, or closed as `interrupted` with the reason.
 */
import { randomUUID } from "node:crypto";
import { AgentRun, closeInterruptedRun, createModel, type RunOutcome } from "@codeyard/agent";
import { isRunEventType, parseRunEvent, ProtocolError, visibleEvents, type RunEvent } from "@codeyard/protocol";
import type { SandboxManager } from "@codeyard/sandbox";
import type { Logger } from "pino";
import type { EventLog } from "../sessions/event-log.js";
import type { SessionService } from "../sessions/session-service.js";
import type { BrokerStore, SessionRecord } from "../store.js";

interface ActiveRun {
  run: AgentRun;
  runId: string;
}

/** What happened to a run, for those who act after it (checkpoints, attempts, notifications). */
export interface FinishedRun {
  sessionId: string;
  runId: string;
  prompt: string | null;
  status: RunOutcome["status"];
  costUsd: number;
}
export type RunFinishedListener = (run: FinishedRun) => Promise<void>;


export class RunService {
  private readonly active = new Map<string, ActiveRun>();
  /** Sessions whose run is being set up (between the request and `active`). */
  private readonly starting = new Set<string>();
  private readonly finishedListeners: RunFinishedListener[] = [];
  private readonly startingListeners: ((session: SessionRecord) => Promise<void>)[] = [];

  constructor(
    private readonly store: BrokerStore,
    private readonly sessions: SessionService,
    private readonly manager: SandboxManager,
    private readonly events: EventLog,
    private readonly logger: Logger,
  ) {}

  /** Called in order after each run ends (its outcome is recorded first). */
  onFinished(listener: RunFinishedListener): void {
    this.finishedListeners.push(listener);
  }

  /** Called before each new run starts (a failure refuses the run). */
  onStarting(listener: (session: SessionRecord) => Promise<void>): void {
    this.startingListeners.push(listener);
  }

  isActive(sessionId: string): boolean {
    return this.active.has(sessionId) || this.starting.has(sessionId);
  }

  /** Every run event the session still shows, in order (the agent's conversation history). */
  private async runHistory(sessionId: string): Promise<RunEvent[]> {
    const logged: { seq: number; type: string; payload: unknown }[] = [];
    for await (const event of this.events.readAll(sessionId)) {
      if (isRunEventType(event.type) || event.type === "conversation-rewound") logged.push(event);
    }
    const history: RunEvent[] = [];
    for (const event of visibleEvents(logged)) {
      const parsed = isRunEventType(event.type) ? parseRunEvent(event.type, event.payload) : undefined;
      if (parsed) history.push(parsed);
    }
    return history;
  }

  private async agentFor(session: SessionRecord, runId: string, model: string | undefined, history: RunEvent[]) {
    const settings = await this.store.modelSettings(session.projectId, model);
    const { sandboxId, client } = await this.sessions.sandbox(session);
    const run = new AgentRun({
      runId,
      sandbox: client,
      model: createModel(settings.primary),
      fallbackModel: settings.fallback && createModel(settings.fallback),
      history,
      emit: async (event) => {
        await this.events.append(session.id, [event]);
      },
    });
    return { run, sandboxId, settings };
  }

  async start(session: SessionRecord, prompt: string, model?: string): Promise<{ runId: string }> {
    if (this.active.has(session.id) || this.starting.has(session.id)) {
      throw new ProtocolError("conflict", "An agent run is already going in this session; send it a message or stop it first.");
    }
    this.starting.add(session.id);
    try {
      for (const listener of this.startingListeners) await listener(session);
      const runId = randomUUID();
      const history = await this.runHistory(session.id);
      const { run, sandboxId, settings } = await this.agentFor(session, runId, model, history);
      await this.store.createRun({ id: runId, sessionId: session.id, provider: settings.primary.provider, model: settings.primary.model });
      this.track(session.id, runId, run, sandboxId, run.start(prompt), prompt);
      return { runId };
    } finally {
      this.starting.delete(session.id);
    }
  }


  private track(sessionId: string, runId: string, run: AgentRun, sandboxId: string, outcome: Promise<RunOutcome>, prompt: string | null): void {
    this.active.set(sessionId, { run, runId });
    // The sandbox stays awake for the whole run, model calls included.
    const release = this.manager.hold(sandboxId);
    void (async () => {
      let ended: Pick<FinishedRun, "status" | "costUsd"> = { status: "failed", costUsd: 0 };
      try {
        const result = await outcome;
        ended = { status: result.status, costUsd: result.costUsd };
        await this.finish(runId, result);
      } catch (error) {
        this.logger.error({ err: error, sessionId, runId }, "agent run failed");
        await this.store
          .finishRun(runId, { status: "failed", reason: (error as Error).message, tokensIn: 0, tokensOut: 0, cachedTokens: 0, costUsd: 0 })
          .catch((cause: unknown) => this.logger.error({ err: cause, sessionId, runId }, "recording the run's end failed"));
      } finally {
        release();
        if (this.active.get(sessionId)?.runId === runId) this.active.delete(sessionId);
      }
      for (const listener of this.finishedListeners) {
        await listener({ sessionId, runId, prompt, ...ended }).catch((error: unknown) => this.logger.error({ err: error, sessionId, runId }, "after-run step failed"));
      }
    })();
  }

  private finish(runId: string, outcome: RunOutcome): Promise<void> {
    return this.store.finishRun(runId, {
      status: outcome.status,
      reason: outcome.reason.message,
      tokensIn: outcome.usage.inputTokens + outcome.usage.cacheReadTokens + outcome.usage.cacheWriteTokens,
      tokensOut: outcome.usage.outputTokens,
      cachedTokens: outcome.usage.cacheReadTokens,
      costUsd: outcome.costUsd,
    });
  }

  /** Whether a run of this session is going on this broker. */
  isRunning(sessionId: string): boolean {
    return this.active.has(sessionId);
  }

  private activeRun(sessionId: string, runId: string): AgentRun {
    const active = this.active.get(sessionId);
    if (!active || active.runId !== runId) throw new ProtocolError("not_found", `Run ${runId} is not running in this session (it finished or was stopped).`);
    return active.run;
  }

  async send(sessionId: string, runId: string, text: string): Promise<void> {
    await this.activeRun(sessionId, runId).send(text);
  }

  stop(sessionId: string, runId: string): void {
    this.activeRun(sessionId, runId).stop();
  }

  /**
   * After a restart: resumes each run this broker's sandboxes left unfinished, or closes it as
   * `interrupted` when it cannot continue (no model settings, the sandbox is gone, ...).
   */
  async recover(): Promise<void> {
    const owned = this.manager.list().map((info) => info.id);
    for (const { id: runId, sessionId } of await this.store.unfinishedRuns(owned)) {
      const history = await this.runHistory(sessionId);
      const session = await this.store.sessionById(sessionId);
      try {
        if (!session) throw new Error("its session is gone");
        const { run, sandboxId } = await this.agentFor(session, runId, undefined, history);
        this.track(sessionId, runId, run, sandboxId, run.resume(), null);
        this.logger.info({ sessionId, runId }, "resumed agent run after restart");
      } catch (error) {
        const closing = closeInterruptedRun(history, `The broker restarted during this run and could not resume it: ${(error as Error).message}`);
        if (closing.length) await this.events.append(sessionId, closing);
        await this.store.finishRun(runId, { status: "interrupted", reason: `broker restarted: ${(error as Error).message}`, tokensIn: 0, tokensOut: 0, cachedTokens: 0, costUsd: 0 });
        this.logger.warn({ sessionId, runId, err: error }, "closed interrupted agent run");
      }
    }
  }
}
