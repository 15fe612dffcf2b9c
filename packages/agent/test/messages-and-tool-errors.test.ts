import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AgentRun } from "../src/index.js";
import { FakeProviderServer, lastToolResult, toolResults, userTexts } from "../src/testing/index.js";
import { anthropicModel, EventLog, noRules, openAIModel, openSandbox, rethrowScriptFailures, type SandboxFixture } from "./fixture.js";

let sandbox: SandboxFixture;
let fake: FakeProviderServer;

beforeAll(async () => {
  [sandbox, fake] = await Promise.all([openSandbox("messages"), FakeProviderServer.start()]);
});
afterAll(async () => {
  await fake?.close();
  await sandbox?.close();
});
beforeEach(() => fake.reset());
afterEach(() => rethrowScriptFailures(fake));

describe("user messages during a run", () => {
  it("reach the model at the next step, after the results of the current one", async () => {
    fake.enqueue(
      { toolCalls: [{ name: "bash", input: { command: "sleep 1; echo slept" } }] },
      (request) => {
        expect(userTexts(request).at(-1)).toBe("Also print the date, please.");
        const last = request.messages.at(-1)!;
        // Anthropic carries tool results and the user's text in one user message, results first.
        expect(last.parts.map((part) => part.type)).toEqual(["tool-result", "text"]);
        return { text: "Noted; done." };
      },
    );
    const log = new EventLog();
    const run = new AgentRun({ runId: "run-queue", sandbox: sandbox.client, model: anthropicModel(fake), emit: log.emit, ...noRules });
    log.onEvent = (event) => {
      if (event.type === "tool-call-started") void run.send("Also print the date, please.");
    };
    const outcome = await run.start("Sleep a second.");
    expect(outcome.status).toBe("done");
    expect(log.types()).toEqual(expect.arrayContaining(["user-message-queued", "user-message-delivered"]));
    expect(log.of("user-message-delivered")[0]).toMatchObject({ text: "Also print the date, please.", step: 2 });
  });

  it("keep the run going when one arrives as the model ends its turn (OpenAI wire)", async () => {
    const log = new EventLog();
    const run = new AgentRun({ runId: "run-late-message", sandbox: sandbox.client, model: openAIModel(fake), emit: log.emit, ...noRules });
    fake.enqueue(
      async () => {
        await run.send("Wait, one more thing: say goodbye.");
        return { text: "All done." };
      },
      (request) => {
        expect(request.messages.map((message) => message.role)).toEqual(["user", "assistant", "user"]);
        expect(userTexts(request).at(-1)).toBe("Wait, one more thing: say goodbye.");
        return { text: "Goodbye!" };
      },
    );
    const outcome = await run.start("Say hello.");
    expect(outcome).toMatchObject({ status: "done", steps: 2 });
    expect(log.of("run-finished")[0]!.undeliveredMessages).toEqual([]);
  });
});

describe("tool errors go back to the model", () => {
  it("for unknown tools, malformed or invalid arguments, escaping paths and failed edits", async () => {
    await sandbox.client.writeFile("dup.txt", "x = 1\nx = 1\n");
    fake.enqueue(
      {
        toolCalls: [
          { name: "delete_everything", input: {} },
          { name: "read_file", rawInput: '{"path": "a.txt"' },
          { name: "read_file", input: { path: 42 } },
          { name: "read_file", input: { path: "../../etc/passwd" } },
          { name: "read_file", input: { path: "missing.txt" } },
          { name: "edit_file", input: { path: "dup.txt", old_string: "x = 1", new_string: "x = 2" } },
          { name: "edit_file", input: { path: "dup.txt", old_string: "y = 1", new_string: "y = 2" } },
          { name: "bash", input: { command: "exit 4" } },
        ],
      },
      (request) => {
        const results = toolResults(request);
        expect(results.map((result) => result.isError)).toEqual([true, true, true, true, true, true, true, false]);
        const [unknown, malformed, invalid, escape, missing, ambiguous, absent, exit] = results.map((result) => result.content);
        expect(unknown).toMatch(/^There is no tool named "delete_everything"\. Available tools: read_file, write_file, edit_file, glob, grep, list, bash/);
        expect(malformed).toMatch(/^The arguments for read_file are not valid JSON/);
        expect(invalid).toMatch(/^Invalid arguments for read_file: path: Invalid input: expected string, received number/);
        expect(escape).toMatch(/outside \/workspace/);
        expect(missing).toMatch(/not_found/);
        expect(ambiguous).toMatch(/old_string occurs 2 times in the file \(at lines 1, 2\)/);
        expect(absent).toMatch(/old_string was not found in the file/);
        expect(exit).toBe("(no output)\n[exit code 4]");
        // A malformed call is replayed to the provider with an empty object as its input.
        expect(request.messages[1]!.parts[2]).toMatchObject({ type: "tool-call", name: "read_file", input: {} });
        return { text: "I see the errors." };
      },
    );
    const log = new EventLog();
    const outcome = await new AgentRun({ runId: "run-errors", sandbox: sandbox.client, model: anthropicModel(fake), emit: log.emit, ...noRules }).start("Try things.");
    expect(outcome.status).toBe("done");
    expect(log.of("tool-call-started")[1]).toMatchObject({ toolName: "read_file", input: '{"path": "a.txt"' });
    expect((await sandbox.client.readFile("dup.txt")).content.toString()).toBe("x = 1\nx = 1\n");
  });

  it("cut long output and say so", async () => {
    fake.enqueue({ toolCalls: [{ name: "bash", input: { command: "seq 1 100000" } }] }, (request) => {
      const output = lastToolResult(request)!.content;
      expect(output.length).toBeLessThan(31_000);
      expect(output).toMatch(/^1\n2\n3\n/);
      expect(output).toMatch(/characters omitted/);
      expect(output).toMatch(/99999\n100000\n\[exit code 0\]$/);
      return { text: "Long." };
    });
    const log = new EventLog();
    await new AgentRun({ runId: "run-long", sandbox: sandbox.client, model: anthropicModel(fake), emit: log.emit, ...noRules }).start("Count.");
    expect(log.of("tool-call-completed")[0]!.truncated).toBe(true);
  });
});
