/** TaskStore on the Codeyard database. */
import { taskStatusSchema, type Db, type DbOrTx } from "@codeyard/db";
import { toNotificationRecord } from "../notifications/prisma-notification-store.js";
import type { TaskRecord, TaskStore } from "./task-store.js";

const withProject = { project: { select: { name: true } } } as const;
type Row = NonNullable<Awaited<ReturnType<typeof findTask>>>;

function findTask(db: DbOrTx, where: { id?: string; sessionId?: string }) {
  return db.task.findFirst({ where, include: withProject });
}

/** Tasks the user created in projects of organizations they still belong to. */
const visibleTo = (userId: string) => ({ createdById: userId, project: { org: { memberships: { some: { userId } } } } });

async function usage(db: DbOrTx, sessionIds: string[]): Promise<Map<string, { costMicroUsd: number; tokens: number }>> {
  if (!sessionIds.length) return new Map();
  const sums = await db.run.groupBy({ by: ["sessionId"], where: { sessionId: { in: sessionIds } }, _sum: { costMicroUsd: true, tokensIn: true, tokensOut: true } });
  return new Map(sums.map((sum) => [sum.sessionId, { costMicroUsd: sum._sum.costMicroUsd ?? 0, tokens: (sum._sum.tokensIn ?? 0) + (sum._sum.tokensOut ?? 0) }]));
}

async function toRecords(db: DbOrTx, rows: Row[]): Promise<TaskRecord[]> {
  const usageBySession = await usage(db, rows.flatMap((row) => (row.sessionId ? [row.sessionId] : [])));
  return rows.map((row) => ({
    id: row.id,
    projectId: row.projectId,
    projectName: row.project.name,
    sessionId: row.sessionId,
    createdById: row.createdById,
    prompt: row.prompt,
    model: row.model,
    attempts: row.attempts,
    status: taskStatusSchema.catch("failed").parse(row.status),
    statusReason: row.statusReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    finishedAt: row.finishedAt,
    changedFiles: row.changedFiles,
    costMicroUsd: (row.sessionId && usageBySession.get(row.sessionId)?.costMicroUsd) || 0,
    tokens: (row.sessionId && usageBySession.get(row.sessionId)?.tokens) || 0,
  }));
}

const one = async (db: DbOrTx, row: Row | null) => (row ? (await toRecords(db, [row]))[0]! : null);

export function createPrismaTaskStore(db: Db): TaskStore {
  return {
    async projectForUser(projectId, userId) {
      return db.project.findFirst({ where: { id: projectId, org: { memberships: { some: { userId } } } }, select: { id: true, name: true } });
    },

    async createTaskSession(projectId, userId, title) {
      const session = await db.session.create({ data: { projectId, ownerId: userId, title } });
      return session.id;
    },

    async createTask(sessionId, task) {
      const row = await db.task.create({
        data: { projectId: task.projectId, sessionId, createdById: task.userId, prompt: task.prompt, model: task.model, attempts: task.attempts, status: "running" },
        include: withProject,
      });
      return (await one(db, row))!;
    },

    async taskForUser(taskId, userId) {
      return one(db, await db.task.findFirst({ where: { id: taskId, ...visibleTo(userId) }, include: withProject }));
    },

    async tasksForUser(userId, { statuses, limit }) {
      const rows = await db.task.findMany({
        where: { ...visibleTo(userId), ...(statuses?.length ? { status: { in: statuses } } : {}) },
        include: withProject,
        orderBy: { updatedAt: "desc" },
        take: limit,
      });
      return toRecords(db, rows);
    },

    async taskBySession(sessionId) {
      return one(db, await findTask(db, { sessionId }));
    },

    async runningTasks(sandboxIds) {
      if (!sandboxIds.length) return [];
      const rows = await db.task.findMany({ where: { status: "running", session: { sandboxId: { in: sandboxIds } } }, select: { id: true, sessionId: true } });
      return rows.flatMap((row) => (row.sessionId ? [{ id: row.id, sessionId: row.sessionId }] : []));
    },

    async transitionTask(taskId, from, to, notification) {
      return db.$transaction(async (tx) => {
        const moved = await tx.task.updateMany({ where: { id: taskId, status: { in: from } }, data: { status: to.status, statusReason: to.statusReason?.slice(0, 4000) ?? null, finishedAt: to.finishedAt } });
        if (moved.count === 0) return null;
        const created = notification
          ? await tx.notification.create({
              data: { userId: notification.userId, kind: notification.kind, payload: JSON.stringify({ title: notification.title, body: notification.body, url: notification.url, taskId: notification.taskId }) },
            })
          : null;
        const task = (await one(tx, await findTask(tx, { id: taskId })))!;
        return { task, notification: created && toNotificationRecord(created) };
      });
    },

    async setTaskChangedFiles(taskId, count) {
      await db.task.update({ where: { id: taskId }, data: { changedFiles: count } });
    },

    async recordRunUsage(runId, usage) {
      await db.run.updateMany({
        where: { id: runId, status: "running" },
        data: { tokensIn: usage.tokensIn, tokensOut: usage.tokensOut, cachedTokens: usage.cachedTokens, costMicroUsd: Math.round(usage.costUsd * 1e6) },
      });
    },
  };
}
