/**
 * The agent loop: model call, tool calls, repeat until the model ends its turn. Every step is an
 * event handed to `emit` (and awaited) before the run's own state takes it in, so the log always
 * knows at least as much as the run. The user can queue messages (delivered at the next step) and
 * stop the run at any moment (the running command is killed through its abort signal).
 */
import { randomUUID } from "node:crypto";
import type { RunEndCode, RunEvent, RunEventPayload, RunEventType, RunStatus, ToolCallRef } from "@codeyard/protocol";
import type { ModelMessage, ToolSet } from "ai";
import { z } from "zod";
import { AgentError } from "../errors.js";
import { isAnthropic, modelRef, type AgentModel } from "../model/create-model.js";
import { ModelCallError, type BuiltPrompt } from "../model/model-call.js";
import { lookupModel } from "../model/model-catalog.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "../model/retry.js";
import { promptTokens } from "../model/usage.js";
import { environmentContext } from "../prompt/environment.js";
import { composeSystemPrompt, readProjectRules } from "../prompt/project-rules.js";
import { stablePromptBuilder } from "../prompt/prompt-builder.js";
import { AGENT_SYSTEM_PROMPT } from "../prompt/system-prompt.js";
import { DEFAULT_TOOLS, toSdkTools } from "../tools/registry.js";
import { DEFAULT_TOOL_LIMITS, type AgentTool, type ToolContext } from "../tools/tool-types.js";
import { COMPACTION_REQUEST, DEFAULT_COMPACT_AT, estimateContextTokens } from "./compaction.js";
import { modelTurn, type ModelSlot, type TurnFailure } from "./model-turn.js";
import { interruptedToolResults } from "./rebuild.js";
import { DEFAULT_DELTA_FLUSH_MS, DEFAULT_MAX_OUTPUT_TOKENS, DEFAULT_MODEL_IDLE_TIMEOUT_MS, DEFAULT_MAX_STEPS, type AgentRunOptions, type RunOutcome } from "./run-options.js";
import { applyRunEvent, replayRunEvents, type RunState } from "./run-state.js";
import { runToolCalls } from "./tool-step.js";
import { usageUpdate } from "./usage-update.js";

type Payload<T extends RunEventType> = Omit<RunEventPayload<T>, "runId">;

class EmitError extends AgentError {}

export class AgentRun {
  private readonly state: RunState;
  private readonly controller = new AbortController();
  private readonly slot: ModelSlot;
  private readonly tools: readonly AgentTool[];
  private readonly sdkTools: ToolSet;
  /** Size of the tool definitions, for estimating prompts before a model call reported usage. */
  private readonly toolsChars: number;
  private readonly policy: RetryPolicy;
  private readonly toolContext: ToolContext;
  private emitChain: Promise<void> = Promise.resolve();
  private phase: "idle" | "starting" | "running" | "finishing" | "finished" = "idle";
  private sending = 0;
  private systemPrompt = "";

  constructor(private readonly options: AgentRunOptions) {
    this.state = replayRunEvents(options.history ?? []);
    this.slot = { current: options.model, fallback: options.fallbackModel };
    this.tools = options.tools ?? DEFAULT_TOOLS;
    this.sdkTools = toSdkTools(this.tools);
    this.toolsChars = this.tools.reduce((sum, tool) => sum + tool.name.length + tool.description.length + JSON.stringify(z.toJSONSchema(tool.inputSchema)).length, 0);
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.toolContext = {
      sandbox: options.sandbox,
      signal: this.controller.signal,
      limits: { ...DEFAULT_TOOL_LIMITS, ...options.toolLimits },
      backgroundOffsets: new Map(),
      todos: { current: () => this.state.todos, update: (todos) => this.emit("todo-updated", { todos }) },
    };
  }

  get runId(): string {
    return this.options.runId;
  }

  /** Starts a new run with the user's request; resolves when the run has finished. */
  async start(input: string): Promise<RunOutcome> {
    if (this.state.runId !== undefined && !this.state.finished) {
      throw new AgentError("run_in_progress", `Run ${this.state.runId} in the history has not finished; resume it, or close it with closeInterruptedRun, before starting another.`);
    }
    this.begin();
    const now = this.now();
    await this.prepareSystemPrompt();
    await this.emit("run-started", {
      version: 1,
      input,
      context: environmentContext(now),
      model: modelRef(this.options.model),
      fallbackModel: this.options.fallbackModel && modelRef(this.options.fallbackModel),
      maxSteps: this.maxSteps,
    });
    return this.loop();
  }

  /** Continues the run `runId` from its events in `history` (after a process restart). */
  async resume(): Promise<RunOutcome> {
    if (this.state.runId !== this.runId || this.state.finished) {
      throw new AgentError("run_not_resumable", `Run ${this.runId} cannot be resumed: ${this.state.finished ? "it has finished" : "its run-started event is not the latest run in the history"}. Start a new run instead.`);
    }
    this.begin();
    await this.prepareSystemPrompt();
    for (const event of interruptedToolResults(this.state)) await this.emit(event.type, event.payload);
    await this.emit("run-resumed", { step: this.state.step });
    return this.loop();
  }

  /** Queues a user message for the model's next step. Refused once the run is finishing. */
  async send(text: string): Promise<{ messageId: string }> {
    if (this.phase !== "running") {
      const early = this.phase === "idle" || this.phase === "starting";
      throw new AgentError(early ? "run_not_started" : "run_finished", early ? "The run has not started yet; send the message once it runs, or start it with this message." : "The run is finishing or has finished; start a new run with this message.");
    }
    const messageId = randomUUID();
    this.sending++;
    try {
      await this.emit("user-message-queued", { messageId, text });
    } finally {
      this.sending--;
    }
    return { messageId };
  }

  /** Stops the run: the model call is cancelled and a running command killed. */
  stop(): void {
    if (this.phase === "running") this.controller.abort();
  }

  private begin(): void {
    if (this.phase !== "idle") throw new AgentError("run_in_progress", `Run ${this.runId} was already started; create a new AgentRun to run again.`);
    this.phase = "starting";
  }

  private get maxSteps(): number {
    return this.options.maxSteps ?? DEFAULT_MAX_STEPS;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private async prepareSystemPrompt(): Promise<void> {
    const rules = this.options.projectRules ?? (await readProjectRules(this.options.sandbox).catch(() => ""));
    this.systemPrompt = composeSystemPrompt(this.options.systemPrompt ?? AGENT_SYSTEM_PROMPT, rules);
  }

  private emit<T extends RunEventType>(type: T, payload: Payload<T>): Promise<void> {
    const event = { type, payload: { runId: this.runId, ...payload } } as unknown as RunEvent;
    const next = this.emitChain.then(async () => {
      try {
        await this.options.emit(event);
      } catch (error) {
        throw new EmitError("emit_failed", `Persisting the ${type} event of run ${this.runId} failed (${error instanceof Error ? error.message : String(error)}); the run stopped. Close it with closeInterruptedRun once the store works again.`, { cause: error });
      }
      applyRunEvent(this.state, event);
    });
    this.emitChain = next.catch(() => undefined);
    return next;
  }

  private async loop(): Promise<RunOutcome> {
    this.phase = "running";
    try {
      for (;;) {
        if (this.controller.signal.aborted) return await this.finish("stopped", "user-stop", "Stopped by the user.");
        await this.deliverQueued();
        if (this.state.step >= this.maxSteps) return await this.finish("stopped", "max-steps", `Stopped after ${this.maxSteps} model calls (the step limit); send a message to continue.`);
        if (this.needsCompaction()) {
          await this.compact();
          continue;
        }
        const toolCalls = await this.step();
        if (toolCalls === undefined) continue;
        if (toolCalls.length === 0) {
          if (this.state.queued.length > 0 || this.sending > 0) {
            await this.emitChain;
            continue;
          }
          if (!this.controller.signal.aborted) return await this.finish("done", "completed", "The model finished its turn.");
          continue;
        }
        const { question } = await runToolCalls(this.state.step, toolCalls, this.tools, this.toolContext, (type, payload) => this.emit(type, payload));
        // A message the user sent meanwhile may be the answer already: then the run goes on.
        if (question !== undefined && this.state.queued.length === 0 && this.sending === 0 && !this.controller.signal.aborted) {
          return await this.finish("done", "awaiting-user", question);
        }
      }
    } catch (error) {
      if (error instanceof EmitError) {
        this.phase = "finished";
        throw error;
      }
      if (error instanceof ModelCallError) {
        const code = error.classified.contextOverflow ? "context-overflow" : "model-error";
        return this.finish("failed", code, `The model call failed: ${error.message}${error.classified.status ? ` (HTTP ${error.classified.status})` : ""}. Check the model settings and the provider's status, then send a message to retry.`);
      }
      return this.finish("failed", "internal", `The agent failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async deliverQueued(): Promise<void> {
    for (const { messageId, text } of [...this.state.queued]) await this.emit("user-message-delivered", { messageId, text, step: this.state.step + 1 });
  }

  /** One model call. Returns its tool calls, or undefined when the call must be redone (after compaction). */
  private async step(): Promise<ToolCallRef[] | undefined> {
    const step = this.state.step + 1;
    await this.emit("step-started", { step, model: modelRef(this.slot.current) });
    let turn;
    try {
      turn = await this.callModel(step, this.state.messages, "auto", true);
    } catch (error) {
      // The provider says the prompt is too long although our estimate did not: compact and redo.
      if (error instanceof ModelCallError && error.classified.contextOverflow && this.state.messages.length > 1) {
        await this.compact();
        return undefined;
      }
      throw error;
    }
    const { result, model, messageId } = turn;
    await this.emit("message-completed", { step, messageId, model: modelRef(model), text: result.text, toolCalls: result.toolCalls, finishReason: result.finishReason });
    return result.toolCalls;
  }

  private async callModel(step: number, messages: ModelMessage[], toolChoice: "auto" | "none", stream: boolean) {
    const turn = await modelTurn({
      slot: this.slot,
      build: (model) => this.buildPrompt(model, messages),
      toolChoice,
      maxOutputTokens: this.options.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
      policy: this.policy,
      signal: this.controller.signal,
      idleTimeoutMs: this.options.modelIdleTimeoutMs ?? DEFAULT_MODEL_IDLE_TIMEOUT_MS,
      onDelta: stream ? (messageId, delta) => this.emit("message-delta", { step, messageId, delta }) : undefined,
      deltaFlushMs: this.options.deltaFlushMs ?? DEFAULT_DELTA_FLUSH_MS,
      onFailure: (failure) => this.reportFailure(step, failure),
      onSwitch: (from, to, reason) => this.emit("model-switched", { step, from: modelRef(from), to: modelRef(to), reason: reason.slice(0, 2000) }),
    });
    await this.recordUsage(step, turn.model, turn.result.usage);
    return turn;
  }

  private buildPrompt(model: AgentModel, messages: ModelMessage[]): BuiltPrompt {
    const builder = this.options.promptBuilder ?? stablePromptBuilder;
    return builder({ system: this.systemPrompt, tools: this.sdkTools, messages, todos: this.state.todos, now: this.now(), anthropicCache: isAnthropic(model) });
  }

  private reportFailure(step: number, failure: TurnFailure): Promise<void> {
    return this.emit("model-call-failed", {
      step,
      model: modelRef(failure.model),
      attempt: failure.attempt,
      status: failure.error.status,
      message: failure.error.message.slice(0, 2000),
      willRetry: failure.willRetry,
      retryInMs: failure.retryInMs,
      discardedMessageId: failure.discardedMessageId,
    });
  }

  private async recordUsage(step: number, model: AgentModel, usage: RunState["usage"]): Promise<void> {
    if (promptTokens(usage) + usage.outputTokens === 0) return;
    await this.emit("usage-updated", usageUpdate(this.state, step, model, usage, lookupModel(model.modelId, this.options.models).price));
  }

  private contextWindow(): number {
    return lookupModel(this.slot.current.modelId, this.options.models).contextWindow;
  }

  private needsCompaction(): boolean {
    if (this.state.messages.length < 2) return false;
    return this.estimateTokens() > this.contextWindow() * (this.options.compactAt ?? DEFAULT_COMPACT_AT);
  }

  private estimateTokens(): number {
    const wholePrompt = () => this.systemPrompt.length + this.toolsChars + JSON.stringify(this.state.messages).length;
    return estimateContextTokens(this.state.contextTokens, this.state.charsSinceUsage, wholePrompt);
  }

  private async compact(): Promise<void> {
    const step = this.state.step;
    const messagesBefore = this.state.messages.length;
    const tokensBefore = this.estimateTokens();
    const request: ModelMessage[] = [...this.state.messages, { role: "user", content: [{ type: "text", text: COMPACTION_REQUEST }] }];
    const { result } = await this.callModel(step, request, "none", false);
    if (result.aborted) return;
    const summary = result.text.trim();
    if (!summary) throw new ModelCallError({ message: "The model returned an empty summary when asked to compact the conversation", retryable: false, contextOverflow: true }, false);
    await this.emit("compaction-done", { step, goal: this.state.goal ?? "", summary, filesTouched: this.state.filesTouched, todos: this.state.todos, messagesBefore, tokensBefore });
  }

  private async finish(status: RunStatus, code: RunEndCode, message: string): Promise<RunOutcome> {
    this.phase = "finishing";
    // Tool calls left without a result (a failure mid-step) get one, so the history stays valid.
    for (const event of interruptedToolResults(this.state)) await this.emit(event.type, { ...event.payload, output: `Not run: ${message}` });
    const { usage, costUsd, step } = this.state;
    await this.emit("run-finished", { status, reason: { code, message }, steps: step, usage, costUsd, undeliveredMessages: this.state.queued.map((queued) => queued.text) });
    this.phase = "finished";
    return { runId: this.runId, status, reason: { code, message }, steps: step, usage, costUsd };
  }
}

/** Starts a run and resolves with its outcome (use `AgentRun` to send messages or stop it). */
export function runAgent(options: AgentRunOptions, input: string): Promise<RunOutcome> {
  return new AgentRun(options).start(input);
}
