import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "./client.js";
import {
  postgresUrl,
  redisUrl,
  seedTestWorld,
  spawnBrokerProcess,
  until,
  type BrokerProcess,
  type SeededWorld,
} from "./fixture.js";

let world: SeededWorld;
const brokers: BrokerProcess[] = [];
beforeAll(async () => {
  world = await seedTestWorld({ name: "cluster", databaseUrl: postgresUrl() });
});
afterAll(async () => {
  for (const broker of brokers) await broker.stop();
  await world?.cleanup();
});

describe("two brokers, Redis and PostgreSQL", () => {
  it("serve one session across both: a client on A drives the sandbox owned by B", async () => {
    const brokerA = await spawnBrokerProcess(world, {
      brokerId: `${world.brokerId}-a`,
      redisUrl: redisUrl(),
    });
    const brokerB = await spawnBrokerProcess(world, {
      brokerId: `${world.brokerId}-b`,
      redisUrl: redisUrl(),
    });
    brokers.push(brokerA, brokerB);

    // B opens the session first, so B claims its sandbox and holds the lease.
    const onB = new TestClient(brokerB.url, world.userA.token);
    await onB.connected();
    const joinedB = await onB.join(world.sessionA);
    expect(await world.leaseOwner(joinedB.session.sandboxId!)).toBe(`${world.brokerId}-b`);

    const onA = new TestClient(brokerA.url, world.userA.token);
    await onA.connected();
    const joinedA = await onA.join(world.sessionA);
    expect(joinedA.session.sandboxId).toBe(joinedB.session.sandboxId);

    // Files and terminals requested through A run in B's sandbox.
    await onA.ok("file-write", {
      sessionId: world.sessionA,
      path: "from-a.txt",
      content: "written through A",
    });
    expect(
      (await onB.ok("file-read", { sessionId: world.sessionA, path: "from-a.txt" })).content,
    ).toBe("written through A");
    const { terminal } = await onA.ok("terminal-open", {
      sessionId: world.sessionA,
      cols: 80,
      rows: 24,
    });
    await onA.ok("terminal-input", {
      sessionId: world.sessionA,
      terminalId: terminal.id,
      data: "echo cross-$((6*7))\r",
    });
    await until(
      () => onA.output(terminal.id).includes("cross-42"),
      10_000,
      "terminal output through A",
    );

    // Events written on either broker reach clients on both, in order.
    await until(
      () => onB.events.some((event) => event.type === "file-saved"),
      5000,
      "event via Redis",
    );
    const stored = await world.readAllEvents(world.sessionA);
    await until(
      () =>
        onA.sequencer.lastSeq === stored.at(-1)!.seq &&
        onB.sequencer.lastSeq === stored.at(-1)!.seq,
      5000,
      "both clients caught up",
    );
    expect(onA.events.map((event) => event.seq)).toEqual(onB.events.map((event) => event.seq));
    expect(onA.events.map((event) => event.seq)).toEqual(stored.map((event) => event.seq));
    onA.close();
    onB.close();
  });
});
