import { describe, expect, it } from "vitest";
import { PromptCacheSim } from "./prompt-cache-sim.js";

const block = (key: string, breakpoint = false) => ({ key, breakpoint });

describe("PromptCacheSim", () => {
  it("writes at breakpoints and reads back the longest cached prefix (Anthropic)", () => {
    const sim = new PromptCacheSim("breakpoints");
    const first = [block("s".repeat(400), true), block("u".repeat(40), true)];
    expect(sim.measure(first)).toEqual({ inputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 110 });
    const second = [...first.map((b) => ({ ...b, breakpoint: false })), block("a".repeat(40)), block("t".repeat(40), true)];
    second[0]!.breakpoint = true;
    expect(sim.measure(second)).toEqual({ inputTokens: 0, cacheReadTokens: 110, cacheWriteTokens: 20 });
  });

  it("reads nothing when the first block changed", () => {
    const sim = new PromptCacheSim("breakpoints");
    sim.measure([block("date 1"), block("s".repeat(400), true)]);
    expect(sim.measure([block("date 2"), block("s".repeat(400), true)]).cacheReadTokens).toBe(0);
  });

  it("counts tokens after the last breakpoint as uncached input", () => {
    const sim = new PromptCacheSim("breakpoints");
    expect(sim.measure([block("s".repeat(400), true), block("u".repeat(40))])).toEqual({ inputTokens: 10, cacheReadTokens: 0, cacheWriteTokens: 100 });
  });

  it("caches every prefix automatically (OpenAI)", () => {
    const sim = new PromptCacheSim("automatic");
    sim.measure([block("s".repeat(400)), block("u".repeat(40))]);
    expect(sim.measure([block("s".repeat(400)), block("v".repeat(40))])).toEqual({ inputTokens: 10, cacheReadTokens: 100, cacheWriteTokens: 0 });
  });
});
