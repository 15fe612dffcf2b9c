/**
 * A task's session as the phone shows it: the session log kept in step (SessionSync, the IDE's),
 * folded into the agent transcript and the diff review, and the session's terminals.
 */
import type { ReplyOf } from "@codeyard/protocol";
import type { BrokerClient } from "../broker/broker-client";
import { SessionSync } from "../broker/session-sync";
import { createStore } from "../ide/store";
import { applyEvents, emptyTranscript, type Transcript } from "../ide/transcript";
import { applyAttemptEvents, type AttemptGroupView } from "../ide/attempt-groups";
import { applyReviewEvents, emptyReview, type ReviewState } from "./review";

export type TerminalSummary = ReplyOf<"session-join">["terminals"][number];

export class TaskSessionView {
  readonly sync: SessionSync;
  readonly transcript = createStore<Transcript>(emptyTranscript);
  readonly review = createStore<ReviewState>(emptyReview);
  /** Best-of-N attempt groups (a task with several attempts has one). */
  readonly attempts = createStore<AttemptGroupView[]>([]);
  /** Null until the session is joined. */
  readonly terminals = createStore<TerminalSummary[] | null>(null);
  private readonly cleanups: Array<() => void> = [];

  constructor(
    readonly client: BrokerClient,
    readonly sessionId: string,
  ) {
    this.sync = new SessionSync(client, sessionId);
  }

  start(): void {
    this.cleanups.push(
      this.sync.onEvents((events) => {
        this.transcript.set((transcript) => applyEvents(transcript, events));
        this.review.set((review) => applyReviewEvents(review, events));
        this.attempts.set((groups) => applyAttemptEvents(groups, events));
      }),
      this.sync.onJoined(({ terminals }) => this.terminals.set(terminals)),
    );
    this.sync.start();
  }

  dispose(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.sync.close();
  }
}
