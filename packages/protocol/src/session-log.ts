/**
 * The durable, ordered event log of a session. Everything a user sees is an event here, written
 * before it is broadcast; a reconnecting client asks for the events after its last `seq`.
 * Volatile traffic (terminal bytes) is not logged: terminals reattach with their screen state.
 */
import { z } from "zod";
import { Id, Seq } from "./common.js";

export const SessionEvent = z.object({
  sessionId: Id,
  seq: Seq,
  type: z.string().min(1).max(64),
  /** ISO timestamp of when the broker wrote the event. */
  at: z.string(),
  payload: z.unknown(),
});
export type SessionEvent = z.infer<typeof SessionEvent>;

/** Payloads of the events the broker itself writes (agent runs add their own, see run-events). */
export const BrokerEventPayloads = {
  "session-opened": z.object({ userId: Id }),
  "sandbox-state": z.object({ sandboxId: Id, state: z.enum(["starting", "running", "paused", "stopped", "failed"]), message: z.string().optional() }),
  "terminal-opened": z.object({ terminalId: z.string(), cols: z.number(), rows: z.number(), openedBy: Id }),
  "terminal-closed": z.object({ terminalId: z.string(), exitCode: z.number().nullable() }),
  "file-changed": z.object({ changes: z.array(z.object({ path: z.string(), kind: z.enum(["changed", "renamed"]) })).max(1000) }),
  "file-saved": z.object({ path: z.string(), size: z.number(), savedBy: Id }),
  /** The project's setup script (template files, git clone, installs) in a new sandbox. */
  "setup-started": z.object({ sandboxId: z.string() }),
  "setup-finished": z.object({ sandboxId: z.string(), exitCode: z.number().nullable(), timedOut: z.boolean(), message: z.string().nullable(), output: z.string() }),
  /** The project image built from the project's Dockerfile before a new sandbox starts (only when it changed). */
  "image-build-started": z.object({ image: z.string() }),
  "image-build-finished": z.object({ image: z.string(), ok: z.boolean(), durationMs: z.number(), message: z.string().nullable(), output: z.string() }),
} as const;
export type BrokerEventType = keyof typeof BrokerEventPayloads;
