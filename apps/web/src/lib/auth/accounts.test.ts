import { validateAuthSession, createAuthSession } from "@codeyard/db";
import { describe, expect, it } from "vitest";
import { AccountError, authenticate, createAccount, findOrCreateOidcUser, MAIN_ORG_NAME } from "./accounts";
import { hashPassword } from "./password";
import { useTemporaryDatabase } from "./testing";

const database = useTemporaryDatabase();

describe("accounts", () => {
  it("makes the first account the owner of the main organization, later ones of a personal one", async () => {
    const { db } = database();
    const first = await createAccount(db, { email: "admin@example.com", name: "Grace Hopper", passwordHash: await hashPassword("first-password") });
    expect(first.firstUser).toBe(true);
    expect(first.org.name).toBe(MAIN_ORG_NAME);
    expect(first.org.slug).toBe("main");

    const second = await createAccount(db, { email: "ada@example.com", name: "Ada Lovelace", passwordHash: await hashPassword("second-password") });
    expect(second.firstUser).toBe(false);
    expect(second.org.name).toBe("Ada's projects");

    for (const { user, org } of [first, second]) {
      const memberships = await db.membership.findMany({ where: { userId: user.id } });
      expect(memberships).toEqual([expect.objectContaining({ orgId: org.id, role: "owner" })]);
      expect(await db.orgSettings.findUnique({ where: { orgId: org.id } })).toMatchObject({ allowLinkShares: false });
    }
  });

  it("refuses a second account with the same email", async () => {
    const { db } = database();
    const attempt = createAccount(db, { email: "ada@example.com", name: "Someone Else", passwordHash: "" });
    await expect(attempt).rejects.toBeInstanceOf(AccountError);
    await expect(attempt).rejects.toThrow("An account with this email already exists");
    // Nothing half-created: still one user and one organization for that name.
    expect(await db.user.count({ where: { name: "Someone Else" } })).toBe(0);
    expect(await db.organization.count({ where: { name: "Someone's projects" } })).toBe(0);
  });

  it("gives organizations with the same name distinct slugs", async () => {
    const { db } = database();
    const a = await createAccount(db, { email: "sam1@example.com", name: "Sam One", passwordHash: "" });
    const b = await createAccount(db, { email: "sam2@example.com", name: "Sam Two", passwordHash: "" });
    expect(a.org.slug).toBe("sam-s-projects");
    expect(b.org.slug).toBe("sam-s-projects-2");
  });

  it("authenticates with the right password only", async () => {
    const { db } = database();
    expect((await authenticate(db, "admin@example.com", "first-password"))?.email).toBe("admin@example.com");
    expect(await authenticate(db, "admin@example.com", "wrong-password")).toBeNull();
    expect(await authenticate(db, "nobody@example.com", "first-password")).toBeNull();
    // Accounts created without a password (OIDC) cannot sign in with one.
    expect(await authenticate(db, "sam1@example.com", "")).toBeNull();
  });

  it("issues a login the broker can validate", async () => {
    const { db } = database();
    const user = await authenticate(db, "admin@example.com", "first-password");
    const { token } = await createAuthSession(db, user!.id);
    expect((await validateAuthSession(db, token))?.user).toEqual({ id: user!.id, email: "admin@example.com", name: "Grace Hopper" });
  });

  it("matches OIDC identities by email and creates missing accounts without a password", async () => {
    const { db } = database();
    const existing = await findOrCreateOidcUser(db, { email: "ada@example.com", name: "Ada from SSO" });
    expect(existing.created).toBe(false);
    expect(existing.user.name).toBe("Ada Lovelace");

    const created = await findOrCreateOidcUser(db, { email: "linus@example.com", name: "Linus" });
    expect(created.created).toBe(true);
    expect(created.user.passwordHash).toBe("");
    const memberships = await db.membership.findMany({ where: { userId: created.user.id }, include: { org: true } });
    expect(memberships.map((m) => [m.org.name, m.role])).toEqual([["Linus's projects", "owner"]]);
  });
});
