/**
 * Turns the run's state into a model request. The stable builder keeps the prompt prefix
 * identical from turn to turn — tool definitions and system prompt first, then the history,
 * which only grows at its end — and marks Anthropic cache breakpoints on the system prompt (which
 * caches the tools too) and on the last two messages, so each request reads the previous
 * request's prefix from the cache. The builder is injectable (the P8 benchmark compares it with a
 * naive one).
 */
import type { TodoItem } from "@codeyard/protocol";
import type { ModelMessage, SystemModelMessage, ToolSet } from "ai";
import type { BuiltPrompt } from "../model/model-call.js";

export interface PromptParts {
  /** Fixed instructions and project rules. */
  system: string;
  tools: ToolSet;
  /** The conversation, append-only (compaction aside). */
  messages: ModelMessage[];
  todos: TodoItem[];
  now: Date;
  /** The model takes Anthropic cache_control breakpoints. */
  anthropicCache: boolean;
}

export type PromptBuilder = (parts: PromptParts) => BuiltPrompt;

const CACHE_BREAKPOINT = { anthropic: { cacheControl: { type: "ephemeral" } } } as const;
const CACHED_TAIL_MESSAGES = 2;

export const stablePromptBuilder: PromptBuilder = (parts) => {
  const system: SystemModelMessage = { role: "system", content: parts.system };
  if (!parts.anthropicCache) return { instructions: [system], tools: parts.tools, messages: parts.messages };
  return { instructions: [{ ...system, providerOptions: CACHE_BREAKPOINT }], tools: parts.tools, messages: withCachedTail(parts.messages, CACHED_TAIL_MESSAGES) };
};

/** Copies of the last `count` messages carry a cache breakpoint (the history itself is untouched). */
export function withCachedTail(messages: ModelMessage[], count: number): ModelMessage[] {
  const start = Math.max(0, messages.length - count);
  return messages.map((message, i) => (i < start ? message : ({ ...message, providerOptions: { ...message.providerOptions, ...CACHE_BREAKPOINT } } as ModelMessage)));
}
