import { describe, expect, it } from "vitest";
import { createAuthSession, deleteExpiredAuthSessions, hashToken, PROVIDERS, revokeAuthSession, validateAuthSession } from "../src/index.js";
import { seed, useTestDatabase } from "./helpers.js";

describe.each(PROVIDERS)("login sessions on %s", (provider) => {
  const database = useTestDatabase(provider);

  it("store only the token's hash, validate until expiry, and revoke", async () => {
    const t = await database();
    const { user } = await seed(t.db);
    const { token, session } = await createAuthSession(t.db, user.id, 60_000);
    expect(session.tokenHash).toBe(hashToken(token));
    expect(await t.db.authSession.count({ where: { tokenHash: token } })).toBe(0);

    const valid = await validateAuthSession(t.db, token);
    expect(valid?.user).toEqual({ id: user.id, email: user.email, name: user.name });
    expect(await validateAuthSession(t.db, token, { now: new Date(Date.now() + 61_000) })).toBeNull();
    expect(await validateAuthSession(t.db, "forged")).toBeNull();
    expect(await validateAuthSession(t.db, "")).toBeNull();

    expect(await revokeAuthSession(t.db, token)).toBe(true);
    expect(await validateAuthSession(t.db, token)).toBeNull();
  });

  it("clean up expired logins", async () => {
    const t = await database();
    const { user } = await seed(t.db);
    const { token } = await createAuthSession(t.db, user.id, 1000);
    const { token: fresh } = await createAuthSession(t.db, user.id, 60_000);
    expect(await deleteExpiredAuthSessions(t.db, new Date(Date.now() + 2000))).toBeGreaterThanOrEqual(1);
    expect(await validateAuthSession(t.db, token)).toBeNull();
    expect(await validateAuthSession(t.db, fresh)).not.toBeNull();
  });
});
