/**
 * Errors of broker requests, and their readable form: a title, the broker's message (written for
 * people already) and what to do next. Stack traces never reach the screen.
 */
import { ErrorCode } from "@codeyard/protocol";

/** Client-side failures that have no broker code. */
export type ClientErrorCode = "disconnected";

export class BrokerRequestError extends Error {
  constructor(
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "BrokerRequestError";
  }
}

export interface ReadableError {
  title: string;
  message: string;
  /** The next step, when there is one beyond what the message says. */
  hint?: string;
  code: ErrorCode | ClientErrorCode | "unknown";
}

const HINTS: Partial<Record<ErrorCode | ClientErrorCode, string>> = {
  timeout: "Check your connection, then try again.",
  unavailable: "Try again in a moment.",
  rate_limited: "Wait a second, then try again.",
  unauthenticated: "Sign in again.",
  disconnected: "The IDE reconnects by itself; try again once it shows Connected.",
  internal: "Try again; if it keeps failing, the broker's log has the details.",
};

/** A readable error for `action` ("Saving src/app.ts") from anything a request threw. */
export function describeError(error: unknown, action: string): ReadableError {
  const title = `${action} failed`;
  if (error instanceof BrokerRequestError) {
    return {
      title,
      message: ensureSentence(error.message),
      hint: HINTS[error.code],
      code: error.code,
    };
  }
  if (error instanceof Error && /timed? ?out/i.test(error.message)) {
    return {
      title,
      message: "The broker did not answer in time.",
      hint: HINTS.timeout,
      code: "timeout",
    };
  }
  const text = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  const firstLine = text.split("\n")[0]?.trim().slice(0, 300);
  return {
    title,
    message: firstLine ? ensureSentence(firstLine) : "An unexpected error occurred.",
    hint: "Try again; reload the page if it persists.",
    code: "unknown",
  };
}

function ensureSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** Turns a raw ack payload into data, or throws BrokerRequestError. */
export function unwrapReply<T>(reply: unknown): T {
  if (typeof reply === "object" && reply !== null && "ok" in reply) {
    const typed = reply as {
      ok: boolean;
      data?: unknown;
      error?: { code?: unknown; message?: unknown };
    };
    if (typed.ok) return typed.data as T;
    const code = ErrorCode.safeParse(typed.error?.code);
    const message =
      typeof typed.error?.message === "string"
        ? typed.error.message
        : "The broker refused the request.";
    throw new BrokerRequestError(code.success ? code.data : "internal", message);
  }
  throw new BrokerRequestError(
    "internal",
    "The broker sent a reply the IDE does not understand; the web app and the broker may be different versions.",
  );
}
