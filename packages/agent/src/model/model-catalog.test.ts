import { describe, expect, it } from "vitest";
import { costOf, DEFAULT_CONTEXT_WINDOW, lookupModel } from "./model-catalog.js";

describe("lookupModel", () => {
  it("matches dated model ids by the longest prefix", () => {
    expect(lookupModel("claude-sonnet-4-5-20250929").price).toEqual({ input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 });
    expect(lookupModel("claude-opus-4-5-20251101").price?.input).toBe(5);
    expect(lookupModel("claude-opus-4-1-20250805").price?.input).toBe(15);
    expect(lookupModel("gpt-4o-mini-2024-07-18").price?.input).toBe(0.15);
    expect(lookupModel("gpt-4o-2024-08-06").contextWindow).toBe(128_000);
  });

  it("gives unknown models a default window and no price", () => {
    expect(lookupModel("my-local-llama")).toEqual({ contextWindow: DEFAULT_CONTEXT_WINDOW, price: undefined });
  });

  it("lets a project override or add prices and windows", () => {
    const overrides = { "my-local": { price: { input: 0, output: 0 }, contextWindow: 32_000 }, "claude-sonnet-4": { contextWindow: 1_000_000 } };
    expect(lookupModel("my-local-llama", overrides)).toEqual({ contextWindow: 32_000, price: { input: 0, output: 0 } });
    expect(lookupModel("claude-sonnet-4-5", overrides)).toEqual({ contextWindow: 1_000_000, price: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } });
  });
});

describe("costOf", () => {
  it("prices full-rate input, cache reads and writes, and output separately", () => {
    const usage = { inputTokens: 1_000_000, cacheReadTokens: 2_000_000, cacheWriteTokens: 1_000_000, outputTokens: 100_000 };
    expect(costOf(usage, { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 })).toBeCloseTo(3 + 0.6 + 3.75 + 1.5, 10);
  });

  it("charges cache tokens at the input price when the model has no cache prices", () => {
    expect(costOf({ inputTokens: 500_000, cacheReadTokens: 500_000, cacheWriteTokens: 0, outputTokens: 0 }, { input: 2, output: 8 })).toBeCloseTo(2, 10);
  });

  it("is null without a price", () => {
    expect(costOf({ inputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 1 }, undefined)).toBeNull();
  });
});
