import type { SessionEvent } from "@codeyard/protocol";
import { describe, expect, it } from "vitest";
import { applyViewerEvents, emptyViewerState, viewerTimeline } from "./viewer-timeline";

const at = "2026-12-01T00:00:00Z";
const ev = (seq: number, type: string, payload: unknown): SessionEvent => ({ sessionId: "s", seq, type, at, payload });
const model = { provider: "anthropic", model: "m" };
const started = (seq: number, runId: string) => ev(seq, "run-started", { runId, version: 1, input: `do ${runId}`, context: "", model, maxSteps: 10 });
const finished = (seq: number, runId: string) =>
  ev(seq, "run-finished", { runId, status: "done", reason: { code: "completed", message: "" }, steps: 1, usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 }, costUsd: 0, undeliveredMessages: [] });

const checkpoint = (seq: number, checkpointId: string, label: string | null = null) =>
  ev(seq, "checkpoint-created", { checkpointId, sessionId: "s", parentId: null, label, environmentChanged: false, durationMs: 12 });

describe("viewer timeline", () => {
  it("places checkpoints after the runs they close, ignoring malformed and repeated ones", () => {
    let state = applyViewerEvents(emptyViewerState, [started(1, "r1"), finished(2, "r1"), checkpoint(3, "c1", "after r1")]);
    state = applyViewerEvents(state, [started(4, "r2"), checkpoint(5, "c1"), ev(6, "checkpoint-created", { seq: "nope" }), finished(7, "r2"), checkpoint(8, "c2")]);
    expect(state.lastSeq).toBe(8);
    expect(viewerTimeline(state).map((entry) => (entry.kind === "run" ? entry.run.runId : entry.checkpoint.checkpointId))).toEqual(["r1", "c1", "r2", "c2"]);
    expect(state.checkpoints).toEqual([{ checkpointId: "c1", seq: 3, label: "after r1" }, { checkpointId: "c2", seq: 8, label: undefined }]);
    expect(state.transcript.runs.map((run) => run.status)).toEqual(["done", "done"]);
  });

  it("drops what a rewind went back over, live as in a replay", () => {
    let state = applyViewerEvents(emptyViewerState, [started(1, "r1"), finished(2, "r1"), checkpoint(3, "c1"), started(4, "r2"), finished(5, "r2"), checkpoint(6, "c2")]);
    state = applyViewerEvents(state, [ev(7, "conversation-rewound", { checkpointId: "c1", toSeq: 3, futureSessionId: "f", futureCheckpointId: "c2" })]);
    expect(state.transcript.runs.map((run) => run.runId)).toEqual(["r1"]);
    expect(state.checkpoints.map((mark) => mark.checkpointId)).toEqual(["c1"]);
    expect(state.lastSeq).toBe(7);
    state = applyViewerEvents(state, [started(8, "r3")]);
    expect(state.transcript.runs.map((run) => run.runId)).toEqual(["r1", "r3"]);
  });
});
