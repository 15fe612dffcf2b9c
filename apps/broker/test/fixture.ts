/**
 * Integration-test world for the broker: a real database (SQLite file, or PostgreSQL), seeded with
 * two organizations and their users, projects and sessions; a real broker (in-process or as a
 * child process) on a random port; the real Docker engine. Cleanup removes every sandbox the
 * test's broker ids own.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createDb, loadSecretKey, migrateDatabase, saveProviderCredential, type Database } from "@codeyard/db";
import { childEnv, env } from "@codeyard/env";
import type { SessionEvent } from "@codeyard/protocol";

import { pino } from "pino";
import { startBroker, type Broker, type BrokerOptions } from "../src/app.js";
import { removeCheckpointsOf, removeSandboxesOf } from "../src/testing/index.js";
import type { VapidKeys } from "../src/notifications/vapid-keys.js";
import { createPrismaStore } from "../src/prisma-store.js";

export const DATA_DIR = "/var/lib/codeyard";
export const IMAGE = "codeyard/sandbox:latest";

/** PostgreSQL and Redis of the test run (infra/scripts/test.sh starts both). */
export const postgresUrl = () => env().CODEYARD_TEST_POSTGRES_URL;
export const redisUrl = () => env().CODEYARD_TEST_REDIS_URL;

export interface TestUser {
  id: string;
  token: string;
}

export interface SeededWorld {
  databaseUrl: string;
  database: Database;
  brokerId: string;
  userA: TestUser;
  userB: TestUser;
  expiredToken: string;
  sessionA: string;
  projectAOtherSession: string;
  sessionB: string;
  readAllEvents(sessionId: string): Promise<SessionEvent[]>;
  leaseOwner(sandboxId: string): Promise<string | null>;
  cleanup(): Promise<void>;
}

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export interface TestModel {
  provider: "anthropic" | "openai" | "openai-compatible";
  model: string;
  baseUrl: string;
}

/** The key that encrypts provider keys; the broker child process derives the same one. */
export const secretKey = () => loadSecretKey({ ...env(), CODEYARD_DATA_DIR: DATA_DIR });

export async function seedTestWorld(options: { name: string; databaseUrl?: string; model?: TestModel }): Promise<SeededWorld> {
  const suffix = randomBytes(4).toString("hex");
  const databaseUrl =
    options.databaseUrl ??
    `file:${join(mkdtempSync(join(tmpdir(), "codeyard-broker-")), "test.db")}`;
  await migrateDatabase(databaseUrl);
  const database = await createDb({ url: databaseUrl });
  const { db } = database;
  const brokerId = `test-${options.name}-${suffix}`;
  const day = 24 * 3600 * 1000;

  const makeUser = async (label: string): Promise<TestUser & { orgId: string }> => {
    const user = await db.user.create({
      data: { email: `${label}-${suffix}@example.test`, name: label, passwordHash: "unused" },
    });
    const org = await db.organization.create({
      data: { name: `${label} org`, slug: `${label}-${suffix}` },
    });
    await db.membership.create({ data: { userId: user.id, orgId: org.id, role: "owner" } });
    const token = randomBytes(24).toString("base64url");
    await db.authSession.create({
      data: { userId: user.id, tokenHash: hash(token), expiresAt: new Date(Date.now() + day) },
    });
    return { id: user.id, token, orgId: org.id };
  };
  const a = await makeUser("alice");
  const b = await makeUser("bob");
  const expiredToken = randomBytes(24).toString("base64url");
  await db.authSession.create({
    data: { userId: a.id, tokenHash: hash(expiredToken), expiresAt: new Date(Date.now() - day) },
  });

  if (options.model) {
    const { provider, baseUrl } = options.model;
    await saveProviderCredential(db, secretKey(), { orgId: a.orgId, provider, label: "test", apiKey: "test-key", baseUrl });
  }
  const makeSession = async (owner: { id: string; orgId: string }, slug: string) => {
    const model = options.model && owner === a ? { modelProvider: options.model.provider, model: options.model.model } : {};
    const project = await db.project.create({
      data: { orgId: owner.orgId, name: slug, slug: `${slug}-${suffix}`, createdById: owner.id, ...model },
    });
    const session = await db.session.create({
      data: { projectId: project.id, ownerId: owner.id, title: `${slug} session` },
    });
    return session.id;
  };
  const sessionA = await makeSession(a, "project-a");
  const projectAOtherSession = await makeSession(a, "project-a2");
  const sessionB = await makeSession(b, "project-b");
  const store = createPrismaStore(db);

  return {
    databaseUrl,
    database,
    brokerId,
    userA: { id: a.id, token: a.token },
    userB: { id: b.id, token: b.token },
    expiredToken,
    sessionA,
    projectAOtherSession,
    sessionB,
    readAllEvents: (sessionId) => store.readEvents(sessionId, 0, 5000),
    leaseOwner: (sandboxId) => store.leaseOwner(sandboxId),
    async cleanup() {
      await removeSandboxesOf(brokerId, { dataDir: DATA_DIR, image: IMAGE });
      await removeCheckpointsOf(database.db, { dataDir: DATA_DIR, image: IMAGE });
      await database.close();
    },
  };
}

export interface TestWorld extends SeededWorld {
  url: string;
  broker: Broker;
  stop(): Promise<void>;
}

/** A seeded database and an in-process broker on a random port (`broker` overrides its options). */
export async function startTestBroker(options: {
  name: string;
  databaseUrl?: string;
  model?: TestModel;
  broker?: { sandbox?: Partial<BrokerOptions["sandbox"]>; reapDeletedProjectsEveryMs?: number };
  /** Its Web Push keys. */
  push?: VapidKeys;
}): Promise<TestWorld> {
  const world = await seedTestWorld(options);
  const broker = await startBroker({
    brokerId: world.brokerId,
    host: "127.0.0.1",
    port: 0,
    store: createPrismaStore(world.database.db, secretKey()),
    sandbox: { dataDir: DATA_DIR, image: IMAGE, poolSize: 0, ...options.broker?.sandbox },
    reapDeletedProjectsEveryMs: options.broker?.reapDeletedProjectsEveryMs,
    corsOrigin: "http://localhost",
    preview: { host: "127.0.0.1", port: 0, domain: "preview.localhost", key: randomBytes(32) },
    push: options.push,
    logger: pino({ level: "silent" }),
  });
  return {
    ...world,
    url: broker.url,
    broker,
    async stop() {
      await broker.close();
      await world.cleanup();
    },
  };
}

export interface BrokerProcess {
  url: string;
  port: number;
  kill(signal: NodeJS.Signals): void;
  stop(): Promise<void>;
}

/** The broker as a real child process (`src/main.ts`), for crash and multi-broker tests (`env`: more variables). */
export async function spawnBrokerProcess(
  world: SeededWorld,
  options: { brokerId: string; port?: number; redisUrl?: string; env?: Record<string, string> },
): Promise<BrokerProcess> {
  const main = fileURLToPath(new URL("../src/main.ts", import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", main], {
    env: childEnv({
      CODEYARD_BROKER_ID: options.brokerId,
      CODEYARD_BROKER_HOST: "127.0.0.1",
      CODEYARD_BROKER_PORT: String(options.port ?? 0),
      CODEYARD_PREVIEW_PORT: "0",
      CODEYARD_DATABASE_URL: world.databaseUrl,
      CODEYARD_DATA_DIR: DATA_DIR,
      CODEYARD_POOL_SIZE: "0",
      CODEYARD_REDIS_URL: options.redisUrl ?? "",
      LOG_LEVEL: "info",
      ...options.env,
    }),
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      try {
        const record = JSON.parse(line) as { msg?: string; url?: string };
        if (record.msg === "broker listening" && record.url)
          resolve(Number(new URL(record.url).port));
      } catch {
        // not a log line
      }
    });
    child.once("exit", (code) =>
      reject(new Error(`broker process exited before listening (code ${code})`)),
    );
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    kill: (signal) => child.kill(signal),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

export async function until<T>(
  probe: () => Promise<T | undefined | false | null> | T | undefined | false | null,
  timeoutMs = 10_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
