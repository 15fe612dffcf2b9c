/** The broker's store on the Codeyard database (SQLite or PostgreSQL through @codeyard/db). */
import {
  acquireLease,
  appendEvents,
  LeaseHeldError,
  leaseOwner,
  readEvents,
  resolveShareAccess,
  revealProjectSecrets,
  revealProviderCredential,
  validateAuthSession,
  type Db,
  type SecretKey,
  type StoredEvent,
} from "@codeyard/db";
import { ProtocolError } from "@codeyard/protocol";
import type { SessionEvent } from "@codeyard/protocol";
import type { NetworkMode } from "@codeyard/sandbox";
import { z } from "zod";
import { createPrismaCheckpointStore } from "./checkpoints/checkpoint-store.js";
import type { BrokerStore, NewEvent, RunModelSettings, SessionRecord, ShareAccessResult } from "./store.js";
import { createPrismaNotificationStore } from "./notifications/prisma-notification-store.js";
import { createPrismaTaskStore } from "./tasks/prisma-task-store.js";

const Limits = z.object({ memoryBytes: z.number().positive(), cpus: z.number().positive(), pids: z.number().int().positive() }).partial();
const Allowlist = z.array(z.string());

function toSessionEvent(event: StoredEvent): SessionEvent {
  return { sessionId: event.sessionId, seq: event.seq, type: event.type, at: event.createdAt.toISOString(), payload: event.payload };
}

const Provider = z.enum(["anthropic", "openai", "openai-compatible"]);
type Row = NonNullable<Awaited<ReturnType<typeof findSession>>>;

function findSession(db: Db, where: { id: string; userId?: string }) {
  return db.session.findFirst({
    where: { id: where.id, ...(where.userId ? { project: { org: { memberships: { some: { userId: where.userId } } } } } : {}) },
    include: { project: true },
  });
}

function toSessionRecord(session: Row): SessionRecord {
  const { project } = session;
  return {
    id: session.id,
    projectId: session.projectId,
    title: session.title,
    sandboxId: session.sandboxId,
    lastSeq: session.lastSeq,
    forkedFromCheckpointId: session.forkedFromCheckpointId,
    project: {
      id: project.id,
      image: project.image,
      dockerfile: project.dockerfile,
      networkMode: project.networkMode as NetworkMode,
      allowlist: Allowlist.catch([]).parse(JSON.parse(project.allowlist)),
      limits: Limits.catch({}).parse(JSON.parse(project.limits)),
      setupScript: project.setupScript,
      verifyCommand: project.verifyCommand,
    },
  };
}

/** `secretKey` decrypts the organization's provider keys for agent runs. */
export function createPrismaStore(db: Db, secretKey?: SecretKey): BrokerStore {
  return {
    ...createPrismaTaskStore(db),
    ...createPrismaNotificationStore(db),
    checkpoints: createPrismaCheckpointStore(db),
    async userForToken(token) {
      const login = await validateAuthSession(db, token);
      return login ? { id: login.user.id } : null;
    },

    async sessionForUser(sessionId, userId) {
      const session = await findSession(db, { id: sessionId, userId });
      return session && toSessionRecord(session);
    },

    async sessionById(sessionId) {
      const session = await findSession(db, { id: sessionId });
      return session && toSessionRecord(session);
    },

    async setSessionSandbox(sessionId, sandboxId) {
      await db.session.update({ where: { id: sessionId }, data: { sandboxId } });
    },

    async appendEvents(sessionId, events: NewEvent[]) {
      const written = await appendEvents(db, sessionId, events);
      return written.map(toSessionEvent);
    },

    async readEvents(sessionId, afterSeq, limit) {
      return (await readEvents(db, sessionId, { afterSeq, limit })).map(toSessionEvent);
    },

    async sandboxIdsInUse() {
      const rows = await db.session.findMany({ where: { sandboxId: { not: null } }, select: { sandboxId: true } });
      return new Set(rows.map((row) => row.sandboxId!));
    },

    async sessionIdsOfSandbox(sandboxId) {
      const rows = await db.session.findMany({ where: { sandboxId }, select: { id: true } });
      return rows.map((row) => row.id);
    },

    async existingProjectIds(projectIds) {
      if (!projectIds.length) return new Set();
      const rows = await db.project.findMany({ where: { id: { in: projectIds } }, select: { id: true } });
      return new Set(rows.map((row) => row.id));
    },

    async acquireLease(sandboxId, brokerId, ttlMs) {
      try {
        await acquireLease(db, sandboxId, brokerId, ttlMs);
        return true;
      } catch (error) {
        if (error instanceof LeaseHeldError) return false;
        throw error;
      }
    },
    async leaseOwner(sandboxId) {
      return (await leaseOwner(db, sandboxId))?.brokerId ?? null;
    },

    async modelSettings(projectId, modelOverride): Promise<RunModelSettings> {
      const project = await db.project.findUniqueOrThrow({ where: { id: projectId } });
      const provider = Provider.safeParse(project.modelProvider);
      const model = modelOverride ?? project.model;
      if (!provider.success || !model) {
        throw new ProtocolError("invalid_request", "This project has no model configured; choose a provider and a model in the project's settings.");
      }
      const credential = await db.providerCredential.findFirst({ where: { orgId: project.orgId, provider: provider.data }, orderBy: { createdAt: "asc" } });
      if (!credential && provider.data !== "openai-compatible") {
        throw new ProtocolError("invalid_request", `No ${provider.data} API key is stored for this organization; add one in the organization settings.`);
      }
      if (credential && !secretKey) throw new ProtocolError("unavailable", "The broker has no secret key to read API keys; set CODEYARD_SECRET_KEY.");
      const apiKey = credential && secretKey ? (await revealProviderCredential(db, secretKey, credential.id)).apiKey : undefined;
      const connection = { provider: provider.data, apiKey, baseURL: credential?.baseUrl ?? undefined };
      return {
        primary: { ...connection, model },
        fallback: project.fallbackModel && !modelOverride ? { ...connection, model: project.fallbackModel } : undefined,
      };
    },

    async createRun(run) {
      await db.run.create({ data: { id: run.id, sessionId: run.sessionId, modelProvider: run.provider, model: run.model, status: "running" } });
    },

    async finishRun(runId, outcome) {
      await db.run.update({
        where: { id: runId },
        data: {
          status: outcome.status,
          reason: outcome.reason.slice(0, 2000),
          tokensIn: outcome.tokensIn,
          tokensOut: outcome.tokensOut,
          cachedTokens: outcome.cachedTokens,
          costMicroUsd: Math.round(outcome.costUsd * 1e6),
          endedAt: new Date(),
        },
      });
    },

    async unfinishedRuns(sandboxIds) {
      if (!sandboxIds.length) return [];
      return db.run.findMany({ where: { status: "running", session: { sandboxId: { in: sandboxIds } } }, select: { id: true, sessionId: true }, orderBy: { startedAt: "asc" } });
    },

    async shareAccess(credential, userId): Promise<ShareAccessResult> {
      const resolved = await resolveShareAccess(db, { credential, userId });
      if (!resolved.ok) return resolved;
      const { id, title, lastSeq } = resolved.session;
      return { ok: true, session: { id, title, lastSeq } };
    },

    async secretValues(sessionId) {
      if (!secretKey) return [];
      const session = await db.session.findUnique({ where: { id: sessionId }, select: { projectId: true, project: { select: { orgId: true } } } });
      if (!session) return [];
      const values = Object.values(await revealProjectSecrets(db, secretKey, session.projectId));
      const credentials = await db.providerCredential.findMany({ where: { orgId: session.project.orgId }, select: { id: true } });
      for (const credential of credentials) values.push((await revealProviderCredential(db, secretKey, credential.id)).apiKey);
      return values;
    },
  };
}
