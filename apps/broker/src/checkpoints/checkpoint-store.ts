/**
 * What the checkpoint, branch and attempt services need from the database, and its Prisma
 * implementation. Rows only: snapshots and images are the sandbox manager's business.
 */
import { createBranchSession, findCheckpointBefore, findReachableCheckpoint, type Db } from "@codeyard/db";
import type { AttemptSummary, BranchNode } from "@codeyard/protocol";
import type { CheckpointProcess } from "@codeyard/sandbox";
import { z } from "zod";

export interface CheckpointRow {
  id: string;
  sessionId: string;
  seq: number;
  parentId: string | null;
  workspaceRef: string;
  environmentRef: string | null;
  processes: CheckpointProcess[];
  label: string | null;
}

export interface AttemptRow extends AttemptSummary {
  groupId: string;
}

export interface AttemptGroupRow {
  id: string;
  sessionId: string;
  checkpointId: string;
  prompt: string;
  verifyCommand: string | null;
  attempts: AttemptRow[];
}

export interface CheckpointStore {
  create(row: Omit<CheckpointRow, "id"> & { id: string }): Promise<void>;
  byId(id: string): Promise<CheckpointRow | null>;
  /** The newest checkpoint of the session, or the one it was forked from. */
  latest(sessionId: string): Promise<CheckpointRow | null>;
  /** The newest checkpoint of the session's history taken before event `beforeSeq`. */
  before(sessionId: string, beforeSeq: number): Promise<CheckpointRow | null>;
  /** The checkpoint if the session's history holds it (its own, or an ancestor's before the fork). */
  reachable(sessionId: string, checkpointId: string): Promise<CheckpointRow | null>;
  /** Old checkpoints of a session beyond the newest `keep`, that nothing forks or attempts from. */
  prunable(sessionId: string, keep: number): Promise<CheckpointRow[]>;
  remove(id: string): Promise<void>;
  /** Every snapshot and environment image some checkpoint row refers to. */
  refsInUse(): Promise<{ workspaceRefs: Set<string>; environmentRefs: Set<string> }>;
  /** Whether another checkpoint still uses this environment image. */
  environmentInUse(environmentRef: string, exceptId: string): Promise<boolean>;
  /** A branch session of `fromSessionId` at the checkpoint (in `projectId`, default the parent's). */
  createBranch(branch: { fromSessionId: string; checkpoint: CheckpointRow; ownerId: string; title: string; sandboxId?: string | null; projectId?: string }): Promise<string>;
  setSessionStatus(sessionId: string, status: "idle" | "archived"): Promise<void>;
  /** The root of the session's family and every session below it, within the session's project. */
  family(sessionId: string): Promise<BranchNode[]>;
  createAttemptGroup(group: { sessionId: string; checkpointId: string; prompt: string; verifyCommand: string | null; createdById: string; attempts: { sessionId: string; model: string }[] }): Promise<AttemptGroupRow>;
  attemptGroup(groupId: string): Promise<AttemptGroupRow | null>;
  /** The attempt running in this branch session, if it is one. */
  attemptOfSession(sessionId: string): Promise<AttemptRow | null>;
  updateAttempt(attemptId: string, update: Partial<Pick<AttemptRow, "status" | "verifyResult" | "verifyOutput" | "diffFiles" | "diffAdded" | "diffRemoved" | "costUsd" | "outcome">>): Promise<AttemptRow>;
}

const Processes = z.array(z.object({ command: z.string(), cwd: z.string(), port: z.number().optional() })).catch([]);

type CheckpointModel = { id: string; sessionId: string; seq: number; parentId: string | null; workspaceRef: string; environmentRef: string | null; processes: string; label: string | null };
const toCheckpoint = (row: CheckpointModel): CheckpointRow => ({ ...row, processes: Processes.parse(JSON.parse(row.processes)) });

type AttemptModel = {
  id: string;
  groupId: string;
  sessionId: string;
  model: string;
  status: string;
  verifyResult: string | null;
  verifyOutput: string | null;
  diffFiles: number | null;
  diffAdded: number | null;
  diffRemoved: number | null;
  costMicroUsd: number;
  outcome: string;
};
const toAttempt = (row: AttemptModel): AttemptRow => ({
  attemptId: row.id,
  groupId: row.groupId,
  sessionId: row.sessionId,
  model: row.model,
  status: row.status as AttemptRow["status"],
  verifyResult: row.verifyResult as AttemptRow["verifyResult"],
  verifyOutput: row.verifyOutput,
  diffFiles: row.diffFiles,
  diffAdded: row.diffAdded,
  diffRemoved: row.diffRemoved,
  costUsd: row.costMicroUsd / 1e6,
  outcome: row.outcome as AttemptRow["outcome"],
});

/** Most sessions one family listing returns. */
const MAX_FAMILY = 500;

export function createPrismaCheckpointStore(db: Db): CheckpointStore {
  const byId = async (id: string) => {
    const row = await db.checkpoint.findUnique({ where: { id } });
    return row && toCheckpoint(row);
  };
  const positioned = async (position: { id: string } | null) => (position ? byId(position.id) : null);
  const group = async (groupId: string): Promise<AttemptGroupRow | null> => {
    const row = await db.attemptGroup.findUnique({ where: { id: groupId }, include: { attempts: { orderBy: { createdAt: "asc" } } } });
    if (!row) return null;
    return { id: row.id, sessionId: row.sessionId, checkpointId: row.checkpointId, prompt: row.prompt, verifyCommand: row.verifyCommand, attempts: row.attempts.map(toAttempt) };
  };
  return {
    async create(row) {
      await db.checkpoint.create({ data: { ...row, processes: JSON.stringify(row.processes) } });
    },
    byId,
    latest: async (sessionId) => positioned(await findReachableCheckpoint(db, sessionId, null)),
    before: async (sessionId, beforeSeq) => positioned(await findCheckpointBefore(db, sessionId, beforeSeq)),
    reachable: async (sessionId, checkpointId) => positioned(await findReachableCheckpoint(db, sessionId, checkpointId)),
    async prunable(sessionId, keep) {
      const rows = await db.checkpoint.findMany({
        where: { sessionId, forkedSessions: { none: {} }, attemptGroups: { none: {} }, children: { none: { sessionId: { not: sessionId } } } },
        orderBy: [{ seq: "desc" }, { createdAt: "desc" }],
        skip: keep,
        take: 100,
      });
      return rows.map(toCheckpoint);
    },
    async remove(id) {
      await db.checkpoint.deleteMany({ where: { id } });
    },
    async refsInUse() {
      const rows = await db.checkpoint.findMany({ select: { workspaceRef: true, environmentRef: true } });
      return { workspaceRefs: new Set(rows.map((row) => row.workspaceRef)), environmentRefs: new Set(rows.flatMap((row) => (row.environmentRef ? [row.environmentRef] : []))) };
    },
    async environmentInUse(environmentRef, exceptId) {
      return (await db.checkpoint.count({ where: { environmentRef, id: { not: exceptId } } })) > 0;
    },
    async createBranch({ fromSessionId, checkpoint, ownerId, title, sandboxId, projectId }) {
      const parent = await db.session.findUniqueOrThrow({ where: { id: fromSessionId }, select: { projectId: true } });
      const created = await createBranchSession(db, { fromSessionId, uptoSeq: checkpoint.seq, projectId: projectId ?? parent.projectId, ownerId, title, forkedFromCheckpointId: checkpoint.id, sandboxId });
      return created.id;
    },
    async setSessionStatus(sessionId, status) {
      await db.session.update({ where: { id: sessionId }, data: { status } });
    },
    async family(sessionId) {
      // Up to the root within the project: a fork from another project's shared session keeps its
      // origin private.
      const { projectId } = await db.session.findUniqueOrThrow({ where: { id: sessionId }, select: { projectId: true } });
      let rootId = sessionId;
      for (let hops = 0; hops < 1000; hops++) {
        const parent = await db.session.findFirst({ where: { branches: { some: { id: rootId } }, projectId }, select: { id: true } });
        if (!parent) break;
        rootId = parent.id;
      }
      const nodes: BranchNode[] = [];
      for (let frontier = [rootId]; frontier.length && nodes.length < MAX_FAMILY; ) {
        const rows = await db.session.findMany({
          where: nodes.length ? { parentSessionId: { in: frontier }, projectId } : { id: rootId },
          select: { id: true, title: true, parentSessionId: true, forkedFromCheckpointId: true, status: true, createdAt: true, attempt: { select: { id: true } } },
          orderBy: { createdAt: "asc" },
          take: MAX_FAMILY - nodes.length,
        });
        for (const row of rows) {
          const parentSessionId = nodes.length || row.id !== rootId ? row.parentSessionId : null;
          nodes.push({ sessionId: row.id, title: row.title, parentSessionId, forkedFromCheckpointId: row.forkedFromCheckpointId, status: row.status, createdAt: row.createdAt.toISOString(), attemptId: row.attempt?.id ?? null });
        }
        frontier = rows.map((row) => row.id);
      }
      return nodes;
    },
    async createAttemptGroup({ attempts, ...fields }) {
      const created = await db.attemptGroup.create({
        data: { ...fields, attemptCount: attempts.length, attempts: { create: attempts.map((attempt) => ({ sessionId: attempt.sessionId, model: attempt.model, status: "pending" })) } },
      });
      return (await group(created.id))!;
    },
    attemptGroup: group,
    async attemptOfSession(sessionId) {
      const row = await db.attempt.findUnique({ where: { sessionId } });
      return row && toAttempt(row);
    },
    async updateAttempt(attemptId, update) {
      const { costUsd, ...rest } = update;
      const finished = rest.status && ["done", "failed", "interrupted", "stopped"].includes(rest.status) ? { finishedAt: new Date() } : {};
      const row = await db.attempt.update({
        where: { id: attemptId },
        data: { ...rest, ...finished, ...(costUsd !== undefined ? { costMicroUsd: Math.round(costUsd * 1e6) } : {}) },
      });
      return toAttempt(row);
    },
  };
}
