import { describe, expect, it } from "vitest";
import { appendEvents, DbError, MAX_EVENTS_PER_APPEND, PROVIDERS, readEvents } from "../src/index.js";
import { range, seed, useTestDatabase } from "./helpers.js";
import { startFixture } from "./processes.js";

describe.each(PROVIDERS)("event log on %s", (provider) => {
  const database = useTestDatabase(provider);

  it("numbers events 1, 2, 3… per session and round-trips their payloads", async () => {
    const t = await database();
    const { session } = await seed(t.db);
    const first = await appendEvents(t.db, session.id, [
      { type: "run-started", payload: { model: "m", nested: { list: [1, "two", null], flag: true } } },
      { type: "message.delta", payload: "text with ünïcödé and \"quotes\"" },
    ]);
    const second = await appendEvents(t.db, session.id, [{ type: "run-finished", payload: null }]);
    expect(first.map((e) => e.seq)).toEqual([1, 2]);
    expect(second.map((e) => e.seq)).toEqual([3]);
    const read = await readEvents(t.db, session.id);
    expect(read).toEqual([...first, ...second]);
    expect(read[0]!.payload).toEqual({ model: "m", nested: { list: [1, "two", null], flag: true } });
    expect(read[1]!.payload).toBe("text with ünïcödé and \"quotes\"");
    expect((await t.db.session.findUniqueOrThrow({ where: { id: session.id } })).lastSeq).toBe(3);
  });

  it("keeps each session's numbering separate", async () => {
    const t = await database();
    const a = await seed(t.db);
    const b = await seed(t.db);
    await appendEvents(t.db, a.session.id, [{ type: "x", payload: 1 }, { type: "x", payload: 2 }]);
    const [onB] = await appendEvents(t.db, b.session.id, [{ type: "x", payload: 3 }]);
    expect(onB!.seq).toBe(1);
  });

  it("gives 10 concurrent writer processes × 50 events the seqs 1..500, each exactly once", async () => {
    const t = await database();
    const { session } = await seed(t.db);
    const writers = range(10).map((w) => startFixture("event-writer", [t.temporary.url, session.id, String(w), "50"]));
    await Promise.all(writers.map((writer) => writer.waitFor("ready")));
    for (const writer of writers) writer.send("go");
    await Promise.all(writers.map((writer) => writer.exited));
    const events = await readEvents(t.db, session.id);
    expect(events.map((e) => e.seq)).toEqual(range(500, 1));
    const written = events.map((e) => JSON.stringify(e.payload)).sort();
    expect(written).toEqual(range(10).flatMap((w) => range(50).map((n) => JSON.stringify({ w, n }))).sort());
    // Each writer's own events keep their order.
    for (const w of range(10)) {
      const mine = events.filter((e) => (e.payload as { w: number }).w === w).map((e) => (e.payload as { n: number }).n);
      expect(mine).toEqual(range(50));
    }
    // The writers really ran at the same time: their events interleave.
    const switches = events.filter((e, i) => i > 0 && (e.payload as { w: number }).w !== (events[i - 1]!.payload as { w: number }).w).length;
    expect(switches).toBeGreaterThan(20);
    expect((await t.db.session.findUniqueOrThrow({ where: { id: session.id } })).lastSeq).toBe(500);
  }, 120_000);

  it("gives 10 concurrent callers of one client × 50 events the seqs 1..500", async () => {
    const t = await database();
    const { session } = await seed(t.db);
    await Promise.all(range(10).map(async (w) => {
      for (const n of range(50)) await appendEvents(t.db, session.id, [{ type: "tick", payload: { w, n } }]);
    }));
    const events = await readEvents(t.db, session.id);
    expect(events.map((e) => e.seq)).toEqual(range(500, 1));
    expect(new Set(events.map((e) => JSON.stringify(e.payload))).size).toBe(500);
  });

  it("gives concurrent batches contiguous ranges", async () => {
    const t = await database();
    const { session } = await seed(t.db);
    // PostgreSQL: two pools in one process. SQLite: one connection per process (see createDb).
    const other = provider === "postgresql" ? (await t.connect()).db : t.db;
    const batches = await Promise.all(
      range(20).map((b) => appendEvents(b % 2 ? other : t.db, session.id, range(7).map((i) => ({ type: "batch", payload: { b, i } })))),
    );
    for (const batch of batches) {
      const seqs = batch.map((e) => e.seq);
      expect(seqs).toEqual(range(7, seqs[0]));
    }
    expect(batches.flatMap((batch) => batch.map((e) => e.seq)).sort((x, y) => x - y)).toEqual(range(140, 1));
  });

  it("reads exactly the events after a seq, in pages", async () => {
    const t = await database();
    const { session } = await seed(t.db);
    await appendEvents(t.db, session.id, range(25).map((i) => ({ type: "n", payload: i })));
    expect((await readEvents(t.db, session.id, { afterSeq: 20 })).map((e) => e.seq)).toEqual([21, 22, 23, 24, 25]);
    expect(await readEvents(t.db, session.id, { afterSeq: 25 })).toEqual([]);
    expect((await readEvents(t.db, session.id, { afterSeq: 3, limit: 4 })).map((e) => e.seq)).toEqual([4, 5, 6, 7]);
    // A reader that saw up to 10 and then reconnects gets precisely what it missed.
    const missed = await readEvents(t.db, session.id, { afterSeq: 10 });
    expect(missed.map((e) => e.payload)).toEqual(range(15, 10));
  });

  it("refuses unknown sessions, bad types, oversized batches and payloads with actionable errors", async () => {
    const t = await database();
    const { session } = await seed(t.db);
    await expect(appendEvents(t.db, "no-such-session", [{ type: "x", payload: 1 }])).rejects.toMatchObject({ code: "not_found" });
    await expect(appendEvents(t.db, session.id, [{ type: "Bad Type!", payload: 1 }])).rejects.toMatchObject({ code: "invalid_input" });
    await expect(appendEvents(t.db, session.id, range(MAX_EVENTS_PER_APPEND + 1).map(() => ({ type: "x", payload: 1 })))).rejects.toThrow(/split the batch/);
    await expect(appendEvents(t.db, session.id, [{ type: "x", payload: "a".repeat(1024 * 1024 + 1) }])).rejects.toThrow(/byte limit/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(appendEvents(t.db, session.id, [{ type: "x", payload: cyclic }])).rejects.toBeInstanceOf(DbError);
    await expect(readEvents(t.db, session.id, { afterSeq: -1 })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(readEvents(t.db, session.id, { limit: 0 })).rejects.toMatchObject({ code: "invalid_input" });
    // Nothing was written by the refused calls.
    expect(await readEvents(t.db, session.id)).toEqual([]);
    expect(await appendEvents(t.db, session.id, [])).toEqual([]);
  });

  it("enforces UNIQUE(sessionId, seq) in the database itself", async () => {
    const t = await database();
    const { session } = await seed(t.db);
    await appendEvents(t.db, session.id, [{ type: "x", payload: 1 }]);
    await expect(t.db.event.create({ data: { sessionId: session.id, seq: 1, type: "x", payload: "2" } })).rejects.toMatchObject({ code: "P2002" });
  });
});
