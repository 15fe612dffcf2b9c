/** The OpenAI Chat Completions wire format (also spoken by vLLM, Ollama, DeepSeek, ...). */
import type { ParsedPrompt } from "./anthropic-wire.js";
import type { NormalizedMessage, NormalizedPart, ReplyTurn, ReportedUsage } from "./script.js";
import { chunkText, scriptedToolInput, type SseWriter, toolCallId } from "./wire-util.js";

type Json = Record<string, unknown>;

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return (content as Json[]).map((part) => String(part.text ?? "")).join("");
  return "";
}

function parseArguments(raw: unknown): unknown {
  try {
    return JSON.parse(String(raw));
  } catch {
    return raw;
  }
}

export function parseOpenAIRequest(body: Json): ParsedPrompt {
  const tools = (Array.isArray(body.tools) ? body.tools : []) as Json[];
  const all = (body.messages ?? []) as Json[];
  const system = all.filter((message) => message.role === "system" || message.role === "developer");
  const messages: NormalizedMessage[] = [];
  for (const message of all) {
    if (message.role === "system" || message.role === "developer") continue;
    const parts: NormalizedPart[] = [];
    const text = textOf(message.content);
    if (message.role === "tool") {
      parts.push({ type: "tool-result", id: String(message.tool_call_id), content: text, isError: false, cached: false });
    } else {
      if (text) parts.push({ type: "text", text, cached: false });
      for (const call of (message.tool_calls ?? []) as Json[]) {
        const fn = call.function as Json;
        parts.push({ type: "tool-call", id: String(call.id), name: String(fn.name), input: parseArguments(fn.arguments), cached: false });
      }
    }
    const role = message.role === "assistant" ? "assistant" : message.role === "tool" ? "tool" : "user";
    messages.push({ role, parts });
  }
  return {
    system: system.map((message) => textOf(message.content)).join("\n"),
    systemCached: false,
    messages,
    toolNames: tools.map((tool) => String((tool.function as Json | undefined)?.name)),
    cachedToolNames: [],
    blocks: [
      ...tools.map((tool) => ({ key: `tool:${JSON.stringify(tool)}`, breakpoint: false })),
      ...all.map((message) => ({ key: `message:${JSON.stringify(message)}`, breakpoint: false })),
    ],
  };
}

const FINISH = { stop: "stop", "tool-calls": "tool_calls", length: "length" } as const;

function finishReason(turn: ReplyTurn): string {
  return FINISH[turn.finishReason ?? (turn.toolCalls?.length ? "tool-calls" : "stop")];
}

const usageJson = (usage: ReportedUsage) => {
  const prompt = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  return {
    prompt_tokens: prompt,
    completion_tokens: usage.outputTokens,
    total_tokens: prompt + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cacheReadTokens },
  };
};

export function openAICompletion(turn: ReplyTurn, model: string, usage: ReportedUsage, index: number): Json {
  const toolCalls = (turn.toolCalls ?? []).map((call, i) => ({
    id: call.id ?? toolCallId("call", index, i),
    type: "function",
    function: { name: call.name, arguments: scriptedToolInput(call) },
  }));
  return {
    id: `chatcmpl-fake-${index}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content: turn.text ?? null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) }, finish_reason: finishReason(turn) }],
    usage: usageJson(usage),
  };
}

export async function streamOpenAICompletion(sse: SseWriter, turn: ReplyTurn, model: string, usage: ReportedUsage, index: number, includeUsage: boolean): Promise<void> {
  const base = { id: `chatcmpl-fake-${index}`, object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model };
  const chunk = (delta: Json, finish: string | null = null) => ({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] });
  await sse.event(undefined, chunk({ role: "assistant", content: "" }));
  for (const piece of chunkText(turn.text ?? "", turn.chunkSize)) await sse.event(undefined, chunk({ content: piece }), turn.chunkDelayMs);
  for (const [i, call] of (turn.toolCalls ?? []).entries()) {
    const id = call.id ?? toolCallId("call", index, i);
    await sse.event(undefined, chunk({ tool_calls: [{ index: i, id, type: "function", function: { name: call.name, arguments: "" } }] }));
    for (const piece of chunkText(scriptedToolInput(call), 24)) {
      await sse.event(undefined, chunk({ tool_calls: [{ index: i, function: { arguments: piece } }] }));
    }
  }
  await sse.event(undefined, chunk({}, finishReason(turn)));
  if (includeUsage) await sse.event(undefined, { ...base, choices: [], usage: usageJson(usage) });
  await sse.event(undefined, "[DONE]");
}

const ERROR_TYPES: Record<number, string> = { 400: "invalid_request_error", 401: "invalid_api_key", 429: "rate_limit_exceeded", 500: "server_error", 503: "server_error" };

export function openAIError(status: number, message: string, type?: string): Json {
  return { error: { message, type: type ?? ERROR_TYPES[status] ?? "server_error", param: null, code: null } };
}

export async function streamOpenAIError(sse: SseWriter, afterText: string | undefined, message: string, type: string | undefined, model: string, index: number): Promise<void> {
  const base = { id: `chatcmpl-fake-${index}`, object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model };
  await sse.event(undefined, { ...base, choices: [{ index: 0, delta: { role: "assistant", content: afterText ?? "" }, finish_reason: null }] });
  await sse.event(undefined, openAIError(500, message, type));
}
