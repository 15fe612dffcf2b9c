import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "./client.js";
import {
  seedTestWorld,
  spawnBrokerProcess,
  until,
  type BrokerProcess,
  type SeededWorld,
} from "./fixture.js";

let world: SeededWorld;
let broker: BrokerProcess | undefined;
beforeAll(async () => {
  world = await seedTestWorld({ name: "crash" });
});
afterAll(async () => {
  await broker?.stop();
  await world?.cleanup();
});

describe("broker crash", () => {
  it("loses no event when the broker is killed with SIGKILL mid-stream and restarted", async () => {
    broker = await spawnBrokerProcess(world, { brokerId: world.brokerId });
    const client = new TestClient(broker.url, world.userA.token);
    await client.connected();
    await client.join(world.sessionA);
    const { terminal } = await client.ok("terminal-open", {
      sessionId: world.sessionA,
      cols: 100,
      rows: 30,
    });
    // A process in the sandbox keeps producing file-changed events while the broker dies.
    await client.ok("terminal-input", {
      sessionId: world.sessionA,
      terminalId: terminal.id,
      data: "for i in $(seq 1 150); do echo $i > tick-$i.txt; sleep 0.02; done; echo LOOP-DONE\r",
    });

    // Meanwhile a writer saves files; every acknowledged save is a durably logged event.
    let acked = 0;
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const reply = await client
          .request(
            "file-write",
            { sessionId: world.sessionA, path: `w-${i}.txt`, content: String(i) },
            2000,
          )
          .catch(() => null);
        if (reply?.ok) acked++;
        else break;
      }
    })();
    await until(() => acked >= 10, 20_000, "writes before the crash");
    broker.kill("SIGKILL");
    writing = false;
    await writer;
    const lastSeen = client.sequencer.lastSeq;
    client.close();

    broker = await spawnBrokerProcess(world, { brokerId: world.brokerId, port: broker.port });
    const back = new TestClient(broker.url, world.userA.token);
    back.sequencer.lastSeq = lastSeen;
    await back.connected();
    const joined = await back.join(world.sessionA);
    expect(joined.terminals.map((t) => t.id)).toContain(terminal.id);
    const reopened = await back.ok("terminal-open", {
      sessionId: world.sessionA,
      terminalId: terminal.id,
      cols: 100,
      rows: 30,
    });
    expect(reopened.created).toBe(false);
    await until(
      async () =>
        (await back
          .ok("file-read", { sessionId: world.sessionA, path: "tick-150.txt" })
          .catch(() => null)) !== null,
      30_000,
      "loop finished",
    );
    await new Promise((resolve) => setTimeout(resolve, 500));

    const stored = await world.readAllEvents(world.sessionA);
    // The log is gap-free and duplicate-free, and the two clients together saw all of it.
    expect(stored.map((event) => event.seq)).toEqual(stored.map((_, index) => index + 1));
    const seen = [...client.events, ...back.events].map((event) => event.seq);
    expect(seen).toEqual(stored.map((event) => event.seq));
    // Every save the broker acknowledged before dying is in the log.
    expect(stored.filter((event) => event.type === "file-saved").length).toBeGreaterThanOrEqual(
      acked,
    );
    expect(stored.some((event) => event.type === "file-changed")).toBe(true);
    console.info(`crash test: ${stored.length} events stored, ${seen.length} delivered (${client.events.length} before the kill, ${back.events.length} after), ${acked} acknowledged saves before the kill`);
    back.close();
  });
});
