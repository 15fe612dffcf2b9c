/**
 * Sandbox leases: exactly one broker owns a sandbox at a time, across brokers sharing a database.
 * A lease is a row (sandboxId, brokerId, expiresAt); its owner renews it well before it expires,
 * and another broker may take it only once it has expired. Every change is one conditional
 * statement (UPDATE … WHERE owner or expired; INSERT guarded by the primary key), so two brokers
 * racing for a lease never both win. Times come from the brokers' clocks: keep them in sync (NTP)
 * and make the TTL much longer than any clock skew.
 */
import type { Db, DbOrTx } from "./client.js";
import { DbError, isUniqueViolation } from "./errors.js";

export interface Lease {
  sandboxId: string;
  brokerId: string;
  expiresAt: Date;
}

export interface LeaseOptions {
  /** The current time (tests); default now. */
  now?: Date;
}

/** Most a lease may last; renew instead. */
export const MAX_LEASE_TTL_MS = 24 * 60 * 60 * 1000;

export class LeaseHeldError extends DbError {
  constructor(readonly holder: Lease) {
    super(
      "lease_held",
      `Sandbox ${holder.sandboxId} is owned by broker ${holder.brokerId} until ${holder.expiresAt.toISOString()}; route the request to that broker, or retry after the lease expires.`,
    );
    this.name = "LeaseHeldError";
  }
}

const SELECT = { sandboxId: true, brokerId: true, expiresAt: true } as const;

/**
 * Takes the lease of `sandboxId` for `brokerId` for `ttlMs`: succeeds if nobody holds it, if it
 * expired, or if `brokerId` already holds it (then it is extended). Otherwise LeaseHeldError.
 * Takes the client, not a transaction: on PostgreSQL the guarded insert may fail by design, and a
 * failed statement would abort the surrounding transaction.
 */
export async function acquireLease(db: Db, sandboxId: string, brokerId: string, ttlMs: number, options: LeaseOptions = {}): Promise<Lease> {
  check(sandboxId, brokerId, ttlMs);
  const now = options.now ?? new Date();
  const expiresAt = new Date(now.getTime() + ttlMs);
  const ours = await db.sandboxLease.updateMany({ where: { sandboxId, brokerId }, data: { expiresAt } });
  if (ours.count === 1) return { sandboxId, brokerId, expiresAt };
  const taken = await db.sandboxLease.updateMany({
    where: { sandboxId, expiresAt: { lte: now } },
    data: { brokerId, expiresAt, acquiredAt: now },
  });
  if (taken.count === 1) return { sandboxId, brokerId, expiresAt };
  try {
    await db.sandboxLease.create({ data: { sandboxId, brokerId, expiresAt, acquiredAt: now } });
    return { sandboxId, brokerId, expiresAt };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  // Someone else inserted it between our update and our insert.
  const holder = await db.sandboxLease.findUnique({ where: { sandboxId }, select: SELECT });
  if (holder?.brokerId === brokerId) return holder;
  throw new LeaseHeldError(holder ?? { sandboxId, brokerId: "(unknown)", expiresAt });
}

/**
 * Extends a lease `brokerId` holds to now + `ttlMs`. Throws DbError("lease_lost") if another
 * broker took it or it was released: stop using the sandbox.
 */
export async function renewLease(db: DbOrTx, sandboxId: string, brokerId: string, ttlMs: number, options: LeaseOptions = {}): Promise<Lease> {
  check(sandboxId, brokerId, ttlMs);
  const expiresAt = new Date((options.now ?? new Date()).getTime() + ttlMs);
  const { count } = await db.sandboxLease.updateMany({ where: { sandboxId, brokerId }, data: { expiresAt } });
  if (count === 1) return { sandboxId, brokerId, expiresAt };
  const holder = await db.sandboxLease.findUnique({ where: { sandboxId }, select: SELECT });
  throw new DbError(
    "lease_lost",
    holder
      ? `Broker ${brokerId} lost the lease of sandbox ${sandboxId} to broker ${holder.brokerId}; stop using the sandbox and let that broker serve it.`
      : `Broker ${brokerId} no longer holds the lease of sandbox ${sandboxId} (it was released); acquire it again before using the sandbox.`,
  );
}

/** Gives the lease up if `brokerId` holds it; returns whether it did. */
export async function releaseLease(db: DbOrTx, sandboxId: string, brokerId: string): Promise<boolean> {
  const { count } = await db.sandboxLease.deleteMany({ where: { sandboxId, brokerId } });
  return count === 1;
}

/** The unexpired lease of a sandbox, or null if nobody owns it now. */
export async function leaseOwner(db: DbOrTx, sandboxId: string, options: LeaseOptions = {}): Promise<Lease | null> {
  const lease = await db.sandboxLease.findUnique({ where: { sandboxId }, select: SELECT });
  return lease && lease.expiresAt > (options.now ?? new Date()) ? lease : null;
}

/** Leases held by a broker (e.g. to renew them all, or to release them on shutdown). */
export function leasesOf(db: DbOrTx, brokerId: string): Promise<Lease[]> {
  return db.sandboxLease.findMany({ where: { brokerId }, select: SELECT, orderBy: { sandboxId: "asc" } });
}

function check(sandboxId: string, brokerId: string, ttlMs: number): void {
  if (!sandboxId || sandboxId.length > 128) throw new DbError("invalid_input", `Invalid sandbox id "${sandboxId.slice(0, 130)}".`);
  if (!brokerId || brokerId.length > 64) throw new DbError("invalid_input", `Invalid broker id "${brokerId.slice(0, 70)}" (CODEYARD_BROKER_ID).`);
  if (!Number.isInteger(ttlMs) || ttlMs < 1 || ttlMs > MAX_LEASE_TTL_MS) {
    throw new DbError("invalid_input", `A lease TTL must be an integer from 1 to ${MAX_LEASE_TTL_MS} ms (got ${ttlMs}).`);
  }
}
