import type { SessionEvent } from "@codeyard/protocol";
import { describe, expect, it } from "vitest";
import { applyEvents, emptyTranscript, sessionTotals } from "./transcript";

const model = { provider: "openai-compatible", model: "m1" };
const usage = (input: number, output: number) => ({
  inputTokens: input,
  outputTokens: output,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
});
let seq = 0;
const event = (type: string, payload: unknown): SessionEvent => ({
  sessionId: "s1",
  seq: ++seq,
  type,
  at: "2026-01-01T00:00:00.000Z",
  payload,
});
const started = (runId: string, input = "do it") =>
  event("run-started", { runId, version: 1, input, context: "", model, maxSteps: 50 });
const finished = (runId: string, status = "done", code = "completed", message = "ok") =>
  event("run-finished", {
    runId,
    status,
    reason: { code, message },
    steps: 2,
    usage: usage(10, 5),
    costUsd: 0.01,
    undeliveredMessages: [],
  });

describe("transcript", () => {
  it("keeps the question of a run that ended asking the user", () => {
    const state = applyEvents(emptyTranscript, [started("q1"), finished("q1", "done", "awaiting-user", "Tabs or spaces?")]);
    expect(state.runs[0]).toMatchObject({ status: "done", question: "Tabs or spaces?", finishMessage: undefined });
    expect(state.activeRunId).toBeNull();
  });

  it("streams a message from deltas and replaces it with the completed text", () => {
    const state = applyEvents(emptyTranscript, [
      started("r1"),
      event("message-delta", { runId: "r1", step: 0, messageId: "m1", delta: "Hel" }),
      event("message-delta", { runId: "r1", step: 0, messageId: "m1", delta: "lo" }),
    ]);
    expect(state.activeRunId).toBe("r1");
    expect(state.runs[0]!.items).toEqual([
      { kind: "message", messageId: "m1", text: "Hello", streaming: true },
    ]);
    const done = applyEvents(state, [
      event("message-completed", {
        runId: "r1",
        step: 0,
        messageId: "m1",
        model,
        text: "Hello!",
        toolCalls: [],
        finishReason: "stop",
      }),
    ]);
    expect(done.runs[0]!.items).toEqual([
      { kind: "message", messageId: "m1", text: "Hello!", streaming: false },
    ]);
  });

  it("pairs tool calls with their results and records the files they changed", () => {
    const state = applyEvents(emptyTranscript, [
      started("r1"),
      event("tool-call-started", {
        runId: "r1",
        step: 0,
        toolCallId: "t1",
        toolName: "edit_file",
        input: { path: "./src/a.ts", old_string: "a", new_string: "b" },
      }),
      event("tool-call-completed", {
        runId: "r1",
        step: 0,
        toolCallId: "t1",
        toolName: "edit_file",
        isError: false,
        output: "Edited",
        truncated: false,
        durationMs: 12,
      }),
      event("tool-call-started", {
        runId: "r1",
        step: 1,
        toolCallId: "t2",
        toolName: "bash",
        input: { command: "false" },
      }),
      event("tool-call-completed", {
        runId: "r1",
        step: 1,
        toolCallId: "t2",
        toolName: "bash",
        isError: true,
        output: "exit 1",
        truncated: false,
        durationMs: 3,
      }),
    ]);
    const [edit, bash] = state.runs[0]!.items;
    expect(edit).toMatchObject({
      kind: "tool",
      toolName: "edit_file",
      status: "done",
      output: "Edited",
      durationMs: 12,
    });
    expect(bash).toMatchObject({ kind: "tool", status: "error", output: "exit 1" });
    expect(state.runs[0]!.changes).toEqual([
      {
        path: "src/a.ts",
        written: false,
        edits: [{ oldString: "a", newString: "b", replaceAll: false }],
        watched: false,
      },
    ]);
  });

  it("attributes file-changed events to the run going on, and only to it", () => {
    const state = applyEvents(emptyTranscript, [
      event("file-changed", { changes: [{ path: "before.txt", kind: "changed" }] }),
      started("r1"),
      event("file-changed", {
        changes: [
          { path: "out/build.log", kind: "renamed" },
          { path: "node_modules/x/index.js", kind: "changed" },
          { path: ".a.ts.codeyard-8-123", kind: "renamed" },
        ],
      }),
      finished("r1"),
      event("file-changed", { changes: [{ path: "after.txt", kind: "changed" }] }),
    ]);
    expect(state.runs[0]!.changes.map((change) => change.path)).toEqual(["out/build.log"]);
    expect(state.activeRunId).toBeNull();
  });

  it("keeps a queued user message until it is delivered, and drops a discarded message", () => {
    const state = applyEvents(emptyTranscript, [
      started("r1"),
      event("message-delta", { runId: "r1", step: 0, messageId: "m1", delta: "partial" }),
      event("model-call-failed", {
        runId: "r1",
        step: 0,
        model,
        attempt: 1,
        message: "overloaded",
        willRetry: true,
        retryInMs: 2000,
        discardedMessageId: "m1",
      }),
      event("user-message-queued", { runId: "r1", messageId: "u1", text: "also this" }),
    ]);
    expect(state.runs[0]!.items).toEqual([
      { kind: "notice", tone: "warn", text: "The model call failed: overloaded Retrying in 2 s…" },
      { kind: "user", messageId: "u1", text: "also this", delivered: false },
    ]);
    const delivered = applyEvents(state, [
      event("user-message-delivered", { runId: "r1", messageId: "u1", text: "also this", step: 1 }),
    ]);
    expect(delivered.runs[0]!.items[1]).toMatchObject({ kind: "user", delivered: true });
  });

  it("tracks usage, todos and the end of each run, and sums the session", () => {
    const state = applyEvents(emptyTranscript, [
      started("r1"),
      event("todo-updated", {
        runId: "r1",
        todos: [{ id: "1", content: "write tests", status: "in_progress" }],
      }),
      event("usage-updated", {
        runId: "r1",
        step: 0,
        model,
        usage: usage(100, 20),
        costUsd: null,
        total: usage(100, 20),
        totalCostUsd: 0.5,
        costComplete: false,
      }),
      event("message-delta", { runId: "r1", step: 0, messageId: "m1", delta: "cut" }),
      finished("r1", "stopped", "user-stop", "Stopped by the user."),
      started("r2", "next"),
      event("usage-updated", {
        runId: "r2",
        step: 0,
        model,
        usage: usage(10, 10),
        costUsd: 0.25,
        total: usage(10, 10),
        totalCostUsd: 0.25,
        costComplete: true,
      }),
    ]);
    const [first, second] = state.runs;
    expect(first).toMatchObject({
      status: "stopped",
      finishMessage: "Stopped by the user.",
      todos: [{ id: "1", content: "write tests", status: "in_progress" }],
    });
    expect(first!.items[0]).toMatchObject({ kind: "message", streaming: false });
    expect(second!.prompt).toBe("next");
    expect(state.activeRunId).toBe("r2");
    expect(sessionTotals(state)).toEqual({
      tokens: 15 + 20,
      costUsd: 0.01 + 0.25,
      costComplete: false,
    });
  });

  it("ignores events it does not know and run events of unknown runs", () => {
    const state = applyEvents(emptyTranscript, [
      event("session-opened", { userId: "u" }),
      event("message-delta", { runId: "nope", step: 0, messageId: "m", delta: "x" }),
    ]);
    expect(state).toBe(emptyTranscript);
  });
});
