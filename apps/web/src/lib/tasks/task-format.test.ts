import { describe, expect, it } from "vitest";
import { elapsedMs, formatElapsed, matchesFilter, taskCost } from "./task-format";

describe("task formatting", () => {
  it("counts a running task's time to now and a finished one's to its end", () => {
    const base = { createdAt: "2026-11-22T10:00:00Z", updatedAt: "2026-11-22T10:05:00Z" };
    const now = Date.parse("2026-11-22T10:10:00Z");
    expect(elapsedMs({ ...base, status: "running", finishedAt: null }, now)).toBe(600_000);
    expect(elapsedMs({ ...base, status: "done", finishedAt: "2026-11-22T10:03:00Z" }, now)).toBe(180_000);
    expect(elapsedMs({ ...base, status: "waiting", finishedAt: null }, now)).toBe(300_000);
  });

  it("writes short durations", () => {
    expect(formatElapsed(42_000)).toBe("42 s");
    expect(formatElapsed(192_000)).toBe("3 min 12 s");
    expect(formatElapsed(3_900_000)).toBe("1 h 5 min");
  });

  it("filters failed and interrupted together", () => {
    expect(matchesFilter({ status: "interrupted" }, "failed")).toBe(true);
    expect(matchesFilter({ status: "done" }, "failed")).toBe(false);
    expect(matchesFilter({ status: "waiting" }, "all")).toBe(true);
  });
});

describe("task cost", () => {
  it("says when the price is unknown", () => {
    expect(taskCost({ costUsd: 0, tokens: 7000 })).toBe("cost unknown");
    expect(taskCost({ costUsd: 0, tokens: 0 })).toBe("$0");
    expect(taskCost({ costUsd: 0.0421, tokens: 9000 })).toBe("$0.04");
  });
});
