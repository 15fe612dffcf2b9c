/**
 * Branch sessions: a new session whose log starts as a copy of another session's events up to a
 * seq (same seq numbers, so checkpoints of the parent keep their positions in the branch).
 */
import type { Db } from "./client.js";
import { DbError } from "./errors.js";

const COPY_PAGE = 1000;

export interface NewBranch {
  fromSessionId: string;
  /** Copy events 1..uptoSeq; the branch continues at uptoSeq + 1. */
  uptoSeq: number;
  projectId: string;
  ownerId: string;
  title: string;
  forkedFromCheckpointId: string | null;
  sandboxId?: string | null;
}

/** Creates the branch session and copies the log prefix, in one transaction. */
export async function createBranchSession(db: Db, branch: NewBranch): Promise<{ id: string }> {
  if (!Number.isInteger(branch.uptoSeq) || branch.uptoSeq < 0) throw new DbError("invalid_input", `uptoSeq must be an integer ≥ 0 (got ${branch.uptoSeq}).`);
  return db.$transaction(async (tx) => {
    const parent = await tx.session.findUnique({ where: { id: branch.fromSessionId }, select: { lastSeq: true } });
    if (!parent) throw new DbError("not_found", `No session ${branch.fromSessionId} to branch from; it was deleted.`);
    if (branch.uptoSeq > parent.lastSeq) throw new DbError("invalid_input", `Session ${branch.fromSessionId} has no event ${branch.uptoSeq} yet (last is ${parent.lastSeq}).`);
    const created = await tx.session.create({
      data: {
        projectId: branch.projectId,
        ownerId: branch.ownerId,
        title: branch.title.slice(0, 200),
        parentSessionId: branch.fromSessionId,
        forkedFromCheckpointId: branch.forkedFromCheckpointId,
        sandboxId: branch.sandboxId ?? null,
        lastSeq: branch.uptoSeq,
      },
      select: { id: true },
    });
    for (let afterSeq = 0; afterSeq < branch.uptoSeq; ) {
      const rows = await tx.event.findMany({
        where: { sessionId: branch.fromSessionId, seq: { gt: afterSeq, lte: branch.uptoSeq } },
        orderBy: { seq: "asc" },
        take: COPY_PAGE,
      });
      if (!rows.length) break;
      await tx.event.createMany({ data: rows.map((row) => ({ ...row, sessionId: created.id })) });
      afterSeq = rows.at(-1)!.seq;
    }
    return created;
  });
}

export interface CheckpointPosition {
  id: string;
  sessionId: string;
  seq: number;
}

/**
 * The checkpoint if `sessionId`'s history contains it: one of its own, or one of an ancestor's
 * taken no later than where the branch below it forked. With `checkpointId` null: the session's
 * newest checkpoint, else the one it was forked from. Null when there is none.
 */
export async function findReachableCheckpoint(db: Db, sessionId: string, checkpointId: string | null): Promise<CheckpointPosition | null> {
  const select = { id: true, sessionId: true, seq: true } as const;
  if (checkpointId === null) {
    const own = await db.checkpoint.findFirst({ where: { sessionId }, orderBy: [{ seq: "desc" }, { createdAt: "desc" }], select });
    if (own) return own;
    const session = await db.session.findUnique({ where: { id: sessionId }, select: { forkedFromCheckpoint: { select } } });
    return session?.forkedFromCheckpoint ?? null;
  }
  const checkpoint = await db.checkpoint.findUnique({ where: { id: checkpointId }, select });
  if (!checkpoint) return null;
  let limit = Number.POSITIVE_INFINITY;
  for (let id: string | null = sessionId, hops = 0; id && hops < 1000; hops++) {
    if (id === checkpoint.sessionId) return checkpoint.seq <= limit ? checkpoint : null;
    const row: { parentSessionId: string | null; forkedFromCheckpoint: { seq: number } | null } | null = await db.session.findUnique({
      where: { id },
      select: { parentSessionId: true, forkedFromCheckpoint: { select: { seq: true } } },
    });
    if (!row) return null;
    limit = Math.min(limit, row.forkedFromCheckpoint?.seq ?? -1);
    id = row.parentSessionId;
  }
  return null;
}

/**
 * The newest checkpoint of the session's history taken before event `beforeSeq`: its own, else
 * the one it was forked from (when that is older). Null when there is none.
 */
export async function findCheckpointBefore(db: Db, sessionId: string, beforeSeq: number): Promise<CheckpointPosition | null> {
  const select = { id: true, sessionId: true, seq: true } as const;
  const own = await db.checkpoint.findFirst({ where: { sessionId, seq: { lt: beforeSeq } }, orderBy: [{ seq: "desc" }, { createdAt: "desc" }], select });
  if (own) return own;
  const session = await db.session.findUnique({ where: { id: sessionId }, select: { forkedFromCheckpoint: { select } } });
  const forked = session?.forkedFromCheckpoint;
  return forked && forked.seq < beforeSeq ? forked : null;
}
