import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ASK_USER_OUTPUT, AgentRun } from "../src/index.js";
import { FakeProviderServer, lastToolResult, userTexts } from "../src/testing/index.js";
import { anthropicModel, EventLog, noRules, openSandbox, rethrowScriptFailures, type SandboxFixture } from "./fixture.js";

let sandbox: SandboxFixture;
let fake: FakeProviderServer;

beforeAll(async () => {
  [sandbox, fake] = await Promise.all([openSandbox("ask-user"), FakeProviderServer.start()]);
});
afterAll(async () => {
  await fake?.close();
  await sandbox?.close();
});
beforeEach(() => fake.reset());
afterEach(() => rethrowScriptFailures(fake));

const QUESTION = "Should the greeting be in English or in French?";

describe("ask_user", () => {
  it("ends the run waiting for the user; the answer continues the conversation in the next run", async () => {
    fake.enqueue(
      { text: "One question first.", toolCalls: [{ name: "ask_user", input: { question: QUESTION } }] },
      (request) => {
        expect(lastToolResult(request)).toMatchObject({ content: ASK_USER_OUTPUT, isError: false });
        expect(userTexts(request).at(-1)).toBe("French, please.");
        return { text: "Bonjour it is." };
      },
    );
    const log = new EventLog();
    const first = await new AgentRun({ runId: "ask-1", sandbox: sandbox.client, model: anthropicModel(fake), emit: log.emit, ...noRules }).start("Write a greeting.");
    expect(first).toMatchObject({ status: "done", reason: { code: "awaiting-user", message: QUESTION }, steps: 1 });
    expect(fake.requests[0]!.toolNames).toContain("ask_user");
    expect(log.of("run-finished")[0]).toMatchObject({ status: "done", reason: { code: "awaiting-user", message: QUESTION } });

    const second = await new AgentRun({ runId: "ask-2", sandbox: sandbox.client, model: anthropicModel(fake), emit: log.emit, history: [...log.events], ...noRules }).start("French, please.");
    expect(second).toMatchObject({ status: "done", reason: { code: "completed" } });
    expect(fake.pending).toBe(0);
  });

  it("goes on when the user already sent a message during the step", async () => {
    const log = new EventLog();
    const run = new AgentRun({ runId: "ask-queued", sandbox: sandbox.client, model: anthropicModel(fake), emit: log.emit, ...noRules });
    fake.enqueue(
      async () => {
        await run.send("Use French.");
        return { toolCalls: [{ name: "ask_user", input: { question: QUESTION } }] };
      },
      (request) => {
        expect(userTexts(request).at(-1)).toBe("Use French.");
        return { text: "Bonjour." };
      },
    );
    const outcome = await run.start("Write a greeting.");
    expect(outcome).toMatchObject({ status: "done", reason: { code: "completed" }, steps: 2 });
  });

  it("refuses an empty question like any invalid tool call, and the run goes on", async () => {
    fake.enqueue({ toolCalls: [{ name: "ask_user", input: { question: "  " } }] }, (request) => {
      expect(lastToolResult(request)!.isError).toBe(true);
      return { text: "I decided myself." };
    });
    const log = new EventLog();
    const outcome = await new AgentRun({ runId: "ask-empty", sandbox: sandbox.client, model: anthropicModel(fake), emit: log.emit, ...noRules }).start("Write a greeting.");
    expect(outcome).toMatchObject({ status: "done", reason: { code: "completed" } });
  });
});
