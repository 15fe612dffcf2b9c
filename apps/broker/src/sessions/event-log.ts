/**
 * Appends to a session's durable log, then broadcasts. Appends of one session are serialized so
 * clients receive events in seq order; the write always happens before anyone sees the event.
 */
import type { SessionEvent } from "@codeyard/protocol";
import type { Server } from "socket.io";
import type { BrokerMetrics } from "../metrics.js";
import type { BrokerStore, NewEvent } from "../store.js";

export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

export type AppendListener = (sessionId: string, written: SessionEvent[]) => void;

export class EventLog {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly listeners = new Set<AppendListener>();

  constructor(
    private readonly store: BrokerStore,
    private readonly io: Server,
    private readonly metrics: BrokerMetrics,
  ) {}

  append(sessionId: string, events: NewEvent[]): Promise<SessionEvent[]> {
    const started = performance.now();
    const previous = this.queues.get(sessionId) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const written = await this.store.appendEvents(sessionId, events);
        for (const event of written) this.io.to(sessionRoom(sessionId)).emit("session-event", { event });
        for (const listener of this.listeners) listener(sessionId, written);
        this.metrics.eventLag.observe((performance.now() - started) / 1000);
        return written;
      });
    const settled = next.catch(() => undefined);
    this.queues.set(sessionId, settled);
    void settled.then(() => {
      if (this.queues.get(sessionId) === settled) this.queues.delete(sessionId);
    });
    return next;
  }

  /** Sees every batch this broker appends, after it is stored (listeners must not throw). */
  onAppended(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  read(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]> {
    return this.store.readEvents(sessionId, afterSeq, limit);
  }
}
