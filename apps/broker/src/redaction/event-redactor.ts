/**
 * Redacts events on their way into a session's log (EventLog.append). The secret values of a
 * session — its project's secrets and its organization's provider keys, decrypted by the store —
 * are loaded once and reused for a short while, so a busy run does not hit the database for every
 * streamed chunk; a secret added in the settings is redacted from then on within that delay.
 */
import type { Logger } from "pino";
import type { BrokerStore, NewEvent } from "../store.js";
import { SecretRedactor } from "./redact-secrets.js";

/** How long a session's secret values are reused before being read again. */
const VALUES_TTL_MS = 15_000;
const MAX_CACHED_SESSIONS = 5_000;

export class EventRedactor {
  private readonly cache = new Map<string, { redactor: Promise<SecretRedactor>; until: number }>();
  /** Used when a session's secrets cannot be read: the credential patterns still apply. */
  private readonly patternsOnly = new SecretRedactor();

  constructor(
    private readonly store: Pick<BrokerStore, "secretValues">,
    private readonly logger: Logger,
    private readonly ttlMs = VALUES_TTL_MS,
  ) {}

  async redact(sessionId: string, events: NewEvent[]): Promise<NewEvent[]> {
    const redactor = await this.redactorFor(sessionId);
    return events.map((event) => ({ type: event.type, payload: redactor.value(event.payload) }));
  }

  private redactorFor(sessionId: string): Promise<SecretRedactor> {
    const cached = this.cache.get(sessionId);
    if (cached && cached.until > Date.now()) return cached.redactor;
    const redactor = this.store.secretValues(sessionId).then(
      (values) => new SecretRedactor(values),
      (error: unknown) => {
        this.logger.error({ err: error, sessionId }, "secret values unreadable; redacting credential patterns only");
        this.cache.delete(sessionId);
        return this.patternsOnly;
      },
    );
    if (this.cache.size >= MAX_CACHED_SESSIONS) this.cache.clear();
    this.cache.set(sessionId, { redactor, until: Date.now() + this.ttlMs });
    return redactor;
  }
}
