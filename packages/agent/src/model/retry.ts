/**
 * When and how long to retry a failed model call: 408/409/429/5xx, overloaded streams and network
 * failures are retried with exponential backoff (with jitter), or after the provider's
 * retry-after / retry-after-ms when it sends one.
 */

export interface RetryPolicy {
  maxRetries: number;
  initialDelayMs: number;
  maxDelayMs: number;
  factor: number;
  /** A retry-after longer than this is not waited for (the call fails over to the fallback). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 4, initialDelayMs: 1_000, maxDelayMs: 30_000, factor: 2, maxRetryAfterMs: 120_000 };

export interface ClassifiedError {
  message: string;
  status?: number;
  retryable: boolean;
  /** The provider asked to wait this long. */
  retryAfterMs?: number;
  /** The prompt no longer fits the model's context window. */
  contextOverflow: boolean;
}

const CONTEXT_OVERFLOW = /prompt is too long|context length|context window|maximum context|context_length_exceeded|too many (input )?tokens|request_too_large|reduce the length/i;
const NETWORK_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT"]);

interface ErrorLike {
  message?: unknown;
  statusCode?: unknown;
  isRetryable?: unknown;
  responseHeaders?: unknown;
  responseBody?: unknown;
  code?: unknown;
  cause?: unknown;
}

export function classifyModelError(error: unknown): ClassifiedError {
  const e = (error ?? {}) as ErrorLike;
  const cause = (e.cause ?? {}) as ErrorLike;
  const status = typeof e.statusCode === "number" ? e.statusCode : typeof cause.statusCode === "number" ? cause.statusCode : undefined;
  const body = typeof e.responseBody === "string" ? e.responseBody : "";
  const message = describe(error);
  const contextOverflow = (status === 400 || status === 413 || status === undefined) && CONTEXT_OVERFLOW.test(`${message} ${body}`);
  const network = [e.code, cause.code].some((code) => typeof code === "string" && NETWORK_CODES.has(code)) || /fetch failed|socket hang up|terminated/i.test(message);
  const retryableStatus = status !== undefined && (status === 408 || status === 409 || status === 429 || status >= 500);
  const retryable = !contextOverflow && (retryableStatus || e.isRetryable === true || network);
  return { message, status, retryable, retryAfterMs: retryAfterOf(e.responseHeaders ?? cause.responseHeaders), contextOverflow };
}

/** The provider's wait hint from `retry-after-ms` or `retry-after` (seconds or an HTTP date). */
export function retryAfterOf(headers: unknown): number | undefined {
  if (!headers || typeof headers !== "object") return undefined;
  const get = (name: string) => {
    const value = (headers as Record<string, unknown>)[name];
    return typeof value === "string" ? value : undefined;
  };
  const ms = Number.parseFloat(get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = get("retry-after");
  if (value === undefined) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/**
 * Delay before retry number `attempt` (1-based), or undefined when the call should not be retried
 * on this model (not retryable, out of retries, or asked to wait too long).
 */
export function retryDelay(error: ClassifiedError, attempt: number, policy: RetryPolicy, random: () => number = Math.random): number | undefined {
  if (!error.retryable || attempt > policy.maxRetries) return undefined;
  if (error.retryAfterMs !== undefined) return error.retryAfterMs <= policy.maxRetryAfterMs ? error.retryAfterMs : undefined;
  const exponential = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** (attempt - 1));
  return Math.round(exponential * (0.5 + random() / 2));
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message.slice(0, 2000);
  if (typeof error === "string") return error.slice(0, 2000);
  try {
    return JSON.stringify(error).slice(0, 2000);
  } catch {
    return String(error);
  }
}
