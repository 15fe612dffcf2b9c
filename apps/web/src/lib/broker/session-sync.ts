/**
 * Keeps a browser in step with a session's event log. On every (re)connection it joins the
 * session with the last seq it has, reads the backlog page by page, and feeds backlog and live
 * `session-event` pushes through one EventSequencer, so each event is delivered once and in
 * order. A hole in the live stream is filled from the log.
 */
import { EventSequencer, type ReplyOf, type SessionEvent } from "@codeyard/protocol";
import { createStore } from "../ide/store";
import type { BrokerClient } from "./broker-client";
import { BrokerRequestError, describeError, type ReadableError } from "./request-error";

export type SyncStatus =
  | { status: "joining" }
  | { status: "joined" }
  | { status: "error"; error: ReadableError; fatal: boolean };

export interface Joined {
  session: ReplyOf<"session-join">["session"];
  terminals: ReplyOf<"session-join">["terminals"];
  /** The first join of this page (later ones follow reconnections). */
  first: boolean;
}

/** `replay`: the events predate this page load (history, not news: nothing to react to). */
export type EventsListener = (events: SessionEvent[], replay: boolean) => void;

const PAGE = 1000;
const FATAL = new Set(["not_found", "forbidden", "unauthenticated", "invalid_request"]);

export class SessionSync {
  readonly status = createStore<SyncStatus>({ status: "joining" });
  private readonly sequencer = new EventSequencer(0);
  private readonly eventListeners = new Set<EventsListener>();
  private readonly joinedListeners = new Set<(joined: Joined) => void>();
  private readonly unsubscribe: Array<() => void> = [];
  private joinedOnce = false;
  private joining = false;
  private filling = false;
  private generation = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retries = 0;

  constructor(
    private readonly client: BrokerClient,
    readonly sessionId: string,
  ) {}

  start(): void {
    this.unsubscribe.push(
      this.client.onConnect(() => void this.join()),
      this.client.on("session-event", ({ event }) => {
        if (event.sessionId === this.sessionId) this.receive([event], false);
      }),
    );
    if (this.client.connected) void this.join();
  }

  get lastSeq(): number {
    return this.sequencer.lastSeq;
  }

  onEvents(listener: EventsListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onJoined(listener: (joined: Joined) => void): () => void {
    this.joinedListeners.add(listener);
    return () => this.joinedListeners.delete(listener);
  }

  /** Joins (again): on each connection, and from the "try again" button. */
  async join(): Promise<void> {
    clearTimeout(this.retryTimer);
    const generation = ++this.generation;
    const replay = !this.joinedOnce;
    this.joining = true;
    this.status.set({ status: "joining" });
    try {
      const reply = await this.client.request("session-join", {
        sessionId: this.sessionId,
        lastSeq: this.sequencer.lastSeq,
      });
      if (generation !== this.generation) return;
      this.receive(reply.events, replay);
      let more = reply.more;
      let after = reply.events.at(-1)?.seq ?? this.sequencer.lastSeq;
      while (more) {
        const page = await this.client.request("session-events", {
          sessionId: this.sessionId,
          afterSeq: after,
          limit: PAGE,
        });
        if (generation !== this.generation) return;
        this.receive(page.events, replay);
        more = page.more && page.events.length > 0;
        after = page.events.at(-1)?.seq ?? after;
      }
      this.joining = false;
      this.joinedOnce = true;
      this.retries = 0;
      this.status.set({ status: "joined" });
      for (const listener of [...this.joinedListeners])
        listener({ session: reply.session, terminals: reply.terminals, first: replay });
      if (this.sequencer.hasGap) void this.fillGap();
    } catch (error) {
      if (generation !== this.generation) return;
      this.joining = false;
      const code = error instanceof BrokerRequestError ? error.code : "unknown";
      const fatal = FATAL.has(code);
      this.status.set({
        status: "error",
        error: describeError(error, "Opening the session"),
        fatal,
      });
      // While disconnected, the next connection joins anyway.
      if (!fatal && code !== "disconnected") {
        this.retries++;
        this.retryTimer = setTimeout(
          () => void this.join(),
          Math.min(30_000, 2_000 * 2 ** Math.min(this.retries, 4)),
        );
      }
    }
  }

  private receive(events: SessionEvent[], replay: boolean): void {
    const released = this.sequencer.push(events);
    if (released.length > 0)
      for (const listener of [...this.eventListeners]) listener(released, replay);
    if (this.sequencer.hasGap && !this.joining) void this.fillGap();
  }

  private async fillGap(): Promise<void> {
    if (this.filling) return;
    this.filling = true;
    try {
      const page = await this.client.request("session-events", {
        sessionId: this.sessionId,
        afterSeq: this.sequencer.lastSeq,
        limit: PAGE,
      });
      this.filling = false;
      this.receive(page.events, false);
    } catch {
      // The next reconnection re-joins from the last seq anyway.
      this.filling = false;
    }
  }

  close(): void {
    clearTimeout(this.retryTimer);
    this.generation++;
    for (const off of this.unsubscribe.splice(0)) off();
    this.eventListeners.clear();
    this.joinedListeners.clear();
    if (this.client.connected)
      void this.client
        .request("session-leave", { sessionId: this.sessionId })
        .catch(() => undefined);
  }
}
