/** The fake provider itself, through the real SDK clients: both wires, streaming and not. */
import { generateText, streamText, tool } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { FakeProviderServer } from "../src/testing/index.js";
import { anthropicModel, openAIModel } from "./fixture.js";

let fake: FakeProviderServer;
beforeAll(async () => {
  fake = await FakeProviderServer.start();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => fake.reset());

const tools = { lookup: tool({ description: "Look a word up", inputSchema: z.object({ word: z.string() }) }) };

describe.each([
  ["anthropic", anthropicModel],
  ["openai", openAIModel],
] as const)("the fake %s wire", (wire, makeModel) => {
  it("answers non-streaming requests with text, tool calls and usage", async () => {
    fake.enqueue({ text: "Let me look.", toolCalls: [{ name: "lookup", input: { word: "cache" } }] });
    const result = await generateText({ model: makeModel(fake), instructions: "Be brief.", prompt: "What is a cache?", tools, maxOutputTokens: 100 });
    expect(result.text).toBe("Let me look.");
    expect(result.toolCalls.map((call) => [call.toolName, call.input])).toEqual([["lookup", { word: "cache" }]]);
    expect(result.finishReason).toBe("tool-calls");
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    const [request] = fake.requests;
    expect(request).toMatchObject({ wire, stream: false, system: "Be brief.", toolNames: ["lookup"] });
    expect(request!.messages).toEqual([{ role: "user", parts: [{ type: "text", text: "What is a cache?", cached: false }] }]);
  });

  it("streams text in chunks and reports what the scripted turn function received", async () => {
    fake.enqueue((request) => ({ text: `You said: ${JSON.stringify(request.messages.at(-1)!.parts[0])}`, chunkSize: 3 }));
    const result = streamText({ model: makeModel(fake), prompt: "ping", maxOutputTokens: 100 });
    const chunks: string[] = [];
    for await (const text of result.textStream) chunks.push(text);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.join("")).toBe('You said: {"type":"text","text":"ping","cached":false}');
  });

  it("answers scripted errors with their status and retry-after", async () => {
    fake.enqueue({ error: { status: 429, retryAfterSeconds: 7, message: "slow down" } });
    await expect(generateText({ model: makeModel(fake), prompt: "hi", maxRetries: 0, maxOutputTokens: 10 })).rejects.toMatchObject({
      statusCode: 429,
      responseHeaders: expect.objectContaining({ "retry-after": "7" }),
      message: expect.stringContaining("slow down"),
    });
  });

  it("refuses a request when the script is empty, saying so", async () => {
    await expect(generateText({ model: makeModel(fake), prompt: "hi", maxRetries: 0, maxOutputTokens: 10 })).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringContaining("no scripted turn left"),
    });
  });
});

describe("the fake's prompt-cache usage", () => {
  it("reports cache writes, then reads of the same prefix (Anthropic)", async () => {
    const system = { role: "system" as const, content: "S".repeat(4000), providerOptions: { anthropic: { cacheControl: { type: "ephemeral" } } } };
    fake.enqueue({ text: "a" }, { text: "b" });
    const first = await generateText({ model: anthropicModel(fake), instructions: [system], prompt: "one", maxOutputTokens: 10 });
    const second = await generateText({ model: anthropicModel(fake), instructions: [system], prompt: "two", maxOutputTokens: 10 });
    expect(first.usage.inputTokenDetails).toMatchObject({ cacheReadTokens: 0, cacheWriteTokens: expect.any(Number) });
    expect(first.usage.inputTokenDetails.cacheWriteTokens).toBeGreaterThan(1000);
    expect(second.usage.inputTokenDetails.cacheReadTokens).toBe(first.usage.inputTokenDetails.cacheWriteTokens);
    expect(fake.requests[1]!.usage).toMatchObject({ cacheReadTokens: first.usage.inputTokenDetails.cacheWriteTokens });
  });
});
