/**
 * Keeps a browser in step with a session's event log. On every (re)connection it joins the
 * session with the last seq it has, reads the backlog page by page, and feeds backlog and live
 * `session-event` pushes through one EventSequencer, so each event is delivered once and in
 * order. A hole in the live stream is filled from the log. How it joins and pages is its
 * SyncSource: the IDE joins the session itself; a viewer of a shared session follows the share.
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
  session: { id: string; title: string; lastSeq: number };
  /** Terminals of the session's sandbox (none when following a share). */
  terminals: ReplyOf<"session-join">["terminals"];
  /** The first join of this page (later ones follow reconnections). */
  first: boolean;
}

/** How a SessionSync joins a session's log, reads it page by page, and leaves it. */
export interface SyncSource {
  join(lastSeq: number): Promise<{ session: Joined["session"]; terminals: Joined["terminals"]; events: SessionEvent[]; more: boolean }>;
  page(afterSeq: number, limit: number): Promise<{ events: SessionEvent[]; more: boolean }>;
  leave(): Promise<unknown>;
}

/** The IDE's source: session-join (which also makes sure the session's sandbox runs). */
export function sessionSource(client: BrokerClient, sessionId: string): SyncSource {
  return {
    join: (lastSeq) => client.request("session-join", { sessionId, lastSeq }),
    page: (afterSeq, limit) => client.request("session-events", { sessionId, afterSeq, limit }),
    leave: () => client.request("session-leave", { sessionId }),
  };
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
    private readonly source: SyncSource = sessionSource(client, sessionId),
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
      const reply = await this.source.join(this.sequencer.lastSeq);
      if (generation !== this.generation) return;
      this.receive(reply.events, replay);
      let more = reply.more;
      let after = reply.events.at(-1)?.seq ?? this.sequencer.lastSeq;
      while (more) {
        const page = await this.source.page(after, PAGE);
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
      // The log reads without a sandbox: show why it did not start (a failed image build, …).
      if (!fatal && code !== "disconnected") void this.catchUp(generation, replay);
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

  /** Reads the log up to its end without joining (after a join failed). */
  private async catchUp(generation: number, replay: boolean): Promise<void> {
    try {
      let more = true;
      while (more) {
        const page = await this.source.page(this.sequencer.lastSeq, PAGE);
        if (generation !== this.generation) return;
        this.receive(page.events, replay);
        more = page.more && page.events.length > 0;
      }
    } catch {
      // The next join reads it anyway.
    }
  }

  private async fillGap(): Promise<void> {
    if (this.filling) return;
    this.filling = true;
    try {
      const page = await this.source.page(this.sequencer.lastSeq, PAGE);
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
    if (this.client.connected) void this.source.leave().catch(() => undefined);
  }
}
