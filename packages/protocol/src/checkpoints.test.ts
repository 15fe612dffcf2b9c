import { describe, expect, it } from "vitest";
import { ClientRequests, rankAttempts, visibleEvents } from "./index.js";

const event = (seq: number, type = "text", payload: unknown = {}) => ({ seq, type, payload });
const rewind = (seq: number, toSeq: number) => event(seq, "conversation-rewound", { checkpointId: "c", toSeq, futureSessionId: "f", futureCheckpointId: "fc" });

describe("visibleEvents", () => {
  it("hides what a rewind went back over, and keeps the marker", () => {
    const events = [event(1), event(2), event(3), event(4), rewind(5, 2), event(6)];
    expect(visibleEvents(events).map((e) => e.seq)).toEqual([1, 2, 5, 6]);
  });

  it("applies rewinds in order, including a rewind over an earlier rewind", () => {
    const events = [event(1), event(2), rewind(3, 1), event(4), event(5), rewind(6, 4), event(7), rewind(8, 0)];
    expect(visibleEvents(events).map((e) => e.seq)).toEqual([8]);
    expect(visibleEvents(events.slice(0, 7)).map((e) => e.seq)).toEqual([1, 3, 4, 6, 7]);
  });

  it("ignores a malformed marker rather than dropping events", () => {
    expect(visibleEvents([event(1), event(2, "conversation-rewound", { toSeq: "x" })]).map((e) => e.seq)).toEqual([1, 2]);
  });
});

describe("rankAttempts", () => {
  const attempt = (id: string, verifyResult: "passed" | "failed" | "error" | null, added: number | null, costUsd: number, status = "done" as const) => ({
    id,
    verifyResult,
    diffAdded: added,
    diffRemoved: 0,
    costUsd,
    status,
  });

  it("puts passing attempts first, then the smaller diff, then the cheaper one", () => {
    const ranked = rankAttempts([
      attempt("fail-small", "failed", 1, 0.01),
      attempt("pass-big", "passed", 50, 0.01),
      attempt("pass-small-expensive", "passed", 5, 0.5),
      attempt("pass-small-cheap", "passed", 5, 0.1),
      attempt("unverified", null, 1, 0),
      attempt("error", "error", 1, 0),
    ]);
    expect(ranked.map((a) => a.id)).toEqual(["pass-small-cheap", "pass-small-expensive", "pass-big", "fail-small", "error", "unverified"]);
  });

  it("bounds attempts and verify commands", () => {
    const schema = ClientRequests["attempts-start"].request;
    expect(schema.safeParse({ sessionId: "s", prompt: "p", count: 9 }).success).toBe(false);
    expect(schema.safeParse({ sessionId: "s", prompt: "p", count: 0 }).success).toBe(false);
    expect(schema.safeParse({ sessionId: "s", prompt: "p", count: 8, verifyCommand: "x".repeat(5000) }).success).toBe(false);
  });
});
