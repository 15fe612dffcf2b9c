/** Token usage in the run events' shape: full-rate input, cache reads and writes, output. */
import type { TokenUsage } from "@codeyard/protocol";
import type { LanguageModelUsage } from "ai";

export const ZERO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

/** Converts the SDK's usage, whose `inputTokens` counts cached tokens too. */
export function fromSdkUsage(usage: LanguageModelUsage | undefined): TokenUsage {
  if (!usage) return { ...ZERO_USAGE };
  const cacheRead = usage.inputTokenDetails?.cacheReadTokens ?? 0;
  const cacheWrite = usage.inputTokenDetails?.cacheWriteTokens ?? 0;
  const fullRate = usage.inputTokenDetails?.noCacheTokens ?? Math.max(0, (usage.inputTokens ?? 0) - cacheRead - cacheWrite);
  return { inputTokens: fullRate, outputTokens: usage.outputTokens ?? 0, cacheReadTokens: cacheRead, cacheWriteTokens: cacheWrite };
}

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
  };
}

/** Every input token the call was sent, cached or not. */
export function promptTokens(usage: TokenUsage): number {
  return usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
}
