import { describe, expect, it } from "vitest";
import { appendEvents, createDb, createTemporaryDatabase, readEvents } from "../src/index.js";
import { seed } from "./helpers.js";

describe("createDb on SQLite", () => {
  it("shares one connection per file in a process, closing it with the last user", async () => {
    const temporary = await createTemporaryDatabase("sqlite");
    try {
      const [a, b] = await Promise.all([createDb({ url: temporary.url }), createDb({ url: temporary.url })]);
      expect(a.db).toBe(b.db);
      const { session } = await seed(a.db);
      // Concurrent transactions from both handles queue on the one connection (no deadlock).
      await Promise.all([1, 2, 3, 4].map((n) => appendEvents(n % 2 ? a.db : b.db, session.id, [{ type: "x", payload: n }])));
      await a.close();
      await a.close();
      expect(await readEvents(b.db, session.id)).toHaveLength(4);
      await b.close();
      const c = await createDb({ url: temporary.url });
      expect(c.db).not.toBe(a.db);
      expect(await readEvents(c.db, session.id)).toHaveLength(4);
      await c.close();
    } finally {
      await temporary.drop();
    }
  });
});
