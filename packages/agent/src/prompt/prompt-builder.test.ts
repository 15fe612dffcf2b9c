import type { ModelMessage } from "ai";
import { describe, expect, it } from "vitest";
import { stablePromptBuilder, withCachedTail } from "./prompt-builder.js";

const messages: ModelMessage[] = [
  { role: "user", content: "one" },
  { role: "assistant", content: "two" },
  { role: "user", content: "three" },
];
const parts = { system: "SYSTEM", tools: {}, messages, todos: [{ id: "1", content: "x", status: "pending" as const }], now: new Date(0) };
const breakpoint = { anthropic: { cacheControl: { type: "ephemeral" } } };

describe("stablePromptBuilder", () => {
  it("puts Anthropic breakpoints on the system prompt and the last two messages, without touching the history", () => {
    const built = stablePromptBuilder({ ...parts, anthropicCache: true });
    expect(built.instructions).toEqual([{ role: "system", content: "SYSTEM", providerOptions: breakpoint }]);
    expect(built.messages.map((message) => message.providerOptions)).toEqual([undefined, breakpoint, breakpoint]);
    expect(messages.every((message) => message.providerOptions === undefined)).toBe(true);
  });

  it("keeps dynamic state (todos, time) out of the prompt: same input, same prompt, any time", () => {
    const a = stablePromptBuilder({ ...parts, anthropicCache: true });
    const b = stablePromptBuilder({ ...parts, now: new Date(), todos: [], anthropicCache: true });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it("leaves other providers' prompts unmarked", () => {
    const built = stablePromptBuilder({ ...parts, anthropicCache: false });
    expect(built.instructions).toEqual([{ role: "system", content: "SYSTEM" }]);
    expect(built.messages).toBe(messages);
  });

  it("marks at most as many messages as there are", () => {
    expect(withCachedTail(messages.slice(0, 1), 2)[0]!.providerOptions).toEqual(breakpoint);
  });
});
