/** The session broker process: owns this node's sandboxes and serves the web app's sockets. */
import { createDb, databaseUrl, loadSecretKey } from "@codeyard/db";
import { env } from "@codeyard/env";
import { pino } from "pino";
import { startBroker } from "./app.js";
import { loadVapidKeys } from "./notifications/vapid-keys.js";
import { createPrismaStore } from "./prisma-store.js";

const config = env();
const logger = pino({ name: "broker", level: config.LOG_LEVEL, base: { brokerId: config.CODEYARD_BROKER_ID } });

const database = await createDb({ url: databaseUrl(config) });
const secretKey = loadSecretKey(config);
const broker = await startBroker({
  brokerId: config.CODEYARD_BROKER_ID,
  host: config.CODEYARD_BROKER_HOST,
  port: config.CODEYARD_BROKER_PORT,
  store: createPrismaStore(database.db, secretKey),
  corsOrigin: config.CODEYARD_PUBLIC_URL,
  redisUrl: config.CODEYARD_REDIS_URL || undefined,
  preview: { host: config.CODEYARD_BROKER_HOST, port: config.CODEYARD_PREVIEW_PORT, domain: config.CODEYARD_PREVIEW_DOMAIN, key: secretKey.bytes },
  checkpointsPerSession: config.CODEYARD_CHECKPOINTS_PER_SESSION,
  orphanCheckpointsAfterMs: config.CODEYARD_ORPHAN_CHECKPOINT_MINUTES * 60_000,
  push: loadVapidKeys(config),
  logger,
  reapDeletedProjectsEveryMs: config.CODEYARD_REAP_DELETED_PROJECTS_SECONDS * 1000,
  sandbox: {
    dataDir: config.CODEYARD_DATA_DIR,
    image: config.CODEYARD_SANDBOX_IMAGE,
    defaults: {
      network: config.CODEYARD_SANDBOX_NETWORK,
      limits: { memoryBytes: config.CODEYARD_SANDBOX_MEMORY, cpus: config.CODEYARD_SANDBOX_CPUS, pids: config.CODEYARD_SANDBOX_PIDS },
    },
    poolSize: config.CODEYARD_POOL_SIZE,
    egressPort: config.CODEYARD_EGRESS_PROXY_PORT,
    idle: { pauseAfterMs: config.CODEYARD_IDLE_PAUSE_MINUTES * 60_000, stopAfterMs: config.CODEYARD_IDLE_STOP_MINUTES * 60_000 },
  },
});

async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, "shutting down; sandboxes and terminals keep running and are re-adopted on the next start");
  await broker.close();
  await database.close();
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
