import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AgentRun, rebuildHistory } from "../src/index.js";
import { FakeProviderServer, lastToolResult, type RecordedRequest } from "../src/testing/index.js";
import { anthropicModel, EventLog, openAICompatibleModel, openSandbox, rethrowScriptFailures, type SandboxFixture } from "./fixture.js";

let sandbox: SandboxFixture;
let fake: FakeProviderServer;

beforeAll(async () => {
  [sandbox, fake] = await Promise.all([openSandbox("run"), FakeProviderServer.start()]);
});
afterAll(async () => {
  await fake?.close();
  await sandbox?.close();
});
beforeEach(() => fake.reset());
afterEach(() => rethrowScriptFailures(fake));

const TEST_FILE = `import { test } from "node:test";
import assert from "node:assert";
import { add, mul } from "./math.js";
test("add", () => assert.strictEqual(add(2, 3), 5));
test("mul", () => assert.strictEqual(mul(2, 3), 6));
`;

/** Each request must start with the previous request's messages, unchanged. */
function expectStablePrefix(requests: RecordedRequest[]): void {
  const strip = (request: RecordedRequest) => JSON.stringify(request.messages.map((message) => ({ role: message.role, parts: message.parts.map((part) => ({ ...part, cached: undefined })) })));
  for (let i = 1; i < requests.length; i++) {
    const [previous, current] = [requests[i - 1]!, requests[i]!];
    expect(current.system).toBe(previous.system);
    expect(current.toolNames).toEqual(previous.toolNames);
    expect(strip(current).startsWith(strip(previous).slice(0, -1))).toBe(true);
  }
}

describe("an agent run in a real sandbox", () => {
  it("writes a module, edits it, runs the tests, reads the failure, fixes it and ends green (Anthropic wire)", async () => {
    await sandbox.client.writeFile("math.test.js", TEST_FILE);
    await sandbox.client.writeFile("package.json", JSON.stringify({ name: "demo", type: "module", scripts: { test: "node --test" } }));
    await sandbox.client.writeFile("AGENTS.md", "Run the tests with `npm test` before you finish.");
    fake.enqueue(
      { text: "I'll plan first.", toolCalls: [{ name: "todo_write", input: { todos: [{ content: "Write math.js", status: "in_progress" }, { content: "Make npm test pass", status: "pending" }] } }] },
      { toolCalls: [{ name: "write_file", input: { path: "math.js", content: "export function add(a, b) {\n  return a - b;\n}\n" } }] },
      { toolCalls: [{ name: "edit_file", input: { path: "math.js", old_string: "}\n", new_string: "}\n\nexport function mul(a, b) {\n  return a * b;\n}\n" } }] },
      { toolCalls: [{ name: "bash", input: { command: "npm test 2>&1 | tail -n 30", description: "run the tests" } }] },
      (request) => {
        const result = lastToolResult(request)!;
        expect(result.content).toMatch(/fail 1/);
        expect(result.content).toMatch(/Expected values to be strictly equal|-1/);
        return { toolCalls: [{ name: "read_file", input: { path: "math.js" } }] };
      },
      (request) => {
        expect(lastToolResult(request)!.content).toContain("1\texport function add(a, b) {\n2\t  return a - b;");
        return { toolCalls: [{ name: "edit_file", input: { path: "math.js", old_string: "return a - b;", new_string: "return a + b;" } }] };
      },
      { toolCalls: [{ name: "bash", input: { command: "npm test" } }] },
      (request) => {
        expect(lastToolResult(request)!.content).toMatch(/pass 2[\s\S]*fail 0[\s\S]*\[exit code 0\]/);
        return { toolCalls: [{ name: "todo_write", input: { todos: [{ content: "Write math.js", status: "completed" }, { content: "Make npm test pass", status: "completed" }] } }] };
      },
      { text: "Done: math.js has add and mul, and npm test passes." },
    );
    const log = new EventLog();
    const run = new AgentRun({ runId: "run-green", sandbox: sandbox.client, model: anthropicModel(fake), emit: log.emit });
    const outcome = await run.start("Create math.js with add and mul so that npm test passes.");

    expect(outcome).toMatchObject({ status: "done", reason: { code: "completed" }, steps: 9 });
    expect(fake.pending).toBe(0);
    expect((await sandbox.client.readFile("math.js")).content.toString()).toContain("return a + b;");
    expect((await sandbox.client.exec({ shell: "npm test" })).exitCode).toBe(0);

    // Events: one run, every tool call answered, todos and usage tracked, cost from the price table.
    expect(log.types()[0]).toBe("run-started");
    expect(log.types().at(-1)).toBe("run-finished");
    expect(log.of("tool-call-completed")).toHaveLength(8);
    expect(log.of("tool-call-completed").every((event) => !event.isError)).toBe(true);
    expect(log.of("todo-updated").at(-1)!.todos.map((todo) => todo.status)).toEqual(["completed", "completed"]);
    expect(log.of("message-completed").at(-1)!.text).toBe("Done: math.js has add and mul, and npm test passes.");
    expect(log.of("message-delta").map((delta) => delta.delta).join("")).toContain("Done: math.js");
    const finished = log.of("run-finished")[0]!;
    expect(finished.usage.cacheReadTokens).toBeGreaterThan(finished.usage.inputTokens);
    expect(finished.costUsd).toBeGreaterThan(0);

    // The prompt: project rules in the system prompt, cache breakpoints set, prefix append-only.
    const [first] = fake.requests;
    expect(first!.system).toContain("Run the tests with `npm test` before you finish.");
    expect(first!.systemCached).toBe(true);
    expect(first!.messages[0]!.parts.map((part) => (part.type === "text" ? part.text : ""))).toEqual([expect.stringContaining("<environment>"), "Create math.js with add and mul so that npm test passes."]);
    for (const request of fake.requests) expect(request.messages.at(-1)!.parts.at(-1)!.cached).toBe(true);
    expectStablePrefix(fake.requests);

    // The log alone rebuilds the same conversation the model saw last.
    const rebuilt = rebuildHistory(log.events);
    expect(rebuilt).toHaveLength(fake.requests.at(-1)!.messages.length + 1);
  });

  it("works over the OpenAI-compatible wire format too", async () => {
    fake.enqueue(
      { toolCalls: [{ name: "write_file", input: { path: "hello.py", content: "print('hello from the agent')\n" } }] },
      { toolCalls: [{ name: "bash", input: { command: "python3 hello.py" } }] },
      (request) => {
        expect(request.wire).toBe("openai");
        expect(request.system).toContain("Codeyard's coding agent");
        expect(lastToolResult(request)!.content).toBe("hello from the agent\n[exit code 0]");
        return { text: "It prints its greeting." };
      },
    );
    const log = new EventLog();
    const outcome = await new AgentRun({ runId: "run-openai", sandbox: sandbox.client, model: openAICompatibleModel(fake), emit: log.emit, projectRules: "" }).start("Write hello.py and run it.");
    expect(outcome.status).toBe("done");
    expect(fake.requests.every((request) => request.stream && request.path === "/v1/chat/completions")).toBe(true);
    expect(fake.requests[0]!.toolNames).toContain("edit_file");
    expectStablePrefix(fake.requests);
    // The model has no price in the table: tokens are counted, the cost is marked incomplete.
    const usage = log.of("usage-updated").at(-1)!;
    expect(usage.total.inputTokens + usage.total.cacheReadTokens).toBeGreaterThan(0);
    expect(usage.costComplete).toBe(false);
  });
});
