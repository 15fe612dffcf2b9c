/** The Anthropic Messages API wire format, as much of it as the fake provider speaks. */
import type { CacheBlock } from "./prompt-cache-sim.js";
import type { NormalizedMessage, NormalizedPart, ReplyTurn, ReportedUsage } from "./script.js";
import { chunkText, scriptedToolInput, type SseWriter, toolCallId } from "./wire-util.js";

type Json = Record<string, unknown>;

export interface ParsedPrompt {
  system: string;
  systemCached: boolean;
  messages: NormalizedMessage[];
  toolNames: string[];
  cachedToolNames: string[];
  blocks: CacheBlock[];
}

const isCached = (block: Json) => block.cache_control != null;
const withoutCacheControl = (block: Json) => JSON.stringify({ ...block, cache_control: undefined });

export function parseAnthropicRequest(body: Json): ParsedPrompt {
  const tools = (Array.isArray(body.tools) ? body.tools : []) as Json[];
  const systemBlocks: Json[] = typeof body.system === "string" ? [{ type: "text", text: body.system }] : ((body.system as Json[] | undefined) ?? []);
  const blocks: CacheBlock[] = [
    ...tools.map((tool) => ({ key: `tool:${withoutCacheControl(tool)}`, breakpoint: isCached(tool) })),
    ...systemBlocks.map((block) => ({ key: `system:${withoutCacheControl(block)}`, breakpoint: isCached(block) })),
  ];
  const messages: NormalizedMessage[] = [];
  for (const message of (body.messages ?? []) as Json[]) {
    const role = message.role === "assistant" ? "assistant" : "user";
    const content: Json[] = typeof message.content === "string" ? [{ type: "text", text: message.content }] : ((message.content as Json[]) ?? []);
    for (const block of content) blocks.push({ key: `${role}:${withoutCacheControl(block)}`, breakpoint: isCached(block) });
    messages.push({ role, parts: content.map(toPart) });
  }
  return {
    system: systemBlocks.map((block) => String(block.text ?? "")).join("\n"),
    systemCached: systemBlocks.some(isCached),
    messages,
    toolNames: tools.map((tool) => String(tool.name)),
    cachedToolNames: tools.filter(isCached).map((tool) => String(tool.name)),
    blocks,
  };
}

function toPart(block: Json): NormalizedPart {
  const cached = isCached(block);
  if (block.type === "tool_use") return { type: "tool-call", id: String(block.id), name: String(block.name), input: block.input, cached };
  if (block.type === "tool_result") {
    const content = typeof block.content === "string" ? block.content : ((block.content as Json[] | undefined) ?? []).map((part) => String(part.text ?? "")).join("");
    return { type: "tool-result", id: String(block.tool_use_id), content, isError: block.is_error === true, cached };
  }
  return { type: "text", text: String(block.text ?? ""), cached };
}

const STOP_REASONS = { stop: "end_turn", "tool-calls": "tool_use", length: "max_tokens" } as const;

function stopReason(turn: ReplyTurn): string {
  return STOP_REASONS[turn.finishReason ?? (turn.toolCalls?.length ? "tool-calls" : "stop")];
}

const usageJson = (usage: ReportedUsage) => ({
  input_tokens: usage.inputTokens,
  cache_creation_input_tokens: usage.cacheWriteTokens,
  cache_read_input_tokens: usage.cacheReadTokens,
  output_tokens: usage.outputTokens,
});

export function anthropicMessage(turn: ReplyTurn, model: string, usage: ReportedUsage, index: number): Json {
  const content: Json[] = [];
  if (turn.text) content.push({ type: "text", text: turn.text });
  (turn.toolCalls ?? []).forEach((call, i) => {
    content.push({ type: "tool_use", id: call.id ?? toolCallId("toolu", index, i), name: call.name, input: call.rawInput !== undefined ? {} : (call.input ?? {}) });
  });
  return { id: `msg_fake_${index}`, type: "message", role: "assistant", model, content, stop_reason: stopReason(turn), stop_sequence: null, usage: usageJson(usage) };
}

export async function streamAnthropicMessage(sse: SseWriter, turn: ReplyTurn, model: string, usage: ReportedUsage, index: number): Promise<void> {
  const start = { ...usageJson(usage), output_tokens: 1 };
  await sse.event("message_start", { type: "message_start", message: { id: `msg_fake_${index}`, type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage: start } });
  let block = 0;
  if (turn.text) {
    await sse.event("content_block_start", { type: "content_block_start", index: block, content_block: { type: "text", text: "" } });
    for (const piece of chunkText(turn.text, turn.chunkSize)) {
      await sse.event("content_block_delta", { type: "content_block_delta", index: block, delta: { type: "text_delta", text: piece } }, turn.chunkDelayMs);
    }
    await sse.event("content_block_stop", { type: "content_block_stop", index: block++ });
  }
  for (const [i, call] of (turn.toolCalls ?? []).entries()) {
    const id = call.id ?? toolCallId("toolu", index, i);
    await sse.event("content_block_start", { type: "content_block_start", index: block, content_block: { type: "tool_use", id, name: call.name, input: {} } });
    for (const piece of chunkText(scriptedToolInput(call), 24)) {
      await sse.event("content_block_delta", { type: "content_block_delta", index: block, delta: { type: "input_json_delta", partial_json: piece } });
    }
    await sse.event("content_block_stop", { type: "content_block_stop", index: block++ });
  }
  await sse.event("message_delta", { type: "message_delta", delta: { stop_reason: stopReason(turn), stop_sequence: null }, usage: { output_tokens: usage.outputTokens } });
  await sse.event("message_stop", { type: "message_stop" });
}

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

export function anthropicError(status: number, message: string, type?: string): Json {
  return { type: "error", error: { type: type ?? ERROR_TYPES[status] ?? "api_error", message } };
}

export async function streamAnthropicError(sse: SseWriter, afterText: string | undefined, message: string, type: string | undefined, model: string, index: number): Promise<void> {
  const usage = { input_tokens: 1, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  await sse.event("message_start", { type: "message_start", message: { id: `msg_fake_${index}`, type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage } });
  if (afterText) {
    await sse.event("content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } });
    await sse.event("content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: afterText } });
  }
  await sse.event("error", anthropicError(529, message, type ?? "overloaded_error"));
}
