import { describe, expect, it } from "vitest";
import { appendEvents, createBranchSession, DbError, PROVIDERS, readEvents } from "../src/index.js";
import { range, seed, useTestDatabase } from "./helpers.js";

describe.each(PROVIDERS)("branch sessions on %s", (provider) => {
  const database = useTestDatabase(provider);

  it("copy the parent's log up to a seq with the same numbers, then continue on their own", async () => {
    const t = await database();
    const { session, project, user } = await seed(t.db);
    for (const from of [0, 750]) await appendEvents(t.db, session.id, range(750, from).map((i) => ({ type: "x", payload: { i } })));
    const branch = await createBranchSession(t.db, { fromSessionId: session.id, uptoSeq: 1200, projectId: project.id, ownerId: user.id, title: "try again", forkedFromCheckpointId: null });
    const copied = await readEvents(t.db, branch.id);
    expect(copied.map((e) => e.seq)).toEqual(range(1200, 1));
    expect(copied[1199]!.payload).toEqual({ i: 1199 });
    const [next] = await appendEvents(t.db, branch.id, [{ type: "y", payload: null }]);
    expect(next!.seq).toBe(1201);
    expect((await t.db.session.findUniqueOrThrow({ where: { id: branch.id } })).parentSessionId).toBe(session.id);
    // The parent is untouched.
    expect((await readEvents(t.db, session.id, { afterSeq: 1499 })).map((e) => e.type)).toEqual(["x"]);
  });

  it("refuse a seq the parent has not reached", async () => {
    const t = await database();
    const { session, project, user } = await seed(t.db);
    await appendEvents(t.db, session.id, [{ type: "x", payload: 1 }]);
    await expect(
      createBranchSession(t.db, { fromSessionId: session.id, uptoSeq: 5, projectId: project.id, ownerId: user.id, title: "b", forkedFromCheckpointId: null }),
    ).rejects.toThrow(DbError);
  });
});
