/** Share links: tokens stored hashed, revocation and re-issue, and access resolved from the database. */
import { describe, expect, it } from "vitest";
import {
  createShareLink,
  hashToken,
  listShareLinks,
  PROVIDERS,
  reissueShareLink,
  resolveShareAccess,
  revokeShareLink,
  type Db,
} from "../src/index.js";
import { seed, useTestDatabase } from "./helpers.js";

async function world(db: Db) {
  const base = await seed(db);
  const outsider = await db.user.create({ data: { email: `out-${base.org.id}@example.com`, name: "Outsider", passwordHash: "x" } });
  const member = await db.user.create({ data: { email: `mem-${base.org.id}@example.com`, name: "Member", passwordHash: "x" } });
  await db.membership.create({ data: { userId: member.id, orgId: base.org.id, role: "member" } });
  return { ...base, outsider, member };
}

const verdict = (resolved: Awaited<ReturnType<typeof resolveShareAccess>>) => (resolved.ok ? "ok" : resolved.reason);

describe.each(PROVIDERS)("share links on %s", (provider) => {
  const database = useTestDatabase(provider);

  it("stores only the token's hash and resolves the token to the session", async () => {
    const t = await database();
    const w = await world(t.db);
    const { link, token } = await createShareLink(t.db, { sessionId: w.session.id, createdById: w.user.id, visibility: "organization", expiresAt: null });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await t.db.shareLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(link).toMatchObject({ visibility: "organization", createdByName: w.user.name, revokedAt: null });

    const resolved = await resolveShareAccess(t.db, { credential: { kind: "token", token }, userId: w.member.id });
    expect(resolved).toMatchObject({ ok: true, linkId: link.id, viewer: "member", session: { id: w.session.id, projectName: w.project.name, orgId: w.org.id, ownerName: w.user.name } });
    expect(verdict(await resolveShareAccess(t.db, { credential: { kind: "token", token }, userId: w.outsider.id }))).toBe("members_only");
    expect(verdict(await resolveShareAccess(t.db, { credential: { kind: "token", token }, userId: null }))).toBe("sign_in");
    expect(verdict(await resolveShareAccess(t.db, { credential: { kind: "token", token: "x".repeat(43) }, userId: w.member.id }))).toBe("not_found");
    expect(verdict(await resolveShareAccess(t.db, { credential: { kind: "token", token: "bad token!" }, userId: w.member.id }))).toBe("not_found");
  });

  it("follows the organization's link policy, suspending link shares while it forbids them", async () => {
    const t = await database();
    const w = await world(t.db);
    const { token } = await createShareLink(t.db, { sessionId: w.session.id, createdById: w.user.id, visibility: "link", expiresAt: null });
    const asAnonymous = () => resolveShareAccess(t.db, { credential: { kind: "token", token }, userId: null });
    expect(verdict(await asAnonymous())).toBe("link_shares_disabled");
    await t.db.orgSettings.create({ data: { orgId: w.org.id, allowLinkShares: true } });
    expect(verdict(await asAnonymous())).toBe("ok");
    expect(verdict(await resolveShareAccess(t.db, { credential: { kind: "token", token }, userId: w.outsider.id }))).toBe("ok");
    await t.db.orgSettings.update({ where: { orgId: w.org.id }, data: { allowLinkShares: false } });
    expect(verdict(await asAnonymous())).toBe("link_shares_disabled");
  });

  it("revokes, expires and re-issues links", async () => {
    const t = await database();
    const w = await world(t.db);
    await t.db.orgSettings.create({ data: { orgId: w.org.id, allowLinkShares: true } });
    const { link, token } = await createShareLink(t.db, { sessionId: w.session.id, createdById: w.user.id, visibility: "link", expiresAt: null });
    const revoked = await revokeShareLink(t.db, link.id);
    expect(revoked).toMatchObject({ visibility: "revoked", revokedAt: expect.any(Date) });
    expect(verdict(await resolveShareAccess(t.db, { credential: { kind: "token", token }, userId: null }))).toBe("revoked");

    const reissued = await reissueShareLink(t.db, link.id, { visibility: "organization", expiresAt: new Date(Date.now() + 60_000) });
    expect(reissued.token).not.toBe(token);
    expect(reissued.link).toMatchObject({ id: link.id, visibility: "organization", revokedAt: null });
    expect(verdict(await resolveShareAccess(t.db, { credential: { kind: "token", token }, userId: w.member.id }))).toBe("not_found");
    expect(verdict(await resolveShareAccess(t.db, { credential: { kind: "token", token: reissued.token }, userId: w.member.id }))).toBe("ok");
    const later = new Date(Date.now() + 120_000);
    expect(verdict(await resolveShareAccess(t.db, { credential: { kind: "token", token: reissued.token }, userId: w.member.id, now: later }))).toBe("expired");
    await expect(createShareLink(t.db, { sessionId: w.session.id, createdById: w.user.id, visibility: "revoked" as never, expiresAt: null })).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("lets members in by session id when any link of the session is live, and nobody else", async () => {
    const t = await database();
    const w = await world(t.db);
    const bySession = (userId: string | null) => resolveShareAccess(t.db, { credential: { kind: "session", sessionId: w.session.id }, userId });
    expect(verdict(await bySession(w.member.id))).toBe("not_found");
    const first = await createShareLink(t.db, { sessionId: w.session.id, createdById: w.user.id, visibility: "organization", expiresAt: null });
    await revokeShareLink(t.db, first.link.id);
    expect(verdict(await bySession(w.member.id))).toBe("revoked");
    await createShareLink(t.db, { sessionId: w.session.id, createdById: w.member.id, visibility: "organization", expiresAt: null });
    expect(verdict(await bySession(w.member.id))).toBe("ok");
    expect(verdict(await bySession(w.outsider.id))).toBe("not_found");
    expect(verdict(await bySession(null))).toBe("not_found");
    const listed = await listShareLinks(t.db, w.session.id);
    expect(listed.map((link) => link.visibility)).toEqual(["organization", "revoked"]);
    expect(listed.map((link) => link.createdByName)).toEqual(["Member", w.user.name]);
  });
});
