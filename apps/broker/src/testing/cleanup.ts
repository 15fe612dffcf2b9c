/**
 * Cleanup after tests that ran a real broker (broker integration tests, e2e): its sandboxes and
 * the snapshots of the checkpoints its database recorded. A broker never removes these itself on
 * shutdown, since a restarted broker re-adopts them.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "@codeyard/db";
import { DockerDriver, SandboxManager } from "@codeyard/sandbox";
import { pino } from "pino";

export interface CleanupPlace {
  dataDir: string;
  image: string;
}

function openManager(
  owner: string,
  place: CleanupPlace,
  driver = new DockerDriver(),
): Promise<SandboxManager> {
  return SandboxManager.open({
    driver,
    dataDir: place.dataDir,
    owner,
    image: place.image,
    logger: pino({ level: "silent" }),
  });
}

/** Removes every sandbox owned by this broker id or by one derived from it (`<id>-a`, …); returns how many. */
export async function removeSandboxesOf(brokerId: string, place: CleanupPlace): Promise<number> {
  const driver = new DockerDriver();
  const owners = new Set<string>();
  for (const container of await driver.docker.listContainers({
    all: true,
    filters: { label: ["dev.codeyard.managed=true"] },
  })) {
    const owner = container.Labels["dev.codeyard.owner"];
    if (owner === brokerId || owner?.startsWith(`${brokerId}-`)) owners.add(owner);
  }
  let removed = 0;
  for (const owner of owners) {
    const manager = await openManager(owner, place, driver);
    for (const info of manager.list()) {
      await manager.remove(info.id);
      removed++;
    }
    await manager.close();
  }
  return removed;
}

/** Deletes the snapshots and environment images of every checkpoint in this database; returns how many. */
export async function removeCheckpointsOf(db: Db, place: CleanupPlace): Promise<number> {
  const rows = await db.checkpoint.findMany({
    select: { workspaceRef: true, environmentRef: true },
  });
  if (!rows.length) return 0;
  const manager = await openManager(`cleanup-${randomBytes(4).toString("hex")}`, place);
  for (const row of rows) await manager.deleteCheckpoint(row).catch(() => undefined);
  await manager.close();
  return rows.length;
}
