import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxClient, SandboxManager, TerminalSession } from "../src/index.js";
import { openManager, removeAll, testOwner, until } from "./fixture.js";
import { ScreenMirror } from "./helpers/screen-mirror.js";

const owner = testOwner("terminals");
let manager: SandboxManager;
let client: SandboxClient;

beforeAll(async () => {
  manager = await openManager(owner);
  const info = await manager.create({ projectId: "p-term" });
  client = await manager.client(info.id);
});
afterAll(async () => {
  await manager?.close();
  await removeAll(owner);
});

function collect(terminal: TerminalSession): { text: () => string } {
  let text = "";
  terminal.on("data", (chunk) => (text += chunk.toString()));
  return { text: () => text };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("terminals", () => {
  it("runs a PTY that resizes, and several terminals side by side", async () => {
    const one = await client.openTerminal({ cols: 80, rows: 24, argv: ["bash", "--norc"] });
    const output = collect(one);
    await one.write("stty size\r");
    await until(() => output.text().includes("24 80"), 5000, "initial size");
    one.resize(120, 40);
    await one.write("stty size\r");
    await until(() => output.text().includes("40 120"), 5000, "resized");
    const two = await client.openTerminal({ cols: 80, rows: 24 });
    expect(two.created).toBe(true);
    const ids = (await client.listTerminals()).map((terminal) => terminal.id);
    expect(ids).toEqual(expect.arrayContaining([one.info.id, two.info.id]));
    await client.killTerminal(two.info.id);
    expect((await client.listTerminals()).map((terminal) => terminal.id)).not.toContain(two.info.id);
    one.detach();
  });

  it("outlives its client: a detached terminal keeps running and a new client sees what happened", async () => {
    const first = await client.openTerminal({ cols: 80, rows: 24, argv: ["bash", "--norc"] });
    const output = collect(first);
    await first.write("for i in 1 2 3; do echo tick-$i; sleep 0.3; done\r");
    await until(() => output.text().includes("tick-1"), 5000, "first tick");
    first.detach();
    await settle(1200);
    const again = await client.openTerminal({ id: first.info.id, cols: 80, rows: 24 });
    expect(again.created).toBe(false);
    expect(again.screen).toContain("tick-3");
    again.detach();
  });

  for (const [name, command, quietAfterMs] of [
    ["vim", "vim -u NONE -N notes.txt\r", 800],
    ["top", "top -d 5\r", 1500],
  ] as const) {
    it(`reattaches to a running ${name} with a byte-exact screen`, async () => {
      const cols = 100;
      const rows = 30;
      const live = await client.openTerminal({ cols, rows, argv: ["bash", "--norc"] });
      const mirror = new ScreenMirror(cols, rows);
      live.on("data", (chunk) => mirror.write(chunk));
      await live.write(command);
      if (name === "vim") {
        await until(() => mirror.received.includes("notes.txt"), 5000, "vim drawn");
        await live.write("iHello from vim\x1b:set number\r");
      }
      await settle(quietAfterMs);

      const reattached = await client.openTerminal({ id: live.info.id, cols, rows });
      const replica = new ScreenMirror(cols, rows);
      replica.write(reattached.screen);
      reattached.on("data", (chunk) => replica.write(chunk));
      await settle(300);

      const expected = await mirror.serialize();
      expect(await replica.serialize()).toBe(expected);
      expect(await client.terminalScreen(live.info.id)).toBe(expected);
      expect(await replica.text()).toBe(await mirror.text());
      if (name === "vim") expect(await replica.text()).toContain("Hello from vim");
      if (name === "top") expect(await replica.text()).toMatch(/load average/);
      await client.killTerminal(live.info.id);
      live.detach();
      reattached.detach();
    });
  }
});
