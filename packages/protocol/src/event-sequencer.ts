/**
 * Client-side ordering of session events: live events may arrive before the replayed backlog
 * that precedes them, or twice across a reconnect. The sequencer releases each `seq` exactly
 * once, in order, and says when it is waiting on a gap.
 */
import type { SessionEvent } from "./session-log.js";

export class EventSequencer {
  private pending = new Map<number, SessionEvent>();

  constructor(
    /** Highest seq already delivered (0 when none). */
    public lastSeq = 0,
    private readonly deliver: (event: SessionEvent) => void = () => undefined,
  ) {}

  /** Accepts events in any order; returns the ones released now, in order. */
  push(events: SessionEvent[]): SessionEvent[] {
    for (const event of events) if (event.seq > this.lastSeq) this.pending.set(event.seq, event);
    const released: SessionEvent[] = [];
    for (let next = this.pending.get(this.lastSeq + 1); next; next = this.pending.get(this.lastSeq + 1)) {
      this.pending.delete(next.seq);
      this.lastSeq = next.seq;
      released.push(next);
      this.deliver(next);
    }
    return released;
  }

  /** True while an event after a missing seq is held back (the client should re-join). */
  get hasGap(): boolean {
    return this.pending.size > 0;
  }
}
