/** The session broker: owns this node's sandboxes and serves the web app. */
import { env } from "@codeyard/env";
import { DockerDriver, SandboxManager } from "@codeyard/sandbox";
import { pino } from "pino";
import { healthReport } from "./health.js";
import { createHttpServer } from "./http-server.js";

const config = env();
const logger = pino({ name: "broker", level: config.LOG_LEVEL, base: { brokerId: config.CODEYARD_BROKER_ID } });

const driver = new DockerDriver();
const manager = await SandboxManager.open({
  driver,
  dataDir: config.CODEYARD_DATA_DIR,
  owner: config.CODEYARD_BROKER_ID,
  image: config.CODEYARD_SANDBOX_IMAGE,
  defaults: {
    network: config.CODEYARD_SANDBOX_NETWORK,
    limits: { memoryBytes: config.CODEYARD_SANDBOX_MEMORY, cpus: config.CODEYARD_SANDBOX_CPUS, pids: config.CODEYARD_SANDBOX_PIDS },
  },
  poolSize: config.CODEYARD_POOL_SIZE,
  idle: { pauseAfterMs: config.CODEYARD_IDLE_PAUSE_MINUTES * 60_000, stopAfterMs: config.CODEYARD_IDLE_STOP_MINUTES * 60_000 },
  logger: logger.child({ component: "sandbox" }),
});

const server = createHttpServer({ health: () => healthReport(manager, driver, config.CODEYARD_SANDBOX_IMAGE), logger });
server.listen(config.CODEYARD_BROKER_PORT, config.CODEYARD_BROKER_HOST, () => {
  logger.info({ host: config.CODEYARD_BROKER_HOST, port: config.CODEYARD_BROKER_PORT, adopted: manager.adopted.length }, "broker listening");
});

async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, "shutting down; sandboxes keep running and are re-adopted on the next start");
  server.close();
  await manager.close();
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
