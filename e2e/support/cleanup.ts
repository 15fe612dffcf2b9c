/**
 * Run by infra/scripts/e2e.sh after Playwright (the e2e broker has stopped): removes the e2e
 * broker's sandboxes and its checkpoints' snapshots, which a broker keeps across restarts.
 */
import { removeCheckpointsOf, removeSandboxesOf } from "@codeyard/broker/testing";
import { createDb } from "@codeyard/db";
import { env } from "@codeyard/env";
import { E2E } from "./ports.js";

const place = { dataDir: env().CODEYARD_DATA_DIR, image: env().CODEYARD_SANDBOX_IMAGE };
const database = await createDb({ url: E2E.databaseUrl });
const checkpoints = await removeCheckpointsOf(database.db, place);
await database.close();
const sandboxes = await removeSandboxesOf(E2E.brokerId, place);
console.log(
  `e2e cleanup: removed ${sandboxes} sandboxes and ${checkpoints} checkpoints of broker ${E2E.brokerId}`,
);
