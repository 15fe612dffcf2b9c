/**
 * One model turn with retries and failover: retryable failures (429, 5xx, overloaded, network)
 * are retried with backoff or after the provider's retry-after; when the primary model keeps
 * failing, the run moves to the fallback model for good. Every failure is reported (the caller
 * turns it into a `model-call-failed` event) before the wait.
 */
import { randomUUID } from "node:crypto";
import { callModel, ModelCallError, type BuiltPrompt, type ModelCallResult } from "../model/model-call.js";
import type { AgentModel } from "../model/create-model.js";
import { retryDelay, type ClassifiedError, type RetryPolicy } from "../model/retry.js";

export interface ModelSlot {
  current: AgentModel;
  fallback: AgentModel | undefined;
}

export interface TurnFailure {
  model: AgentModel;
  attempt: number;
  error: ClassifiedError;
  willRetry: boolean;
  retryInMs: number | undefined;
  discardedMessageId: string | undefined;
}

export interface ModelTurnRequest {
  slot: ModelSlot;
  build: (model: AgentModel) => BuiltPrompt;
  toolChoice: "auto" | "none";
  maxOutputTokens: number;
  policy: RetryPolicy;
  signal: AbortSignal;
  idleTimeoutMs: number;
  /** Streamed text of message `messageId`; omitted for internal calls (compaction). */
  onDelta?: (messageId: string, text: string) => Promise<void>;
  deltaFlushMs: number;
  onFailure: (failure: TurnFailure) => Promise<void>;
  onSwitch: (from: AgentModel, to: AgentModel, reason: string) => Promise<void>;
}

export interface ModelTurn {
  result: ModelCallResult;
  model: AgentModel;
  messageId: string;
}

export async function modelTurn(request: ModelTurnRequest): Promise<ModelTurn> {
  const { slot, signal } = request;
  for (let attempt = 1; ; attempt++) {
    const messageId = randomUUID();
    const model = slot.current;
    const deltas = request.onDelta && new DeltaBuffer(request.deltaFlushMs, (text) => request.onDelta!(messageId, text));
    try {
      const result = await callModel({
        model,
        prompt: request.build(model),
        toolChoice: request.toolChoice,
        maxOutputTokens: request.maxOutputTokens,
        signal,
        idleTimeoutMs: request.idleTimeoutMs,
        onTextDelta: deltas && ((text) => deltas.push(text)),
      });
      await deltas?.flush();
      return { result, model, messageId };
    } catch (error) {
      if (!(error instanceof ModelCallError)) throw error;
      const retryInMs = retryDelay(error.classified, attempt, request.policy);
      const willRetry = retryInMs !== undefined;
      const discardedMessageId = deltas?.sent ? messageId : undefined;
      await request.onFailure({ model, attempt, error: error.classified, willRetry, retryInMs, discardedMessageId });
      if (willRetry) {
        await sleep(retryInMs, signal);
        if (signal.aborted) return { result: { text: "", toolCalls: [], finishReason: "aborted", usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 }, aborted: true }, model, messageId };
        continue;
      }
      if (slot.fallback && slot.current !== slot.fallback && !error.classified.contextOverflow) {
        const to = slot.fallback;
        await request.onSwitch(model, to, error.classified.message);
        slot.current = to;
        attempt = 0;
        continue;
      }
      throw error;
    }
  }
}

/** Coalesces streamed text into deltas at most every `flushMs`, since each one is persisted. */
class DeltaBuffer {
  private buffered = "";
  private lastFlush = 0;
  sent = false;

  constructor(
    private readonly flushMs: number,
    private readonly send: (text: string) => Promise<void>,
  ) {}

  async push(text: string): Promise<void> {
    this.buffered += text;
    if (Date.now() - this.lastFlush >= this.flushMs) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.buffered) return;
    const text = this.buffered;
    this.buffered = "";
    this.lastFlush = Date.now();
    this.sent = true;
    await this.send(text);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
