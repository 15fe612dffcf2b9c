import type { RunEvent } from "@codeyard/protocol";
import { describe, expect, it } from "vitest";
import { closeInterruptedRun, INTERRUPTED_TOOL_OUTPUT, rebuildHistory } from "./rebuild.js";
import { replayRunEvents } from "./run-state.js";

const runId = "r1";
const model = { provider: "anthropic", model: "claude-sonnet-4-5" };
const usage = { inputTokens: 10, outputTokens: 5, cacheReadTokens: 100, cacheWriteTokens: 0 };

const started: RunEvent = { type: "run-started", payload: { runId, version: 1, input: "Fix the bug.", context: "<environment/>", model, maxSteps: 10 } };
const step1: RunEvent[] = [
  { type: "step-started", payload: { runId, step: 1, model } },
  { type: "message-delta", payload: { runId, step: 1, messageId: "m1", delta: "Looking" } },
  {
    type: "message-completed",
    payload: {
      runId,
      step: 1,
      messageId: "m1",
      model,
      text: "Looking.",
      finishReason: "tool-calls",
      toolCalls: [
        { toolCallId: "t1", toolName: "read_file", input: { path: "a.ts" } },
        { toolCallId: "t2", toolName: "bash", input: "{not json" },
      ],
    },
  },
  { type: "usage-updated", payload: { runId, step: 1, model, usage, costUsd: 0.001, total: usage, totalCostUsd: 0.001, costComplete: true } },
  { type: "tool-call-started", payload: { runId, step: 1, toolCallId: "t1", toolName: "read_file", input: { path: "a.ts" } } },
  { type: "tool-call-completed", payload: { runId, step: 1, toolCallId: "t1", toolName: "read_file", isError: false, output: "1\tconst a = 1;", truncated: false, durationMs: 3 } },
  { type: "user-message-queued", payload: { runId, messageId: "u1", text: "Use tabs." } },
];

describe("rebuilding a run from its events", () => {
  it("yields the conversation the model saw, with interrupted tool calls answered", () => {
    expect(rebuildHistory([started, ...step1])).toEqual([
      { role: "user", content: [{ type: "text", text: "<environment/>" }, { type: "text", text: "Fix the bug." }] },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Looking." },
          { type: "tool-call", toolCallId: "t1", toolName: "read_file", input: { path: "a.ts" } },
          { type: "tool-call", toolCallId: "t2", toolName: "bash", input: {} },
        ],
      },
      {
        role: "tool",
        content: [
          { type: "tool-result", toolCallId: "t1", toolName: "read_file", output: { type: "text", value: "1\tconst a = 1;" } },
          { type: "tool-result", toolCallId: "t2", toolName: "bash", output: { type: "error-text", value: INTERRUPTED_TOOL_OUTPUT } },
        ],
      },
    ]);
  });

  it("tracks todos, files, usage, queued messages and steps", () => {
    const state = replayRunEvents([started, ...step1, { type: "todo-updated", payload: { runId, todos: [{ id: "1", content: "Fix", status: "in_progress" }] } }]);
    expect(state).toMatchObject({ runId, goal: "Fix the bug.", step: 1, usage, costUsd: 0.001, filesTouched: ["a.ts"], queued: [{ messageId: "u1", text: "Use tabs." }], todos: [{ id: "1" }] });
    expect([...state.pending.keys()]).toEqual(["t2"]);
  });

  it("puts delivered user messages after the tool results and replaces the history on compaction", () => {
    const events: RunEvent[] = [
      started,
      ...step1,
      { type: "tool-call-completed", payload: { runId, step: 1, toolCallId: "t2", toolName: "bash", isError: true, output: "bad json", truncated: false, durationMs: 0 } },
      { type: "user-message-delivered", payload: { runId, messageId: "u1", text: "Use tabs.", step: 2 } },
    ];
    expect(rebuildHistory(events).map((message) => message.role)).toEqual(["user", "assistant", "tool", "user"]);
    const compacted = rebuildHistory([
      ...events,
      { type: "compaction-done", payload: { runId, step: 2, goal: "Fix the bug.", summary: "Read a.ts.", filesTouched: ["a.ts"], todos: [], messagesBefore: 4, tokensBefore: 9000 } },
    ]);
    expect(compacted).toHaveLength(1);
    expect(JSON.stringify(compacted)).toContain("Read a.ts.");
  });

  it("closes an unfinished run as interrupted, and leaves a finished one alone", () => {
    const closing = closeInterruptedRun([started, ...step1]);
    expect(closing).toEqual([
      expect.objectContaining({ type: "tool-call-completed", payload: expect.objectContaining({ toolCallId: "t2", isError: true }) }),
      {
        type: "run-finished",
        payload: expect.objectContaining({ runId, status: "interrupted", reason: { code: "process-restart", message: expect.any(String) }, steps: 1, undeliveredMessages: ["Use tabs."] }),
      },
    ]);
    expect(closeInterruptedRun([started, ...step1, ...closing])).toEqual([]);
    expect(closeInterruptedRun([])).toEqual([]);
  });
});
