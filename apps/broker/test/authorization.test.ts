import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "./client.js";
import { postgresUrl, startTestBroker, type TestWorld } from "./fixture.js";

for (const [provider, databaseUrl] of [
  ["SQLite", undefined],
  ["PostgreSQL", postgresUrl()],
] as const) {
  describe(`authorization on ${provider}`, () => {
    let world: TestWorld;
    beforeAll(async () => {
      world = await startTestBroker({ name: "authz", databaseUrl });
    });
    afterAll(() => world?.stop());

    it("refuses connections without a valid sign-in", async () => {
      for (const token of [undefined, "not-a-real-token-at-all", world.expiredToken]) {
        const client = new TestClient(world.url, token);
        await expect(client.connected()).rejects.toMatchObject({
          data: { code: "unauthenticated" },
        });
        client.close();
      }
    });

    it("denies user B every access to user A's session, files, terminals and events (100%)", async () => {
      const owner = new TestClient(world.url, world.userA.token);
      await owner.connected();
      await owner.join(world.sessionA);
      const terminal = await owner.ok("terminal-open", {
        sessionId: world.sessionA,
        cols: 80,
        rows: 24,
      });
      await owner.ok("file-write", {
        sessionId: world.sessionA,
        path: "secret.txt",
        content: "A's secret",
      });

      const intruder = new TestClient(world.url, world.userB.token);
      await intruder.connected();
      const s = world.sessionA;
      const t = terminal.terminal.id;
      const attempts = [
        intruder.request("session-join", { sessionId: s }),
        intruder.request("session-events", { sessionId: s, afterSeq: 0 }),
        intruder.request("file-list", { sessionId: s, path: "." }),
        intruder.request("file-read", { sessionId: s, path: "secret.txt" }),
        intruder.request("file-write", { sessionId: s, path: "secret.txt", content: "pwned" }),
        intruder.request("file-mkdir", { sessionId: s, path: "x" }),
        intruder.request("file-rename", { sessionId: s, from: "secret.txt", to: "y" }),
        intruder.request("file-delete", { sessionId: s, path: "secret.txt" }),
        intruder.request("file-search", { sessionId: s, query: "secret" }),
        intruder.request("terminal-open", { sessionId: s, cols: 80, rows: 24 }),
        intruder.request("terminal-open", { sessionId: s, terminalId: t, cols: 80, rows: 24 }),
        intruder.request("terminal-input", { sessionId: s, terminalId: t, data: "echo pwned\r" }),
        intruder.request("terminal-resize", { sessionId: s, terminalId: t, cols: 10, rows: 10 }),
        intruder.request("terminal-close", { sessionId: s, terminalId: t }),
        intruder.request("session-join", { sessionId: world.projectAOtherSession }),
      ];
      const replies = await Promise.all(attempts);
      const denied = replies.filter(
        (reply) => !reply.ok && ["not_found", "forbidden"].includes(reply.error.code),
      );
      expect(denied.length).toBe(replies.length);
      // B's own session works, and A's file is untouched.
      expect((await intruder.join(world.sessionB)).session.id).toBe(world.sessionB);
      const file = await owner.ok("file-read", { sessionId: s, path: "secret.txt" });
      expect(file.content).toBe("A's secret");
      // B never received A's events.
      expect(intruder.events.every((event) => event.sessionId === world.sessionB)).toBe(true);
      owner.close();
      intruder.close();
    });
  });
}
