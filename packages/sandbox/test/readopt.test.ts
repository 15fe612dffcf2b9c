import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { driver, openManager, removeAll, testOwner } from "./fixture.js";

const owner = testOwner("readopt");
afterAll(() => removeAll(owner));

describe("broker restart", () => {
  it("re-adopts running sandboxes and their terminals after the broker process is killed", async () => {
    const script = fileURLToPath(new URL("./helpers/broker-process.ts", import.meta.url));
    const broker = spawn(process.execPath, ["--import", "tsx", script, owner], { stdio: ["ignore", "pipe", "inherit"] });
    const firstLine = await new Promise<string>((resolve, reject) => {
      createInterface({ input: broker.stdout! }).once("line", resolve);
      broker.once("exit", (code) => reject(new Error(`broker process exited early (${code})`)));
    });
    const { sandboxId, terminalId } = JSON.parse(firstLine) as { sandboxId: string; terminalId: string };
    broker.kill("SIGKILL");
    await new Promise((resolve) => broker.once("exit", resolve));

    const restarted = await openManager(owner);
    try {
      expect(restarted.adopted.map((info) => [info.id, info.projectId, info.state])).toEqual([[sandboxId, "p-adopt", "running"]]);
      const client = await restarted.client(sandboxId);
      expect((await client.listTerminals()).map((terminal) => terminal.id)).toEqual([terminalId]);
      const terminal = await client.openTerminal({ id: terminalId, cols: 80, rows: 24 });
      expect(terminal.screen).toContain("before-42");
      terminal.detach();
      expect((await client.exec({ argv: ["echo", "still here"] })).stdout).toBe("still here\n");
    } finally {
      await restarted.close();
    }
  });

  it("reaps orphans: containers without metadata, and sandboxes the caller no longer wants", async () => {
    const first = await openManager(owner);
    const keep = await first.create({ projectId: "p-keep" });
    const drop = await first.create({ projectId: "p-gone" });
    await first.close();
    const { rm } = await import("node:fs/promises");
    const broken = await openManager(owner);
    const stray = await broken.create({ projectId: "p-stray" });
    await broken.close();
    await rm(`/var/lib/codeyard/sandboxes/${stray.id}/meta.json`);

    const restarted = await openManager(owner);
    expect(await driver.inspect(stray.id)).toBeNull();
    const reaped = await restarted.reapOrphans((info) => info.projectId !== "p-gone");
    expect(reaped).toEqual([drop.id]);
    expect(await driver.inspect(drop.id)).toBeNull();
    expect((await driver.inspect(keep.id))?.state).toBe("running");
    await restarted.close();
  });
});
