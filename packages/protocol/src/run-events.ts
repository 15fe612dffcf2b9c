/**
 * Events of an agent run. The agent hands each one to the caller (`emit`), which writes it to the
 * session log before anyone sees it; the log is the source of truth: the agent rebuilds a run's
 * conversation from these events to continue it after a restart (or closes it as `interrupted`).
 * Every payload carries its `runId`, so several runs can share one session log.
 */
import { z } from "zod";

const runId = z.string().min(1).max(128);
const step = z.number().int().min(0).max(1_000_000);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const shortText = z.string().max(4_000);
/** Text the model wrote or was sent; the agent caps tool output far below this. */
const longText = z.string().max(4_000_000);

export const RUN_EVENTS_VERSION = 1;

export const ModelRef = z.object({ provider: z.string().max(64), model: z.string().max(256) });
export type ModelRef = z.infer<typeof ModelRef>;

export const TodoStatus = z.enum(["pending", "in_progress", "completed"]);
export const TodoItem = z.object({ id: z.string().min(1).max(64), content: z.string().min(1).max(2_000), status: TodoStatus });
export type TodoItem = z.infer<typeof TodoItem>;

export const TokenUsage = z.object({
  /** Input tokens billed at the full rate (not read from or written to the prompt cache). */
  inputTokens: count,
  outputTokens: count,
  cacheReadTokens: count,
  cacheWriteTokens: count,
});
export type TokenUsage = z.infer<typeof TokenUsage>;

export const ToolCallRef = z.object({
  toolCallId: z.string().min(1).max(256),
  toolName: z.string().max(256),
  /** The arguments as the model sent them: an object, or the raw text when it was not valid JSON. */
  input: z.unknown(),
});
export type ToolCallRef = z.infer<typeof ToolCallRef>;

export const RunStatus = z.enum(["done", "failed", "stopped", "interrupted"]);
export type RunStatus = z.infer<typeof RunStatus>;

export const RunEndCode = z.enum([
  /** The model finished its turn. */
  "completed",
  /** The step limit was reached before the model finished. */
  "max-steps",
  /** Someone stopped the run. */
  "user-stop",
  /** The model provider kept failing (after retries and the fallback model). */
  "model-error",
  /** The conversation no longer fits the model's context, even after compaction. */
  "context-overflow",
  /** The process running the agent went away mid-run; the run was closed from its log. */
  "process-restart",
  /** The agent asked the user a question (ask_user) and waits for the answer: a new run. */
  "awaiting-user",
  "internal",
]);
export type RunEndCode = z.infer<typeof RunEndCode>;

/** Payload schema of every run event, by event type (`<noun>-<action>`). */
export const RunEventPayloads = {
  "run-started": z.object({
    runId,
    version: z.literal(RUN_EVENTS_VERSION),
    /** The user's request that starts the run. */
    input: longText,
    /** Environment facts sent with the request (date, working directory); part of the history. */
    context: longText,
    model: ModelRef,
    fallbackModel: ModelRef.optional(),
    maxSteps: count,
  }),
  /** The run continues after a restart, from the history rebuilt from its events. */
  "run-resumed": z.object({ runId, step }),
  "step-started": z.object({ runId, step, model: ModelRef }),
  /** Streamed assistant text; `message-completed` carries the full text of the same `messageId`. */
  "message-delta": z.object({ runId, step, messageId: z.string().max(128), delta: longText }),
  "message-completed": z.object({
    runId,
    step,
    messageId: z.string().max(128),
    model: ModelRef,
    text: longText,
    toolCalls: z.array(ToolCallRef).max(1_000),
    /** Provider-neutral: stop, tool-calls, length, content-filter, aborted, other. */
    finishReason: z.string().max(64),
  }),
  /** A model call failed; the message being streamed (if any) is discarded. */
  "model-call-failed": z.object({
    runId,
    step,
    model: ModelRef,
    attempt: count,
    status: z.number().int().optional(),
    message: shortText,
    willRetry: z.boolean(),
    retryInMs: count.optional(),
    discardedMessageId: z.string().max(128).optional(),
  }),
  /** The run continues on the fallback model after the primary one kept failing. */
  "model-switched": z.object({ runId, step, from: ModelRef, to: ModelRef, reason: shortText }),
  "tool-call-started": z.object({ runId, step, ...ToolCallRef.shape }),
  "tool-call-completed": z.object({
    runId,
    step,
    toolCallId: ToolCallRef.shape.toolCallId,
    toolName: ToolCallRef.shape.toolName,
    isError: z.boolean(),
    /** Exactly what the model is sent as the result. */
    output: longText,
    /** The output was cut to fit (the model is told so in `output`). */
    truncated: z.boolean(),
    durationMs: count,
  }),
  /** A user message sent while the run was going; it reaches the model at the next step. */
  "user-message-queued": z.object({ runId, messageId: z.string().max(128), text: longText }),
  "user-message-delivered": z.object({ runId, messageId: z.string().max(128), text: longText, step }),
  "todo-updated": z.object({ runId, todos: z.array(TodoItem).max(200) }),
  "usage-updated": z.object({
    runId,
    step,
    model: ModelRef,
    /** This model call. */
    usage: TokenUsage,
    /** USD; null when the model has no known price. */
    costUsd: z.number().min(0).nullable(),
    /** The whole run so far. */
    total: TokenUsage,
    totalCostUsd: z.number().min(0),
    /** False when some call of the run had no known price (its cost is not in the total). */
    costComplete: z.boolean(),
  }),
  /** The history was replaced by a summary to fit the context window. */
  "compaction-done": z.object({
    runId,
    step,
    /** The request of the run, kept verbatim (the summary covers the conversation before it). */
    goal: longText,
    summary: longText,
    filesTouched: z.array(z.string().max(4096)).max(2_000),
    todos: z.array(TodoItem).max(200),
    messagesBefore: count,
    tokensBefore: count,
  }),
  "run-finished": z.object({
    runId,
    status: RunStatus,
    reason: z.object({ code: RunEndCode, message: shortText }),
    steps: count,
    usage: TokenUsage,
    costUsd: z.number().min(0),
    /** Queued user messages the model never saw (the caller may start a new run with them). */
    undeliveredMessages: z.array(longText).max(1_000),
  }),
} as const;

export type RunEventType = keyof typeof RunEventPayloads;
export type RunEventPayload<T extends RunEventType> = z.infer<(typeof RunEventPayloads)[T]>;
export type RunEventOf<T extends RunEventType> = { type: T; payload: RunEventPayload<T> };
export type RunEvent = { [T in RunEventType]: RunEventOf<T> }[RunEventType];

export const RUN_EVENT_TYPES = Object.keys(RunEventPayloads) as RunEventType[];

export function isRunEventType(type: string): type is RunEventType {
  return Object.hasOwn(RunEventPayloads, type);
}

/** Validates a stored or received event; `undefined` when it is not a valid run event. */
export function parseRunEvent(type: string, payload: unknown): RunEvent | undefined {
  if (!isRunEventType(type)) return undefined;
  const parsed = RunEventPayloads[type].safeParse(payload);
  return parsed.success ? ({ type, payload: parsed.data } as RunEvent) : undefined;
}
