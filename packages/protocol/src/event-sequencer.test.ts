import { describe, expect, it } from "vitest";
import { EventSequencer } from "./event-sequencer.js";
import type { SessionEvent } from "./session-log.js";

const event = (seq: number): SessionEvent => ({ sessionId: "s", seq, type: "file-changed", at: "2026-11-22T00:00:00Z", payload: {} });

describe("EventSequencer", () => {
  it("releases each seq once, in order, whatever the arrival order", () => {
    const delivered: number[] = [];
    const sequencer = new EventSequencer(2, (e) => delivered.push(e.seq));
    expect(sequencer.push([event(5), event(4)])).toEqual([]);
    expect(sequencer.hasGap).toBe(true);
    sequencer.push([event(1), event(2), event(3), event(4)]);
    sequencer.push([event(5), event(6)]);
    expect(delivered).toEqual([3, 4, 5, 6]);
    expect(sequencer.lastSeq).toBe(6);
    expect(sequencer.hasGap).toBe(false);
  });
});
