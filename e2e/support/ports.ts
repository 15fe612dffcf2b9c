/** Where the end-to-end stack runs: its own ports, database and broker id, apart from `npm run up`'s. */
import { join } from "node:path";
import { ensureTestCertificate } from "@codeyard/broker/testing";
import { childEnv, env } from "@codeyard/env";

const offset = env().CODEYARD_E2E_PORT_OFFSET;
const webPort = 3300 + offset;
const brokerPort = 4300 + offset;
const previewPort = 4301 + offset;
const brokerId = offset ? `e2e-${offset}` : "e2e";
/** infra/scripts/test.sh creates this database fresh before each run. */
const databaseUrl = `file:${env().CODEYARD_DATA_DIR}/${brokerId}/codeyard-e2e.db`;
/**
 * The local Web Push service's certificate (phone.spec.ts): browsers here reach no real push
 * service, so the broker trusts this one (NODE_EXTRA_CA_CERTS) and pushes to the test's server.
 */
const pushCertificate = ensureTestCertificate(join(env().CODEYARD_DATA_DIR, brokerId, "push-cert"));

export const E2E = {
  webUrl: `http://localhost:${webPort}`,
  brokerUrl: `http://localhost:${brokerPort}`,
  brokerId,
  databaseUrl,
  pushCertificate,
  env: childEnv({
    CODEYARD_WEB_PORT: String(webPort),
    CODEYARD_BROKER_PORT: String(brokerPort),
    CODEYARD_BROKER_HOST: "127.0.0.1",
    CODEYARD_PREVIEW_PORT: String(previewPort),
    CODEYARD_BROKER_ID: brokerId,
    CODEYARD_PUBLIC_URL: `http://localhost:${webPort}`,
    CODEYARD_BROKER_PUBLIC_URL: `http://localhost:${brokerPort}`,
    CODEYARD_DATABASE_URL: databaseUrl,
    CODEYARD_POOL_SIZE: "1",
    // Sandboxes of projects a test deleted go soon (their project images can be removed after).
    CODEYARD_REAP_DELETED_PROJECTS_SECONDS: "5",
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
    NODE_EXTRA_CA_CERTS: pushCertificate.certFile,
  }),
};
