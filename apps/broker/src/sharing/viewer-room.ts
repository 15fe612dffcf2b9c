/**
 * Viewers of a shared session get its events in a room of their own, apart from the IDE's
 * (`session:<id>`), and in a reduced form: streamed text deltas arrive blank. Each delta is
 * redacted on its own, so a secret split across two chunks would escape redaction; the completed
 * message carries the whole (redacted) text, and the viewer shows it when it arrives.
 */
import type { SessionEvent } from "@codeyard/protocol";

export const viewerRoom = (sessionId: string) => `share:${sessionId}`;

/** Whether viewers get this event as it is (most events) or reduced by forViewers. */
export function viewersSeeAsIs(event: SessionEvent): boolean {
  return event.type !== "message-delta";
}

/** An event as viewers receive it; its seq is kept, so their stream has no gaps. */
export function forViewers(event: SessionEvent): SessionEvent {
  if (viewersSeeAsIs(event)) return event;
  const payload = event.payload as Record<string, unknown> | null;
  return { ...event, payload: typeof payload === "object" && payload !== null ? { ...payload, delta: "" } : null };
}
