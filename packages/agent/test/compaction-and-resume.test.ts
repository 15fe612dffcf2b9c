import { parseRunEvent } from "@codeyard/protocol";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AgentRun, closeInterruptedRun, COMPACTION_REQUEST, INTERRUPTED_TOOL_OUTPUT } from "../src/index.js";
import { FakeProviderServer, lastToolResult, userTexts } from "../src/testing/index.js";
import { anthropicModel, EventLog, noRules, openSandbox, rethrowScriptFailures, type SandboxFixture } from "./fixture.js";

let sandbox: SandboxFixture;
let fake: FakeProviderServer;

beforeAll(async () => {
  [sandbox, fake] = await Promise.all([openSandbox("compact"), FakeProviderServer.start()]);
});
afterAll(async () => {
  await fake?.close();
  await sandbox?.close();
});
beforeEach(() => fake.reset());
afterEach(() => rethrowScriptFailures(fake));

describe("compaction", () => {
  it("replaces the history with a summary that keeps the request, files touched and open todos", async () => {
    const goal = "Write the release notes for version 2 into notes.md.";
    fake.enqueue(
      { toolCalls: [{ name: "todo_write", input: { todos: [{ content: "Draft notes", status: "in_progress" }, { content: "Proofread notes", status: "pending" }] } }] },
      { toolCalls: [{ name: "write_file", input: { path: "notes.md", content: "Release notes.\n".repeat(600) } }] },
      (request) => {
        expect(userTexts(request).at(-1)).toBe(COMPACTION_REQUEST);
        expect(request.toolChoice).toEqual({ type: "none" });
        return { text: "Drafted notes.md (long); proofreading is next." };
      },
      (request) => {
        expect(request.messages).toHaveLength(1);
        const text = userTexts(request)[0]!;
        expect(text).toContain(`<request>\n${goal}\n</request>`);
        expect(text).toContain("Drafted notes.md (long); proofreading is next.");
        expect(text).toContain("<files-touched>\nnotes.md\n</files-touched>");
        expect(text).toContain("[~] 1. Draft notes\n[ ] 2. Proofread notes");
        return { text: "Continuing: notes are drafted." };
      },
    );
    const log = new EventLog();
    const outcome = await new AgentRun({
      runId: "run-compact",
      sandbox: sandbox.client,
      model: anthropicModel(fake),
      emit: log.emit,
      models: { "claude-sonnet-4-5": { contextWindow: 5_000 } },
      ...noRules,
    }).start(goal);
    expect(outcome.status).toBe("done");
    const [done] = log.of("compaction-done");
    expect(done).toMatchObject({ goal, filesTouched: ["notes.md"], messagesBefore: 5, todos: [expect.objectContaining({ status: "in_progress" }), expect.objectContaining({ status: "pending" })] });
    expect(done!.tokensBefore).toBeGreaterThan(4_000);
    // The summary call is paid for like any other.
    expect(log.of("usage-updated")).toHaveLength(4);
  });
});

describe("after a process restart", () => {
  async function interruptedRun(): Promise<EventLog> {
    fake.enqueue({ text: "Marking.", toolCalls: [{ name: "bash", input: { command: "echo started > marker.txt" } }] });
    const log = new EventLog();
    const emit = log.emit;
    const run = new AgentRun({
      runId: "run-restart",
      sandbox: sandbox.client,
      model: anthropicModel(fake),
      emit: async (event) => {
        if (event.type === "tool-call-completed") throw new Error("the store went away");
        await emit(event);
      },
      ...noRules,
    });
    await expect(run.start("Leave a marker, then report.")).rejects.toMatchObject({ code: "emit_failed" });
    expect(log.types().at(-1)).toBe("tool-call-started");
    return log;
  }

  it("closes a run as interrupted from its log", async () => {
    const log = await interruptedRun();
    const closing = closeInterruptedRun(log.events);
    expect(closing.map((event) => event.type)).toEqual(["tool-call-completed", "run-finished"]);
    expect(closing.every((event) => parseRunEvent(event.type, event.payload))).toBe(true);
    expect(closing[1]!.payload).toMatchObject({ status: "interrupted", reason: { code: "process-restart" }, steps: 1 });
    expect(closeInterruptedRun([...log.events, ...closing])).toEqual([]);
  });

  it("resumes a run from its log with the same prompt prefix", async () => {
    const log = await interruptedRun();
    const before = fake.requests[0]!;
    fake.enqueue((request) => {
      expect(request.system).toBe(before.system);
      const withoutCacheMarks = (request: typeof before) => request.messages[0]!.parts.map((part) => ({ ...part, cached: undefined }));
      expect(withoutCacheMarks(request)).toEqual(withoutCacheMarks(before));
      expect(lastToolResult(request)).toMatchObject({ isError: true, content: INTERRUPTED_TOOL_OUTPUT });
      return { text: "The marker step was interrupted; it did run: marker.txt exists." };
    });
    const resumedLog = new EventLog();
    resumedLog.events.push(...log.events);
    const outcome = await new AgentRun({ runId: "run-restart", sandbox: sandbox.client, model: anthropicModel(fake), emit: resumedLog.emit, history: log.events, ...noRules }).resume();
    expect(outcome).toMatchObject({ status: "done", steps: 2 });
    expect(resumedLog.events.slice(log.events.length, log.events.length + 2).map((event) => event.type)).toEqual(["tool-call-completed", "run-resumed"]);
    await expect(new AgentRun({ runId: "run-restart", sandbox: sandbox.client, model: anthropicModel(fake), emit: resumedLog.emit, history: resumedLog.events }).resume()).rejects.toMatchObject({
      code: "run_not_resumable",
    });
  });

  it("continues the conversation in a new run", async () => {
    fake.enqueue({ text: "First answer." });
    const log = new EventLog();
    await new AgentRun({ runId: "run-one", sandbox: sandbox.client, model: anthropicModel(fake), emit: log.emit, ...noRules }).start("First question?");
    fake.enqueue((request) => {
      expect(request.messages.map((message) => message.role)).toEqual(["user", "assistant", "user"]);
      expect(userTexts(request)).toEqual([expect.stringContaining("<environment>"), "First question?", expect.stringContaining("<environment>"), "Second question?"]);
      return { text: "Second answer." };
    });
    const outcome = await new AgentRun({ runId: "run-two", sandbox: sandbox.client, model: anthropicModel(fake), emit: log.emit, history: [...log.events], ...noRules }).start("Second question?");
    expect(outcome.status).toBe("done");
  });
});

describe("starting a run", () => {
  it("is refused while the history's last run is unfinished", async () => {
    const unfinished = [{ type: "run-started", payload: { runId: "old", version: 1, input: "x", context: "", model: { provider: "anthropic", model: "m" }, maxSteps: 1 } }] as const;
    const run = new AgentRun({ runId: "new", sandbox: sandbox.client, model: anthropicModel(fake), emit: async () => undefined, history: [...unfinished], ...noRules });
    await expect(run.start("y")).rejects.toMatchObject({ code: "run_in_progress", message: expect.stringContaining("closeInterruptedRun") });
  });
});
