/**
 * Appends to a session's durable log, then broadcasts. Appends of one session are serialized so
 * clients receive events in seq order; the write always happens before anyone sees the event.
 * Secrets are redacted before the write (redaction/), so neither the log nor anyone reading it
 * (the IDE, viewers of a shared session) ever holds them.
 */
import { MAX_EVENTS_PER_READ } from "@codeyard/db";
import type { SessionEvent } from "@codeyard/protocol";
import type { Server } from "socket.io";
import type { BrokerMetrics } from "../metrics.js";
import type { EventRedactor } from "../redaction/event-redactor.js";
import { forViewers, viewerRoom, viewersSeeAsIs } from "../sharing/viewer-room.js";
import type { BrokerStore, NewEvent } from "../store.js";
import { KeyedQueue } from "../util/keyed-queue.js";

export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

export type AppendListener = (sessionId: string, written: SessionEvent[]) => void;

export class EventLog {
  private readonly queue = new KeyedQueue();
  private readonly listeners = new Set<AppendListener>();

  constructor(
    private readonly store: BrokerStore,
    private readonly io: Server,
    private readonly metrics: BrokerMetrics,
    private readonly redactor: EventRedactor,
  ) {}

  append(sessionId: string, events: NewEvent[]): Promise<SessionEvent[]> {
    const started = performance.now();
    return this.queue.run(sessionId, async () => {
      const written = await this.store.appendEvents(sessionId, await this.redactor.redact(sessionId, events));
      for (const event of written) {
        if (viewersSeeAsIs(event)) this.io.to([sessionRoom(sessionId), viewerRoom(sessionId)]).emit("session-event", { event });
        else {
          this.io.to(sessionRoom(sessionId)).emit("session-event", { event });
          this.io.to(viewerRoom(sessionId)).emit("session-event", { event: forViewers(event) });
        }
      }
      for (const listener of this.listeners) listener(sessionId, written);
      this.metrics.eventLag.observe((performance.now() - started) / 1000);
      return written;
    });
  }

  /** Sees every batch this broker appends, after it is stored (listeners must not throw). */
  onAppended(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  read(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]> {
    return this.store.readEvents(sessionId, afterSeq, limit);
  }

  /** Every event of the session after `afterSeq`, in order, read page by page. */
  async *readAll(sessionId: string, afterSeq = 0): AsyncGenerator<SessionEvent> {
    for (let seq = afterSeq; ; ) {
      const page = await this.read(sessionId, seq, MAX_EVENTS_PER_READ);
      yield* page;
      if (page.length < MAX_EVENTS_PER_READ) return;
      seq = page.at(-1)!.seq;
    }
  }
}
