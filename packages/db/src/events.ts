/**
 * A session's durable event log. appendEvents numbers events 1, 2, 3… per session without gaps or
 * duplicates, even with several writers (brokers, processes) at once: in one transaction it bumps
 * Session.lastSeq by the batch size (an atomic UPDATE … SET lastSeq = lastSeq + n, which takes the
 * row's write lock on PostgreSQL and the database's on SQLite, so writers queue up) and inserts
 * the batch under the range it got. (sessionId, seq) is the primary key, a second line of defence.
 */
import { z } from "zod";
import type { Db } from "./client.js";
import { DbError, isRecordNotFound } from "./errors.js";

/** Most events one call may append. */
export const MAX_EVENTS_PER_APPEND = 1000;
/** Largest JSON payload of one event. */
export const MAX_EVENT_PAYLOAD_BYTES = 1024 * 1024;
/** Most events one read returns. */
export const MAX_EVENTS_PER_READ = 5000;

export const eventTypeSchema = z.string().regex(/^[a-z][a-z0-9]*([._:-][a-z0-9]+)*$/, "a type such as run-started or message.delta").max(64);

export interface NewEvent {
  type: string;
  /** Any JSON-serializable value. */
  payload: unknown;
}

export interface StoredEvent {
  sessionId: string;
  seq: number;
  type: string;
  payload: unknown;
  createdAt: Date;
}

/** Appends `events` in order and returns them with their seq numbers. */
export async function appendEvents(db: Db, sessionId: string, events: readonly NewEvent[]): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new DbError("invalid_input", `appendEvents takes at most ${MAX_EVENTS_PER_APPEND} events per call (got ${events.length}); split the batch.`);
  }
  const rows = events.map((event, index) => ({ type: checkType(event.type, index), payload: serialize(event.payload, index) }));
  const createdAt = new Date();
  return db.$transaction(async (tx) => {
    let lastSeq: number;
    try {
      ({ lastSeq } = await tx.session.update({
        where: { id: sessionId },
        data: { lastSeq: { increment: rows.length } },
        select: { lastSeq: true },
      }));
    } catch (error) {
      if (isRecordNotFound(error)) throw new DbError("not_found", `No session ${sessionId}: it was deleted or never existed; create the session before writing events.`);
      throw error;
    }
    const first = lastSeq - rows.length + 1;
    const stored = rows.map((row, index) => ({ sessionId, seq: first + index, type: row.type, payload: row.payload, createdAt }));
    await tx.event.createMany({ data: stored });
    // Handed back as a reader will see them (JSON round trip: dates become strings, and so on).
    return stored.map((row) => ({ ...row, payload: JSON.parse(row.payload) as unknown }));
  });
}

export interface ReadEventsOptions {
  /** Return events with seq > afterSeq (default 0: from the start). */
  afterSeq?: number;
  /** At most this many (default and maximum MAX_EVENTS_PER_READ). */
  limit?: number;
}

/** Events of a session after `afterSeq`, in seq order. */
export async function readEvents(db: Db, sessionId: string, options: ReadEventsOptions = {}): Promise<StoredEvent[]> {
  const afterSeq = options.afterSeq ?? 0;
  const limit = options.limit ?? MAX_EVENTS_PER_READ;
  if (!Number.isInteger(afterSeq) || afterSeq < 0) throw new DbError("invalid_input", `afterSeq must be an integer ≥ 0 (got ${afterSeq}).`);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EVENTS_PER_READ) {
    throw new DbError("invalid_input", `limit must be an integer from 1 to ${MAX_EVENTS_PER_READ} (got ${limit}); page with afterSeq.`);
  }
  const rows = await db.event.findMany({ where: { sessionId, seq: { gt: afterSeq } }, orderBy: { seq: "asc" }, take: limit });
  return rows.map((row) => {
    try {
      return { ...row, payload: JSON.parse(row.payload) as unknown };
    } catch (error) {
      throw new DbError("invalid_data", `Event ${row.seq} of session ${sessionId} holds a payload that is not JSON; the row was altered outside Codeyard.`, { cause: error });
    }
  });
}

function checkType(type: string, index: number): string {
  const result = eventTypeSchema.safeParse(type);
  if (!result.success) throw new DbError("invalid_input", `Event ${index}: invalid type "${String(type).slice(0, 80)}": ${result.error.issues[0]?.message}.`);
  return result.data;
}

function serialize(payload: unknown, index: number): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(payload ?? null);
  } catch (error) {
    throw new DbError("invalid_input", `Event ${index}: the payload cannot be stored as JSON (${(error as Error).message}).`, { cause: error });
  }
  if (text === undefined) throw new DbError("invalid_input", `Event ${index}: the payload cannot be stored as JSON (a function or symbol?).`);
  if (Buffer.byteLength(text) > MAX_EVENT_PAYLOAD_BYTES) {
    throw new DbError("invalid_input", `Event ${index}: the payload has ${Buffer.byteLength(text)} bytes of JSON, over the ${MAX_EVENT_PAYLOAD_BYTES}-byte limit; store large data elsewhere and reference it.`);
  }
  return text;
}
