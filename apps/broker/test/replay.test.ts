import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "./client.js";
import { postgresUrl, startTestBroker, until, type TestWorld } from "./fixture.js";

for (const [provider, databaseUrl] of [
  ["SQLite", undefined],
  ["PostgreSQL", postgresUrl()],
] as const) {
  describe(`session replay on ${provider}`, () => {
    let world: TestWorld;
    beforeAll(async () => {
      world = await startTestBroker({ name: "replay", databaseUrl });
    });
    afterAll(() => world?.stop());

    it("replays exactly the missed events after a reconnect: no gap, no duplicate", async () => {
      const first = new TestClient(world.url, world.userA.token);
      await first.connected();
      await first.join(world.sessionA);
      for (let i = 0; i < 5; i++)
        await first.ok("file-write", {
          sessionId: world.sessionA,
          path: `before-${i}.txt`,
          content: String(i),
        });
      await until(
        () => first.events.filter((event) => event.type === "file-saved").length >= 5,
        5000,
        "live events",
      );
      const seenBefore = first.sequencer.lastSeq;
      first.close();

      // While A is away, events keep being written (by another client and by the file watcher).
      const other = new TestClient(world.url, world.userA.token);
      await other.connected();
      await other.join(world.sessionA);
      for (let i = 0; i < 20; i++)
        await other.ok("file-write", {
          sessionId: world.sessionA,
          path: `away-${i}.txt`,
          content: String(i),
        });
      await new Promise((resolve) => setTimeout(resolve, 300));

      const back = new TestClient(world.url, world.userA.token);
      back.sequencer.lastSeq = seenBefore;
      await back.connected();
      const joined = await back.join(world.sessionA);
      const all = await world.readAllEvents(world.sessionA);
      const expected = all.filter((event) => event.seq > seenBefore).map((event) => event.seq);
      expect(joined.events.map((event) => event.seq)).toEqual(expected);
      expect(back.events.map((event) => event.seq)).toEqual(expected);
      expect(new Set(back.events.map((event) => event.seq)).size).toBe(back.events.length);
      expect(all.map((event) => event.seq)).toEqual(all.map((_, index) => index + 1));
      expect(back.events.filter((event) => event.type === "file-saved")).toHaveLength(20);
      other.close();
      back.close();
    });
  });
}
