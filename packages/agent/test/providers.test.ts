/** Provider behaviour through the real SDK clients: retries, retry-after, stream errors, fallback. */
import { SandboxClient } from "@codeyard/sandbox";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AgentRun, type AgentModel } from "../src/index.js";
import { FakeProviderServer } from "../src/testing/index.js";
import { anthropicModel, EventLog, noRules, openAICompatibleModel, rethrowScriptFailures } from "./fixture.js";

let fake: FakeProviderServer;
// These runs call no tools, so the sandbox is never reached.
const unusedSandbox = new SandboxClient("/nonexistent/sandboxd.sock");

beforeAll(async () => {
  fake = await FakeProviderServer.start();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => fake.reset());
afterEach(() => rethrowScriptFailures(fake));

function run(model: AgentModel, log: EventLog, extra: Partial<ConstructorParameters<typeof AgentRun>[0]> = {}) {
  return new AgentRun({ runId: "run-provider", sandbox: unusedSandbox, model, emit: log.emit, retry: { initialDelayMs: 10 }, ...noRules, ...extra });
}

describe("model calls", () => {
  it("retry a 429 after the provider's retry-after", async () => {
    fake.enqueue({ error: { status: 429, message: "Rate limited", retryAfterSeconds: 1 } }, { text: "Hello after waiting." });
    const log = new EventLog();
    const started = Date.now();
    const outcome = await run(anthropicModel(fake), log).start("Hi");
    expect(outcome.status).toBe("done");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(log.of("model-call-failed")).toEqual([expect.objectContaining({ attempt: 1, status: 429, willRetry: true, retryInMs: 1000, message: expect.stringContaining("Rate limited") })]);
    expect(fake.requests).toHaveLength(2);
    expect(log.of("message-completed")[0]!.text).toBe("Hello after waiting.");
  });

  it("retry 5xx with backoff, over the OpenAI-compatible wire too", async () => {
    fake.enqueue({ error: { status: 500 } }, { error: { status: 503, retryAfterSeconds: 0 } }, { text: "Fine now." });
    const log = new EventLog();
    const outcome = await run(openAICompatibleModel(fake), log).start("Hi");
    expect(outcome.status).toBe("done");
    expect(log.of("model-call-failed").map((failure) => [failure.status, failure.willRetry])).toEqual([
      [500, true],
      [503, true],
    ]);
  });

  it("retry a stream that fails midway and discard its partial message", async () => {
    fake.enqueue({ streamError: { afterText: "I will sta" } }, { text: "I will start over." });
    const log = new EventLog();
    const outcome = await run(anthropicModel(fake), log, { deltaFlushMs: 0 }).start("Hi");
    expect(outcome.status).toBe("done");
    const [failure] = log.of("model-call-failed");
    const deltas = log.of("message-delta");
    expect(failure).toMatchObject({ willRetry: true, discardedMessageId: deltas[0]!.messageId });
    const completed = log.of("message-completed");
    expect(completed).toHaveLength(1);
    expect(completed[0]!.text).toBe("I will start over.");
    expect(completed[0]!.messageId).not.toBe(failure!.discardedMessageId);
  });

  it("abandon and retry a call on which the provider went silent", async () => {
    fake.enqueue({ hang: true }, { text: "Back." });
    const log = new EventLog();
    const outcome = await run(anthropicModel(fake), log, { modelIdleTimeoutMs: 300 }).start("Hi");
    expect(outcome.status).toBe("done");
    expect(log.of("model-call-failed")).toEqual([expect.objectContaining({ willRetry: true, message: expect.stringContaining("sent nothing for 300 ms") })]);
  });

  it("switch to the fallback model when the primary keeps failing", async () => {
    fake.enqueue({ error: { status: 529 } }, { error: { status: 529 } }, { error: { status: 529 } }, { text: "Answer from the fallback." });
    const log = new EventLog();
    const outcome = await run(anthropicModel(fake), log, { fallbackModel: openAICompatibleModel(fake), retry: { initialDelayMs: 5, maxRetries: 2 } }).start("Hi");
    expect(outcome.status).toBe("done");
    expect(fake.requests.map((request) => request.wire)).toEqual(["anthropic", "anthropic", "anthropic", "openai"]);
    expect(log.of("model-switched")).toEqual([expect.objectContaining({ from: { provider: "anthropic", model: "claude-sonnet-4-5" }, to: { provider: "openai-compatible", model: "qwen3-coder" } })]);
    expect(log.of("message-completed")[0]!.model.provider).toBe("openai-compatible");
    expect(log.of("model-call-failed").map((failure) => failure.willRetry)).toEqual([true, true, false]);
  });

  it("fail the run with an actionable reason on an error that retrying cannot fix", async () => {
    fake.enqueue({ error: { status: 401, message: "invalid x-api-key" } });
    const log = new EventLog();
    const outcome = await run(anthropicModel(fake), log).start("Hi");
    expect(outcome).toMatchObject({ status: "failed", reason: { code: "model-error", message: expect.stringMatching(/invalid x-api-key.*HTTP 401.*Check the model settings/) } });
    expect(fake.requests).toHaveLength(1);
    expect(log.of("run-finished")[0]!.status).toBe("failed");
  });

  it("stop at the step limit", async () => {
    fake.enqueue({ toolCalls: [{ name: "todo_write", input: { todos: [{ content: "a", status: "pending" }] } }] }, { toolCalls: [{ name: "todo_write", input: { todos: [] } }] });
    const log = new EventLog();
    const outcome = await run(anthropicModel(fake), log, { maxSteps: 2 }).start("Loop.");
    expect(outcome).toMatchObject({ status: "stopped", reason: { code: "max-steps" }, steps: 2 });
    expect(fake.pending).toBe(0);
  });
});
