/**
 * In-memory limit on failed sign-in attempts, per (email, client address) and, more loosely, per
 * email alone (client addresses can be spoofed or rotated). One process only: with several web
 * processes each keeps its own counts, which still bounds guessing per process.
 */
export interface RateLimitOptions {
  /** Failures allowed per window for one email from one address. */
  perClient: number;
  /** Failures allowed per window for one email from anywhere. */
  perEmail: number;
  windowMs: number;
  /** Most keys tracked; the oldest are forgotten beyond it, so memory stays bounded. */
  maxKeys: number;
}

export const DEFAULT_SIGN_IN_LIMITS: RateLimitOptions = { perClient: 5, perEmail: 20, windowMs: 15 * 60_000, maxKeys: 10_000 };

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

export class SignInRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly options: RateLimitOptions = DEFAULT_SIGN_IN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether another attempt may be made now. */
  check(email: string, client: string): RateLimitVerdict {
    const clientWait = this.waitFor(clientKey(email, client), this.options.perClient);
    const emailWait = this.waitFor(emailKey(email), this.options.perEmail);
    const wait = Math.max(clientWait, emailWait);
    return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true };
  }

  recordFailure(email: string, client: string): void {
    for (const key of [clientKey(email, client), emailKey(email)]) {
      const times = this.recent(key);
      times.push(this.now());
      this.failures.delete(key);
      this.failures.set(key, times);
    }
    while (this.failures.size > this.options.maxKeys) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
  }

  /** A successful sign-in clears that client's failures (not the per-email count). */
  recordSuccess(email: string, client: string): void {
    this.failures.delete(clientKey(email, client));
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.options.windowMs;
    return (this.failures.get(key) ?? []).filter((time) => time > cutoff);
  }

  private waitFor(key: string, limit: number): number {
    const times = this.recent(key);
    if (times.length < limit) return 0;
    // Allowed again once enough failures have left the window.
    const unlock = times[times.length - limit]! + this.options.windowMs;
    return Math.max(1, unlock - this.now());
  }
}

const clientKey = (email: string, client: string) => `c\0${email}\0${client}`;
const emailKey = (email: string) => `e\0${email}`;

/** The process's limiter for the sign-in form. */
export const signInLimiter = new SignInRateLimiter();

/** "3 minutes", "40 seconds": for "try again in …". */
export function describeWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
