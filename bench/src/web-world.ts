/**
 * The whole Codeyard stack for browser benches (P9): the web app built for production (`next
 * start`, as e2e runs it; turbo's cache makes the build instant when nothing changed), a broker
 * process, a throwaway SQLite database and secret key in a temp dir, every listener on a free
 * loopback port of its own, and Debian's Chromium driven by playwright-core. Everything it made —
 * processes, sandboxes, the temp dir — is removed afterwards, also on failure and on Ctrl-C.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { migrateDatabase } from "@codeyard/db";
import { childEnv } from "@codeyard/env";
import { chromium, type Browser } from "playwright-core";
import { spawnBroker, stopProcess } from "./broker-world.js";
import type { BenchContext } from "./harness.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WEB_DIR = join(ROOT, "apps/web");
const START_TIMEOUT_MS = 90_000;

/** The browser e2e uses (e2e/playwright.config.ts), with the same flags. */
export const CHROMIUM = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-webgl",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export interface WebWorld {
  /** http://localhost:<port>: the web app (the broker shares the host name, so the login cookie reaches it). */
  webUrl: string;
  brokerUrl: string;
  browser: Browser;
}

/** A free TCP port on loopback (closed again at once; the stack binds it right after). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Builds the web app for production (a turbo cache hit when its inputs did not change). */
async function buildWebApp(): Promise<void> {
  const started = performance.now();
  const child = spawn(
    "npx",
    ["turbo", "run", "build", "--filter=@codeyard/web", "--output-logs=errors-only"],
    {
      cwd: ROOT,
      env: childEnv({ NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1" }),
      // Its output goes to stderr: stdout carries the METRIC lines.
      stdio: ["ignore", process.stderr, process.stderr],
    },
  );
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("exit", resolve);
    child.once("error", reject);
  });
  if (code !== 0)
    throw new Error(
      `building the web app failed (exit code ${code}); run \`npx turbo run build --filter=@codeyard/web\` to see why`,
    );
  console.log(`  web app built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** `next start` on `port`; resolves once it serves the sign-in page. */
async function startWeb(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const nextBin = createRequire(join(WEB_DIR, "package.json")).resolve("next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: WEB_DIR,
    env: childEnv({ ...env, CODEYARD_WEB_PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" }),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code, signal) =>
      reject(new Error(`the web app exited before serving (code ${code}, signal ${signal})`)),
    ),
  );
  const deadline = Date.now() + START_TIMEOUT_MS;
  const ready = (async () => {
    for (;;) {
      const response = await fetch(`http://127.0.0.1:${port}/sign-in`).catch(() => null);
      if (response?.ok) return;
      if (Date.now() > deadline)
        throw new Error(`the web app did not serve /sign-in within ${START_TIMEOUT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  try {
    await Promise.race([ready, exited]);
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return child;
}

/**
 * Builds the web app, starts broker and web app on a fresh database and launches Chromium, runs
 * `fn`, then tears everything down, whatever happened.
 */
export async function withWebStack<T>(
  ctx: BenchContext,
  name: string,
  fn: (world: WebWorld) => Promise<T>,
): Promise<T> {
  await buildWebApp();
  ctx.checkAborted();
  const brokerId = `${ctx.runId}-${name}`;
  ctx.trackOwner(brokerId);
  const dir = await mkdtemp(join(tmpdir(), `codeyard-bench-${name}-`));
  const children: ChildProcess[] = [];
  let browser: Browser | undefined;
  let cleaned: Promise<void> | undefined;
  const cleanup = () =>
    (cleaned ??= (async () => {
      await browser?.close().catch(() => undefined);
      for (const child of children.reverse()) await stopProcess(child);
      const removed = await ctx.removeSandboxesOf(brokerId);
      if (removed > 2) console.log(`  removed ${removed} sandboxes of ${brokerId}`);
      await rm(dir, { recursive: true, force: true });
    })());
  const unregister = ctx.onCleanup(cleanup);
  try {
    const databaseUrl = `file:${join(dir, "codeyard.db")}`;
    await migrateDatabase(databaseUrl);
    const webPort = await freePort();
    const webUrl = `http://localhost:${webPort}`;
    const shared = {
      CODEYARD_DATABASE_URL: databaseUrl,
      CODEYARD_SECRET_KEY: randomBytes(32).toString("base64"),
      CODEYARD_DATA_DIR: ctx.options.dataDir,
      CODEYARD_PUBLIC_URL: webUrl,
      LOG_LEVEL: "warn",
    };
    // A warm sandbox waits in the pool, as in production: creating the project claims it.
    const broker = spawnBroker(ctx, brokerId, databaseUrl, {
      ...shared,
      LOG_LEVEL: "info",
      CODEYARD_POOL_SIZE: "1",
    });
    children.push(broker.child);
    const brokerListening = await broker.listening;
    const brokerUrl = `http://localhost:${new URL(brokerListening).port}`;
    ctx.checkAborted();
    children.push(await startWeb(webPort, { ...shared, CODEYARD_BROKER_PUBLIC_URL: brokerUrl }));
    ctx.checkAborted();
    browser = await chromium.launch(CHROMIUM);
    return await fn({ webUrl, brokerUrl, browser });
  } finally {
    await cleanup();
    unregister();
  }
}
