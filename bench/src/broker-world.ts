/**
 * A real session broker for the broker benches (P7): a SQLite database in a temp dir (the default
 * single-node setup) seeded with one user, organization, project and its sessions, and the broker
 * run as a child process exactly as production runs it (`node --import tsx
 * apps/broker/src/main.ts`). Everything it made — the process, the sandboxes labelled with its
 * broker id, the temp dir — is removed afterwards, also on failure and on Ctrl-C.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createAuthSession, createDb, migrateDatabase } from "@codeyard/db";
import { childEnv } from "@codeyard/env";
import type { BenchContext } from "./harness.js";

/** The broker's entry point: run as a process, never imported (bench sits beside apps/, not above). */
const BROKER_MAIN = fileURLToPath(new URL("../../apps/broker/src/main.ts", import.meta.url));
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;

export interface BrokerWorld {
  brokerId: string;
  /** http://127.0.0.1:<port> — socket.io at /socket.io, Prometheus metrics at /metrics. */
  url: string;
  /** The broker process (node itself, not a wrapper), for /proc readings. */
  pid: number;
  /** Login token of the seeded user, for the socket handshake `auth: { token, protocol: 1 }`. */
  token: string;
  sessionIds: string[];
}

/** Seeds a database with one user who owns `sessions` sessions of one project. */
async function seed(
  databaseUrl: string,
  name: string,
  sessions: number,
): Promise<{ token: string; sessionIds: string[] }> {
  await migrateDatabase(databaseUrl);
  const database = await createDb({ url: databaseUrl });
  try {
    const { db } = database;
    const suffix = randomBytes(4).toString("hex");
    const user = await db.user.create({
      data: { email: `${name}-${suffix}@bench.test`, name: `bench ${name}`, passwordHash: "unused" },
    });
    const org = await db.organization.create({
      data: { name: `bench ${name}`, slug: `${name}-${suffix}` },
    });
    await db.membership.create({ data: { userId: user.id, orgId: org.id, role: "owner" } });
    const project = await db.project.create({
      data: { orgId: org.id, name, slug: `${name}-${suffix}`, createdById: user.id },
    });
    const sessionIds: string[] = [];
    for (let i = 0; i < sessions; i++) {
      const session = await db.session.create({
        data: { projectId: project.id, ownerId: user.id, title: `${name} session ${i + 1}` },
      });
      sessionIds.push(session.id);
    }
    const { token } = await createAuthSession(db, user.id);
    return { token, sessionIds };
  } finally {
    await database.close();
  }
}

/**
 * Starts the broker process and resolves with its URL once it logged "broker listening".
 * `env` adds or overrides variables (e.g. the web app's origin for a full stack).
 */
export function spawnBroker(
  ctx: BenchContext,
  brokerId: string,
  databaseUrl: string,
  env: Record<string, string> = {},
): { child: ChildProcess; listening: Promise<string> } {
  const child = spawn(process.execPath, ["--import", "tsx", BROKER_MAIN], {
    cwd: dirname(dirname(BROKER_MAIN)),
    env: childEnv({
      CODEYARD_BROKER_ID: brokerId,
      CODEYARD_BROKER_HOST: "127.0.0.1",
      CODEYARD_BROKER_PORT: "0",
      // Every listener on a free port, so the bench never collides with a broker already running.
      CODEYARD_PREVIEW_PORT: "0",
      CODEYARD_DATABASE_URL: databaseUrl,
      CODEYARD_DATA_DIR: ctx.options.dataDir,
      CODEYARD_SANDBOX_IMAGE: ctx.options.image,
      CODEYARD_POOL_SIZE: "0",
      CODEYARD_REDIS_URL: "",
      LOG_LEVEL: "info",
      ...env,
    }),
    stdio: ["ignore", "pipe", "inherit"],
  });
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`broker ${brokerId} did not log "broker listening" within ${START_TIMEOUT_MS / 1000} s`)),
      START_TIMEOUT_MS,
    );
    // Keep reading stdout for the whole run (a full pipe would block the broker); show its
    // warnings and errors, drop the rest.
    createInterface({ input: child.stdout! }).on("line", (line) => {
      let record: { msg?: string; url?: string; level?: number };
      try {
        record = JSON.parse(line) as typeof record;
      } catch {
        console.error(`  broker: ${line}`);
        return;
      }
      if (record.msg === "broker listening" && record.url) {
        clearTimeout(timer);
        resolve(record.url);
      } else if ((record.level ?? 0) >= 40) {
        console.error(`  broker ${record.level! >= 50 ? "error" : "warning"}: ${line}`);
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`broker process exited before listening (code ${code}, signal ${signal})`));
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  return { child, listening };
}

/** SIGTERM, then SIGKILL after 15 s; resolves once the process exited. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/**
 * Seeds a database, starts a broker on it, runs `fn`, then stops the broker and removes its
 * sandboxes and temp files, whatever happened.
 */
export async function withBroker<T>(
  ctx: BenchContext,
  name: string,
  sessions: number,
  fn: (broker: BrokerWorld) => Promise<T>,
): Promise<T> {
  const brokerId = `${ctx.runId}-${name}`;
  ctx.trackOwner(brokerId);
  const dir = await mkdtemp(join(tmpdir(), `codeyard-bench-${name}-`));
  let child: ChildProcess | undefined;
  let cleaned: Promise<void> | undefined;
  const cleanup = () =>
    (cleaned ??= (async () => {
      if (child) await stopProcess(child);
      const removed = await ctx.removeSandboxesOf(brokerId);
      if (removed > 2) console.log(`  removed ${removed} sandboxes of ${brokerId}`);
      await rm(dir, { recursive: true, force: true });
    })());
  const unregister = ctx.onCleanup(cleanup);
  try {
    const databaseUrl = `file:${join(dir, "codeyard.db")}`;
    const { token, sessionIds } = await seed(databaseUrl, name, sessions);
    ctx.checkAborted();
    const started = spawnBroker(ctx, brokerId, databaseUrl);
    child = started.child;
    const url = await started.listening;
    return await fn({ brokerId, url, pid: child.pid!, token, sessionIds });
  } finally {
    await cleanup();
    unregister();
  }
}
