/**
 * A small model of provider prompt caching, so the fake server reports realistic usage:
 * - "breakpoints" (Anthropic): a prefix is written to the cache at each block marked with
 *   cache_control and read back when a later request starts with exactly that prefix;
 * - "automatic" (OpenAI): every prefix of an earlier request can be read back.
 * Tokens are estimated as characters / 4 of each block's JSON.
 */
import { createHash } from "node:crypto";
import type { ReportedUsage } from "./script.js";

export interface CacheBlock {
  /** Canonical content of the block (without its cache marker). */
  key: string;
  breakpoint: boolean;
}

export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

export class PromptCacheSim {
  private readonly stored = new Set<string>();

  constructor(private readonly mode: "breakpoints" | "automatic") {}

  /** Input-token usage of a request made of `blocks`, then remembers what it cached. */
  measure(blocks: CacheBlock[]): Omit<ReportedUsage, "outputTokens"> {
    const chain: string[] = [];
    const tokensUpTo: number[] = [];
    let hash = "";
    let tokens = 0;
    for (const block of blocks) {
      hash = createHash("sha256").update(hash).update("\n").update(block.key).digest("hex");
      tokens += estimateTokens(block.key.length);
      chain.push(hash);
      tokensUpTo.push(tokens);
    }
    const lastBreakpoint = this.mode === "automatic" ? blocks.length - 1 : findLastIndex(blocks, (block) => block.breakpoint);
    let hit = -1;
    for (let i = lastBreakpoint; i >= 0; i--) {
      if (this.stored.has(chain[i]!)) {
        hit = i;
        break;
      }
    }
    const read = hit >= 0 ? tokensUpTo[hit]! : 0;
    const cachedEnd = lastBreakpoint >= 0 ? tokensUpTo[lastBreakpoint]! : 0;
    const write = this.mode === "breakpoints" ? Math.max(0, cachedEnd - read) : 0;
    blocks.forEach((block, i) => {
      if (this.mode === "automatic" || block.breakpoint) this.stored.add(chain[i]!);
    });
    return { inputTokens: tokens - read - write, cacheReadTokens: read, cacheWriteTokens: write };
  }

  clear(): void {
    this.stored.clear();
  }
}

function findLastIndex<T>(items: T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i]!)) return i;
  return -1;
}
