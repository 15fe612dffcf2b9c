import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxManager, SandboxStateChange } from "../src/index.js";
import { containerName } from "../src/index.js";
import { driver, openManager, removeAll, testOwner, until } from "./fixture.js";

const owner = testOwner("lifecycle");
let manager: SandboxManager;
const changes: SandboxStateChange[] = [];
const changesOf = (id: string) => changes.filter((change) => change.sandboxId === id).map(({ state, cause }) => `${state} (${cause})`);

beforeAll(async () => {
  manager = await openManager(owner, { poolSize: 1, idle: { pauseAfterMs: 400, stopAfterMs: 1500, checkEveryMs: 100 }, onStateChange: (change) => void changes.push(change) });
});
afterAll(async () => {
  await manager?.close();
  await removeAll(owner);
});

describe("sandbox lifecycle", () => {
  it("creates a labelled, running sandbox and moves through pause, resume, stop and start idempotently", async () => {
    const info = await manager.create({ projectId: "p-life" });
    expect(info.state).toBe("running");
    const inspected = await driver.inspect(info.id);
    expect(inspected?.labels).toMatchObject({ "dev.codeyard.managed": "true", "dev.codeyard.owner": owner, "dev.codeyard.sandbox": info.id });

    const release = manager.hold(info.id); // keep the idle timer out of this test
    await manager.pause(info.id);
    await manager.pause(info.id);
    expect((await driver.inspect(info.id))?.state).toBe("paused");
    await manager.resume(info.id);
    await manager.resume(info.id);
    expect((await driver.inspect(info.id))?.state).toBe("running");
    await manager.stop(info.id);
    await manager.stop(info.id);
    expect((await driver.inspect(info.id))?.state).toBe("stopped");
    await manager.start(info.id);
    await manager.start(info.id);
    expect(changesOf(info.id)).toEqual(["paused (request)", "stopped (request)"]);
    const client = await manager.client(info.id);
    expect((await client.exec({ argv: ["echo", "back"] })).stdout).toBe("back\n");
    release();

    await manager.remove(info.id);
    await manager.remove(info.id);
    expect(await driver.inspect(info.id)).toBeNull();
    expect(await manager.store.exists(info.id)).toBe(false);
  });

  it("serves a project from the warm pool and refills it", async () => {
    await manager.poolReady();
    const pooled = manager.list().filter((info) => info.pooled);
    expect(pooled).toHaveLength(1);
    const started = performance.now();
    const claimed = await manager.claim("p-warm");
    const client = await manager.client(claimed.id);
    expect((await client.exec({ argv: ["true"] })).exitCode).toBe(0);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(claimed.id).toBe(pooled[0]!.id);
    expect(manager.info(claimed.id)).toMatchObject({ pooled: false, projectId: "p-warm" });
    await manager.poolReady();
    expect(manager.list().filter((info) => info.pooled)).toHaveLength(1);
    await manager.remove(claimed.id);
  });

  it("pauses and then stops an idle sandbox, and restarts it on the next use", async () => {
    const info = await manager.create({ projectId: "p-idle" });
    await until(async () => (await driver.inspect(info.id))?.state === "paused", 5000, "idle pause");
    await until(async () => (await driver.inspect(info.id))?.state === "stopped", 5000, "idle stop");
    await until(() => changesOf(info.id).length === 2, 2000, "the stop's state change");
    expect(changesOf(info.id)).toEqual(["paused (idle)", "stopped (idle)"]);
    expect(changes.find((change) => change.sandboxId === info.id)?.projectId).toBe("p-idle");
    const client = await manager.client(info.id);
    expect((await client.exec({ argv: ["true"] })).exitCode).toBe(0);
    expect(manager.info(info.id)?.state).toBe("running");
    await manager.remove(info.id);
  });

  it("keeps a held sandbox running however long it is idle", async () => {
    const info = await manager.create({ projectId: "p-held" });
    const release = manager.hold(info.id);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await driver.inspect(info.id))?.state).toBe("running");
    release();
    await manager.remove(info.id);
  });

  it("falls back to docker exec", async () => {
    const info = await manager.create({ projectId: "p-fallback" });
    const result = await driver.execFallback(info.id, ["sh", "-c", "echo out; echo err >&2; exit 3"]);
    expect(result).toEqual({ exitCode: 3, stdout: "out\n", stderr: "err\n" });
    expect(containerName(info.id)).toBe(`codeyard-${info.id}`);
    await manager.remove(info.id);
  });
});
