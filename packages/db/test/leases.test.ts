import { describe, expect, it } from "vitest";
import { acquireLease, LeaseHeldError, leaseOwner, leasesOf, PROVIDERS, releaseLease, renewLease } from "../src/index.js";
import { range, useTestDatabase } from "./helpers.js";
import { startFixture } from "./processes.js";

const MINUTE = 60_000;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

describe.each(PROVIDERS)("sandbox leases on %s", (provider) => {
  const database = useTestDatabase(provider);

  it("gives a free sandbox to the first broker and refuses it to another until it expires", async () => {
    const t = await database();
    const now = new Date();
    const a = await acquireLease(t.db, "sbx-1", "broker-a", MINUTE, { now });
    expect(a).toEqual({ sandboxId: "sbx-1", brokerId: "broker-a", expiresAt: at(now, MINUTE) });
    expect(await leaseOwner(t.db, "sbx-1", { now })).toEqual(a);

    const refused = await acquireLease(t.db, "sbx-1", "broker-b", MINUTE, { now: at(now, 1000) }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LeaseHeldError);
    expect((refused as LeaseHeldError).code).toBe("lease_held");
    expect((refused as LeaseHeldError).holder).toEqual(a);
    expect((refused as Error).message).toMatch(/owned by broker broker-a.*route the request/);

    // Its owner may acquire it again: that extends it.
    const again = await acquireLease(t.db, "sbx-1", "broker-a", MINUTE, { now: at(now, 2000) });
    expect(again.expiresAt).toEqual(at(now, 2000 + MINUTE));

    // Once expired, another broker takes it over, and the old owner learns it lost it.
    const takeover = at(now, 2000 + MINUTE + 1);
    const b = await acquireLease(t.db, "sbx-1", "broker-b", MINUTE, { now: takeover });
    expect(b.brokerId).toBe("broker-b");
    expect(await leaseOwner(t.db, "sbx-1", { now: takeover })).toEqual(b);
    await expect(renewLease(t.db, "sbx-1", "broker-a", MINUTE, { now: takeover })).rejects.toMatchObject({
      code: "lease_lost",
      message: expect.stringMatching(/lost the lease of sandbox sbx-1 to broker broker-b/),
    });
    await expect(acquireLease(t.db, "sbx-1", "broker-a", MINUTE, { now: takeover })).rejects.toBeInstanceOf(LeaseHeldError);
  });

  it("expires by the real clock too", async () => {
    const t = await database();
    await acquireLease(t.db, "sbx-clock", "broker-a", 300);
    await expect(acquireLease(t.db, "sbx-clock", "broker-b", MINUTE)).rejects.toBeInstanceOf(LeaseHeldError);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await leaseOwner(t.db, "sbx-clock")).toBeNull();
    expect((await acquireLease(t.db, "sbx-clock", "broker-b", MINUTE)).brokerId).toBe("broker-b");
  });

  it("renews, lists and releases", async () => {
    const t = await database();
    const now = new Date();
    await acquireLease(t.db, "sbx-r1", "broker-r", MINUTE, { now });
    await acquireLease(t.db, "sbx-r2", "broker-r", MINUTE, { now });
    const renewed = await renewLease(t.db, "sbx-r1", "broker-r", 5 * MINUTE, { now: at(now, 30_000) });
    expect(renewed.expiresAt).toEqual(at(now, 30_000 + 5 * MINUTE));
    expect((await leasesOf(t.db, "broker-r")).map((lease) => lease.sandboxId)).toEqual(["sbx-r1", "sbx-r2"]);

    expect(await releaseLease(t.db, "sbx-r1", "broker-other")).toBe(false);
    expect(await releaseLease(t.db, "sbx-r1", "broker-r")).toBe(true);
    expect(await releaseLease(t.db, "sbx-r1", "broker-r")).toBe(false);
    expect(await leaseOwner(t.db, "sbx-r1")).toBeNull();
    await expect(renewLease(t.db, "sbx-r1", "broker-r", MINUTE)).rejects.toMatchObject({ code: "lease_lost", message: expect.stringMatching(/released/) });
    // A released sandbox is free for anyone.
    expect((await acquireLease(t.db, "sbx-r1", "broker-s", MINUTE)).brokerId).toBe("broker-s");
  });

  it("refuses bad arguments", async () => {
    const t = await database();
    await expect(acquireLease(t.db, "", "broker-a", MINUTE)).rejects.toMatchObject({ code: "invalid_input" });
    await expect(acquireLease(t.db, "sbx", "broker-a", 0)).rejects.toMatchObject({ code: "invalid_input" });
    await expect(acquireLease(t.db, "sbx", "broker-a", 2.5)).rejects.toMatchObject({ code: "invalid_input" });
  });

  it.each([
    ["a free sandbox", false],
    ["an expired lease", true],
  ])("lets exactly one of 6 racing broker processes win %s", async (_, expiredFirst) => {
    const t = await database();
    const sandboxId = `sbx-race-${expiredFirst ? "expired" : "free"}`;
    if (expiredFirst) await acquireLease(t.db, sandboxId, "broker-old", MINUTE, { now: new Date(Date.now() - 2 * MINUTE) });
    const brokers = range(6).map((i) => startFixture("lease-taker", [t.temporary.url, sandboxId, `broker-${i}`]));
    await Promise.all(brokers.map((broker) => broker.waitFor("ready")));
    for (const broker of brokers) broker.send("go");
    const outcomes = await Promise.all(
      brokers.map((broker) => Promise.race([broker.waitFor("won").then(() => "won"), broker.waitFor("held").then(() => "held")])),
    );
    await Promise.all(brokers.map((broker) => broker.exited));
    expect(outcomes.filter((outcome) => outcome === "won")).toHaveLength(1);
    const winner = `broker-${outcomes.indexOf("won")}`;
    expect((await leaseOwner(t.db, sandboxId))?.brokerId).toBe(winner);
  }, 120_000);

  it("lets exactly one of 8 racing callers in one process win", async () => {
    const t = await database();
    const clients = provider === "postgresql" ? await Promise.all(range(8).map(() => t.connect())) : range(8).map(() => t);
    const results = await Promise.allSettled(clients.map((client, i) => acquireLease(client.db, "sbx-race-local", `broker-${i}`, MINUTE)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) if (result.status === "rejected") expect(result.reason).toBeInstanceOf(LeaseHeldError);
  });
});
