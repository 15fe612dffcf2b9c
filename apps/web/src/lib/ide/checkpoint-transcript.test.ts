import type { SessionEvent } from "@codeyard/protocol";
import { describe, expect, it } from "vitest";
import { SessionHistory } from "./session-history";
import { applyEvents, emptyTranscript, transcriptEntries } from "./transcript";
import { checkpointsOf, checkpointTitle } from "./transcript-markers";

const model = { provider: "openai-compatible", model: "m1" };
let seq = 0;
const event = (type: string, payload: unknown): SessionEvent => ({
  sessionId: "s1",
  seq: ++seq,
  type,
  at: "2026-01-01T10:00:00.000Z",
  payload,
});
const started = (runId: string, input: string) =>
  event("run-started", { runId, version: 1, input, context: "", model, maxSteps: 50 });
const finished = (runId: string) =>
  event("run-finished", {
    runId,
    status: "done",
    reason: { code: "completed", message: "ok" },
    steps: 1,
    usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 },
    costUsd: 0,
    undeliveredMessages: [],
  });
const checkpoint = (checkpointId: string, label: string | null, environmentChanged = false) =>
  event("checkpoint-created", {
    checkpointId,
    sessionId: "s1",
    parentId: null,
    label,
    environmentChanged,
    durationMs: 12,
  });
const rewound = (checkpointId: string, toSeq: number) =>
  event("conversation-rewound", {
    checkpointId,
    toSeq,
    futureSessionId: "future",
    futureCheckpointId: "cp-present",
  });

/** What the Workbench does: incremental while it can, a rebuild from the visible events on a rewind. */
function feed(batches: SessionEvent[][]) {
  const history = new SessionHistory();
  let transcript = emptyTranscript;
  for (const batch of batches)
    transcript = history.append(batch)
      ? applyEvents(emptyTranscript, history.events)
      : applyEvents(transcript, batch);
  return { history, transcript };
}

describe("checkpoints and rewinds in the transcript", () => {
  it("places checkpoint and branch markers between the runs they came between", () => {
    seq = 0;
    const { transcript } = feed([
      [checkpoint("c1", "draft", true), started("r1", "change it"), finished("r1")],
      [
        checkpoint("c2", null),
        event("branch-created", { sessionId: "b1", checkpointId: "c2", title: "experiment" }),
      ],
    ]);
    expect(
      transcriptEntries(transcript).map((entry) =>
        entry.kind === "run" ? `run:${entry.run.runId}` : entry.marker.kind,
      ),
    ).toEqual(["checkpoint", "run:r1", "checkpoint", "branch"]);
    const [first, second] = checkpointsOf(transcript.markers);
    expect(first).toMatchObject({
      checkpointId: "c1",
      label: "draft",
      environmentChanged: true,
      seq: 1,
    });
    expect(checkpointTitle(second!)).toMatch(/^Checkpoint of /);
  });

  it("drops what a rewind went back over, live or replayed, and says where it went back to", () => {
    seq = 0;
    const before = [checkpoint("c1", "draft"), started("r1", "first"), finished("r1")];
    const after = [
      checkpoint("c2", "After: second"),
      started("r2", "second"),
      finished("r2"),
      checkpoint("c3", "Before rewind"),
    ];
    const rewind = rewound("c2", 4);
    const live = feed([before, after, [rewind]]);
    const replayed = feed([[...before, ...after, rewind]]);
    for (const { transcript, history } of [live, replayed]) {
      expect(transcript.runs.map((run) => run.runId)).toEqual(["r1"]);
      expect(checkpointsOf(transcript.markers).map((marker) => marker.checkpointId)).toEqual([
        "c1",
        "c2",
      ]);
      expect(transcript.markers.at(-1)).toMatchObject({
        kind: "rewound",
        label: "After: second",
        futureSessionId: "future",
      });
      expect(history.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 8]);
    }
    // Later events append to the rewound history as usual.
    const next = started("r3", "third");
    expect(live.history.append([next])).toBe(false);
    expect(live.history.events.at(-1)).toBe(next);
  });

  it("closes a run a rewind cut in the middle (its checkpoint was taken while it ran)", () => {
    seq = 0;
    const { transcript } = feed([
      [
        started("r1", "long task"),
        event("message-delta", { runId: "r1", step: 0, messageId: "m1", delta: "Work" }),
        checkpoint("c1", "mid-run"),
      ],
      [
        event("message-delta", { runId: "r1", step: 0, messageId: "m1", delta: "ing" }),
        finished("r1"),
      ],
      [rewound("c1", 3)],
    ]);
    expect(transcript.activeRunId).toBeNull();
    expect(transcript.runs[0]).toMatchObject({
      status: "stopped",
      finishMessage: "The rest of this run was rewound.",
    });
    expect(transcript.runs[0]!.items).toEqual([
      { kind: "message", messageId: "m1", text: "Work", streaming: false },
    ]);
  });

  it("names the kept attempt's model from the group that started it", () => {
    seq = 0;
    const { transcript } = feed([
      [
        event("attempts-started", {
          groupId: "g1",
          checkpointId: "c1",
          prompt: "fix",
          attempts: [{ attemptId: "a1", sessionId: "s-a1", model: "good" }],
        }),
        event("attempt-kept", {
          groupId: "g1",
          attemptId: "a1",
          sessionId: "s-a1",
          checkpointId: "c9",
        }),
      ],
    ]);
    expect(transcript.markers.map((marker) => marker.kind)).toEqual(["attempts", "attempt-kept"]);
    expect(transcript.markers[1]).toMatchObject({ model: "good", sessionId: "s-a1" });
  });
});
