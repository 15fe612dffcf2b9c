/**
 * What the agent knows about models: context window and price, matched by model id prefix
 * (the longest prefix wins, so dated ids like claude-sonnet-4-5-20250929 match too). A project can
 * override or add entries; unknown models get a conservative window and no price.
 */
import type { TokenUsage } from "@codeyard/protocol";

/** USD per million tokens. Cache prices default to the input price when a provider has none. */
export interface ModelPrice {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
}

export interface ModelInfo {
  contextWindow: number;
  price?: ModelPrice;
}

export const DEFAULT_CONTEXT_WINDOW = 128_000;

const CATALOG: Record<string, ModelInfo> = {
  "claude-opus-4-5": { contextWindow: 200_000, price: { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 } },
  "claude-opus-4": { contextWindow: 200_000, price: { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 } },
  "claude-sonnet-4": { contextWindow: 200_000, price: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } },
  "claude-3-7-sonnet": { contextWindow: 200_000, price: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } },
  "claude-haiku-4-5": { contextWindow: 200_000, price: { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 } },
  "claude-3-5-haiku": { contextWindow: 200_000, price: { input: 0.8, output: 4, cacheRead: 0.08, cacheWrite: 1 } },
  "gpt-5-mini": { contextWindow: 400_000, price: { input: 0.25, output: 2, cacheRead: 0.025 } },
  "gpt-5-nano": { contextWindow: 400_000, price: { input: 0.05, output: 0.4, cacheRead: 0.005 } },
  "gpt-5": { contextWindow: 400_000, price: { input: 1.25, output: 10, cacheRead: 0.125 } },
  "gpt-4.1-mini": { contextWindow: 1_047_576, price: { input: 0.4, output: 1.6, cacheRead: 0.1 } },
  "gpt-4.1": { contextWindow: 1_047_576, price: { input: 2, output: 8, cacheRead: 0.5 } },
  "gpt-4o-mini": { contextWindow: 128_000, price: { input: 0.15, output: 0.6, cacheRead: 0.075 } },
  "gpt-4o": { contextWindow: 128_000, price: { input: 2.5, output: 10, cacheRead: 1.25 } },
  "deepseek-chat": { contextWindow: 128_000, price: { input: 0.28, output: 0.42, cacheRead: 0.028 } },
  "deepseek-reasoner": { contextWindow: 128_000, price: { input: 0.28, output: 0.42, cacheRead: 0.028 } },
};

/** Looks a model up; `overrides` (a project's table) take precedence over the built-in one. */
export function lookupModel(modelId: string, overrides: Record<string, Partial<ModelInfo>> = {}): ModelInfo {
  const builtIn = longestPrefixMatch(CATALOG, modelId);
  const override = longestPrefixMatch(overrides, modelId);
  return {
    contextWindow: override?.contextWindow ?? builtIn?.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
    price: override?.price ?? builtIn?.price,
  };
}

function longestPrefixMatch<T>(table: Record<string, T>, modelId: string): T | undefined {
  const id = modelId.toLowerCase();
  let best: string | undefined;
  for (const prefix of Object.keys(table)) {
    if (id.startsWith(prefix.toLowerCase()) && (!best || prefix.length > best.length)) best = prefix;
  }
  return best === undefined ? undefined : table[best];
}

/** Cost in USD of one call's usage, or null when the price is unknown. */
export function costOf(usage: TokenUsage, price: ModelPrice | undefined): number | null {
  if (!price) return null;
  const micro =
    usage.inputTokens * price.input +
    usage.cacheReadTokens * (price.cacheRead ?? price.input) +
    usage.cacheWriteTokens * (price.cacheWrite ?? price.input) +
    usage.outputTokens * price.output;
  return micro / 1_000_000;
}
