/**
 * Shared setup of the integration tests: a real Docker engine, the real sandbox image and the
 * workspace store prepared by `npm test` (infra/scripts/test.sh). Each test file uses its own owner
 * label, so it only ever sees, adopts or removes its own sandboxes.
 */
import { randomBytes } from "node:crypto";
import { pino } from "pino";
import { DockerDriver, SandboxManager, type SandboxManagerOptions } from "../src/index.js";

export const DATA_DIR = "/var/lib/codeyard";
export const IMAGE = "codeyard/sandbox:latest";
export const driver = new DockerDriver();

export function testOwner(name: string): string {
  return `test-${name}-${randomBytes(3).toString("hex")}`;
}

export function openManager(owner: string, options: Partial<SandboxManagerOptions> = {}): Promise<SandboxManager> {
  return SandboxManager.open({
    driver,
    dataDir: DATA_DIR,
    owner,
    image: IMAGE,
    logger: pino({ level: "silent" }),
    ...options,
  });
}

/** Removes every sandbox labelled with `owner`, whoever created it. */
export async function removeAll(owner: string): Promise<void> {
  const manager = await openManager(owner);
  await manager.reapOrphans(() => false);
  for (const info of manager.list()) await manager.remove(info.id);
  await manager.close();
}

export async function until<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
