import type { AttemptSummary, SessionEvent } from "@codeyard/protocol";
import { describe, expect, it } from "vitest";
import {
  applyAttemptEvents,
  attemptModels,
  canKeep,
  isGroupRunning,
  rankedAttempts,
  verifyLabel,
} from "./attempt-groups";

let seq = 0;
const event = (type: string, payload: unknown): SessionEvent => ({
  sessionId: "s1",
  seq: ++seq,
  type,
  at: "2026-01-01T00:00:00.000Z",
  payload,
});
const models = ["bad-a", "good-verbose", "bad-b", "good-lean"];
const started = event("attempts-started", {
  groupId: "g1",
  checkpointId: "c1",
  prompt: "Write the answer",
  attempts: models.map((model, index) => ({
    attemptId: `a${index + 1}`,
    sessionId: `s-a${index + 1}`,
    model,
  })),
});
const updated = (index: number, summary: Partial<AttemptSummary>) =>
  event("attempt-updated", {
    groupId: "g1",
    attemptId: `a${index}`,
    sessionId: `s-a${index}`,
    model: models[index - 1],
    status: "running",
    verifyResult: null,
    verifyOutput: null,
    diffFiles: null,
    diffAdded: null,
    diffRemoved: null,
    costUsd: 0,
    outcome: "open",
    ...summary,
  });
const done = (
  index: number,
  verifyResult: "passed" | "failed",
  diffAdded: number,
  costUsd = 0.01,
) =>
  updated(index, {
    status: "done",
    verifyResult,
    verifyOutput: verifyResult,
    diffFiles: 1,
    diffAdded,
    diffRemoved: 0,
    costUsd,
  });

describe("attempt groups", () => {
  it("starts every attempt pending and follows each one's updates", () => {
    const [group] = applyAttemptEvents([], [started, updated(2, {})]);
    expect(
      group!.attempts.map((attempt) => [attempt.number, attempt.model, attempt.status]),
    ).toEqual([
      [1, "bad-a", "pending"],
      [2, "good-verbose", "running"],
      [3, "bad-b", "pending"],
      [4, "good-lean", "pending"],
    ]);
    expect(isGroupRunning(group!)).toBe(true);
    expect(verifyLabel(group!.attempts[0]!).text).toBe("Waiting to start");
    expect(verifyLabel(group!.attempts[1]!).text).toBe("Working…");
  });

  it("ranks passed before failed, then the smaller diff, and lets only finished attempts be kept", () => {
    const [group] = applyAttemptEvents(
      [],
      [started, done(1, "failed", 1), done(2, "passed", 4), updated(3, {}), done(4, "passed", 1)],
    );
    expect(rankedAttempts(group!).map((attempt) => attempt.model)).toEqual([
      "good-lean",
      "good-verbose",
      "bad-a",
      "bad-b",
    ]);
    expect(group!.attempts.map((attempt) => canKeep(group!, attempt))).toEqual([
      true,
      true,
      false,
      true,
    ]);
    expect(verifyLabel(group!.attempts[3]!)).toEqual({ text: "Verify passed", tone: "ok" });
  });

  it("closes the group once one attempt is kept", () => {
    const events = [
      started,
      done(1, "failed", 1),
      done(2, "passed", 4),
      done(3, "failed", 2),
      done(4, "passed", 1),
    ];
    const kept = event("attempt-kept", {
      groupId: "g1",
      attemptId: "a4",
      sessionId: "s-a4",
      checkpointId: "c9",
    });
    const outcomes = [1, 2, 3, 4].map((index) =>
      updated(index, { status: "done", outcome: index === 4 ? "kept" : "archived" }),
    );
    const [group] = applyAttemptEvents([], [...events, kept, ...outcomes]);
    expect(group!.keptAttemptId).toBe("a4");
    expect(group!.attempts.map((attempt) => attempt.outcome)).toEqual([
      "archived",
      "archived",
      "archived",
      "kept",
    ]);
    expect(group!.attempts.some((attempt) => canKeep(group!, attempt))).toBe(false);
    expect(isGroupRunning(group!)).toBe(false);
  });

  it("ignores updates of unknown groups and malformed payloads", () => {
    const groups = applyAttemptEvents([], [started]);
    expect(
      applyAttemptEvents(groups, [
        event("attempt-updated", { groupId: "nope" }),
        event("attempt-kept", { groupId: "g2", attemptId: "x", sessionId: "y", checkpointId: "z" }),
      ]),
    ).toEqual(groups);
  });
});

describe("attemptModels", () => {
  it("sends no models when every field is blank, else one per attempt with blanks on the default", () => {
    expect(attemptModels(["", " "], "base")).toBeNull();
    expect(attemptModels(["fast", ""], "base")).toEqual(["fast", "base"]);
    expect(attemptModels(["fast", ""], null)).toBe("incomplete");
    expect(attemptModels(["a", "b"], null)).toEqual(["a", "b"]);
  });
});
