/** Where the end-to-end stack runs: its own ports, database and broker id, apart from `npm run up`'s. */
import { childEnv } from "@codeyard/env";

const webPort = 3300;
const brokerPort = 4300;
const previewPort = 4301;

export const E2E = {
  webUrl: `http://localhost:${webPort}`,
  brokerUrl: `http://localhost:${brokerPort}`,
  brokerId: "e2e",
  databaseUrl: "file:/var/lib/codeyard/e2e/codeyard-e2e.db",
  env: childEnv({
    CODEYARD_WEB_PORT: String(webPort),
    CODEYARD_BROKER_PORT: String(brokerPort),
    CODEYARD_BROKER_HOST: "127.0.0.1",
    CODEYARD_PREVIEW_PORT: String(previewPort),
    CODEYARD_BROKER_ID: "e2e",
    CODEYARD_PUBLIC_URL: `http://localhost:${webPort}`,
    CODEYARD_BROKER_PUBLIC_URL: `http://localhost:${brokerPort}`,
    CODEYARD_DATABASE_URL: "file:/var/lib/codeyard/e2e/codeyard-e2e.db",
    CODEYARD_POOL_SIZE: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
  }),
};
