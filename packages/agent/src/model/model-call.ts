/**
 * One streamed model call (one step): the SDK converts the prompt to the provider's wire format
 * and parses the stream; tools have no `execute`, so the agent runs them itself. Retries are the
 * caller's (maxRetries 0 here), so it can report each failure and honour retry-after.
 */
import type { TokenUsage, ToolCallRef } from "@codeyard/protocol";
import { streamText, type Instructions, type ModelMessage, type ToolSet } from "ai";
import type { AgentModel } from "./create-model.js";
import { classifyModelError, type ClassifiedError } from "./retry.js";
import { fromSdkUsage } from "./usage.js";

export interface BuiltPrompt {
  instructions: Instructions;
  messages: ModelMessage[];
  tools: ToolSet;
}

export interface ModelCallRequest {
  model: AgentModel;
  prompt: BuiltPrompt;
  toolChoice?: "auto" | "none";
  maxOutputTokens: number;
  signal: AbortSignal;
  /** Abandon the call (as a retryable failure) when the provider sends nothing for this long. */
  idleTimeoutMs: number;
  onTextDelta?: (text: string) => Promise<void>;
}

export interface ModelCallResult {
  text: string;
  toolCalls: ToolCallRef[];
  finishReason: string;
  usage: TokenUsage;
  aborted: boolean;
}

export class ModelCallError extends Error {
  constructor(
    readonly classified: ClassifiedError,
    /** Some text had already been streamed to the caller before the failure. */
    readonly streamed: boolean,
    options?: { cause?: unknown },
  ) {
    super(classified.message, options);
    this.name = "ModelCallError";
  }
}

export async function callModel(request: ModelCallRequest): Promise<ModelCallResult> {
  const { model, prompt, signal } = request;
  let text = "";
  const toolCalls: ToolCallRef[] = [];
  let finishReason = "other";
  let usage: TokenUsage | undefined;
  const fail = (error: unknown): never => {
    throw new ModelCallError(classifyModelError(error), text.length > 0, { cause: error });
  };
  const idle = new IdleTimer(request.idleTimeoutMs);
  try {
    const result = streamText({
      model,
      instructions: prompt.instructions,
      messages: prompt.messages,
      tools: prompt.tools,
      toolChoice: request.toolChoice ?? "auto",
      maxOutputTokens: request.maxOutputTokens,
      maxRetries: 0,
      abortSignal: AbortSignal.any([signal, idle.signal]),
      // Errors arrive as stream parts and are handled below; the default handler would log them.
      onError: () => undefined,
    });
    for await (const part of result.fullStream) {
      idle.reset();
      if (signal.aborted || idle.signal.aborted) break;
      switch (part.type) {
        case "text-delta":
          text += part.text;
          await request.onTextDelta?.(part.text);
          break;
        case "tool-call":
          toolCalls.push({ toolCallId: part.toolCallId, toolName: part.toolName, input: part.input });
          break;
        case "finish-step":
          finishReason = part.finishReason;
          usage = fromSdkUsage(part.usage);
          break;
        case "error":
          fail(part.error);
          break;
        default:
          break;
      }
    }
  } catch (error) {
    if (error instanceof ModelCallError) throw error;
    if (!signal.aborted && !idle.signal.aborted) fail(error);
  } finally {
    idle.stop();
  }
  if (idle.signal.aborted && !signal.aborted) {
    const ms = request.idleTimeoutMs;
    const message = `The provider sent nothing for ${ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`}; the call was abandoned`;
    throw new ModelCallError({ message, retryable: true, contextOverflow: false }, text.length > 0);
  }
  if (signal.aborted) return { text, toolCalls: [], finishReason: "aborted", usage: usage ?? fromSdkUsage(undefined), aborted: true };
  return { text, toolCalls, finishReason, usage: usage ?? fromSdkUsage(undefined), aborted: false };
}

/** Aborts its signal when `reset` is not called for `ms`. */
class IdleTimer {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout;

  constructor(private readonly ms: number) {
    this.timer = setTimeout(() => this.controller.abort(), ms);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  reset(): void {
    clearTimeout(this.timer);
    if (!this.controller.signal.aborted) this.timer = setTimeout(() => this.controller.abort(), this.ms);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
