/** Typed error replies: every request is answered `{ ok: true, data }` or `{ ok: false, error }`. */
import { z } from "zod";

export const ErrorCode = z.enum([
  "invalid_request",
  "unknown_event",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "too_large",
  "rate_limited",
  "unavailable",
  "outside_workspace",
  "timeout",
  "internal",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({ code: ErrorCode, message: z.string() });
export type ErrorBody = z.infer<typeof ErrorBody>;

export type Reply<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export function replySchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion("ok", [z.object({ ok: z.literal(true), data }), z.object({ ok: z.literal(false), error: ErrorBody })]);
}

/** An error that crosses the wire: its code and message reach the client as they are. */
export class ProtocolError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ProtocolError";
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message };
  }
}
