/**
 * The session's events as a reader should see them: the log is append-only, and each
 * `conversation-rewound` hides the events it went back over (see `visibleEvents` in the protocol).
 * Kept incrementally: ordinary batches are appended; a batch holding a rewind tells the caller to
 * rebuild whatever it derived from the events, from `events`.
 */
import { visibleEvents, type SessionEvent } from "@codeyard/protocol";

export class SessionHistory {
  private visible: SessionEvent[] = [];

  /** The visible events, in seq order. */
  get events(): readonly SessionEvent[] {
    return this.visible;
  }

  /** Adds a batch (in order, after the previous ones); true when it rewound the conversation. */
  append(batch: readonly SessionEvent[]): boolean {
    if (!batch.some((event) => event.type === "conversation-rewound")) {
      this.visible.push(...batch);
      return false;
    }
    this.visible = visibleEvents([...this.visible, ...batch]);
    return true;
  }
}
