import { beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../auth/accounts";
import { useTemporaryDatabase } from "../auth/testing";
import { addMember, changeMemberRole, listMembers, removeMember } from "./members";
import { OrgError } from "./org-error";
import { listMemberships } from "./organizations";
import { readOrgSettings, updateOrgSettings } from "./settings";

const database = useTemporaryDatabase();
const ids: Record<"owner" | "admin" | "member" | "outsider", string> = { owner: "", admin: "", member: "", outsider: "" };
let orgId = "";

const membershipOf = async (userId: string) => (await listMembers(database().db, orgId)).find((member) => member.userId === userId)!;
const rejection = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(OrgError);
  return error as OrgError;
};

beforeAll(async () => {
  const { db } = database();
  for (const name of Object.keys(ids) as Array<keyof typeof ids>) {
    const { user, org } = await createAccount(db, { email: `${name}@example.com`, name, passwordHash: "" });
    ids[name] = user.id;
    if (name === "owner") orgId = org.id;
  }
});

describe("member management", () => {
  it("lets the owner add existing users by email with a role", async () => {
    const { db } = database();
    const admin = await addMember(db, { actorId: ids.owner, orgId, email: "admin@example.com", role: "admin" });
    expect(admin).toMatchObject({ userId: ids.admin, role: "admin", email: "admin@example.com" });
    await addMember(db, { actorId: ids.admin, orgId, email: "member@example.com", role: "member" });
    expect((await listMembers(db, orgId)).map((member) => [member.name, member.role])).toEqual([
      ["owner", "owner"],
      ["admin", "admin"],
      ["member", "member"],
    ]);
    expect((await listMemberships(db, ids.member)).map((m) => m.role)).toEqual(["owner", "member"]);
  });

  it("explains why an add is refused", async () => {
    const { db } = database();
    expect((await rejection(addMember(db, { actorId: ids.owner, orgId, email: "ghost@example.com", role: "member" }))).message).toContain("No Codeyard account uses ghost@example.com");
    expect((await rejection(addMember(db, { actorId: ids.owner, orgId, email: "member@example.com", role: "admin" }))).code).toBe("conflict");
    expect((await rejection(addMember(db, { actorId: ids.member, orgId, email: "outsider@example.com", role: "member" }))).code).toBe("forbidden");
    expect((await rejection(addMember(db, { actorId: ids.admin, orgId, email: "outsider@example.com", role: "owner" }))).code).toBe("forbidden");
    expect((await rejection(addMember(db, { actorId: ids.outsider, orgId, email: "outsider@example.com", role: "member" }))).code).toBe("not_found");
  });

  it("changes roles within the rules, re-reading the actor's role from the database", async () => {
    const { db } = database();
    const member = await membershipOf(ids.member);
    await changeMemberRole(db, { actorId: ids.admin, orgId, membershipId: member.membershipId, role: "admin" });
    expect((await membershipOf(ids.member)).role).toBe("admin");
    const owner = await membershipOf(ids.owner);
    expect((await rejection(changeMemberRole(db, { actorId: ids.admin, orgId, membershipId: owner.membershipId, role: "member" }))).code).toBe("forbidden");
    expect((await rejection(changeMemberRole(db, { actorId: ids.owner, orgId, membershipId: owner.membershipId, role: "admin" }))).message).toContain("at least one owner");
    // A membership id of another organization is not found here.
    const foreign = (await listMembers(db, (await listMemberships(db, ids.outsider))[0]!.orgId))[0]!;
    expect((await rejection(changeMemberRole(db, { actorId: ids.owner, orgId, membershipId: foreign.membershipId, role: "member" }))).code).toBe("not_found");
    await changeMemberRole(db, { actorId: ids.owner, orgId, membershipId: member.membershipId, role: "member" });
  });

  it("removes members and lets people leave, but never the last owner", async () => {
    const { db } = database();
    const owner = await membershipOf(ids.owner);
    expect((await rejection(removeMember(db, { actorId: ids.owner, orgId, membershipId: owner.membershipId }))).code).toBe("forbidden");
    const admin = await membershipOf(ids.admin);
    expect((await rejection(removeMember(db, { actorId: ids.member, orgId, membershipId: admin.membershipId }))).code).toBe("forbidden");
    const member = await membershipOf(ids.member);
    await removeMember(db, { actorId: ids.member, orgId, membershipId: member.membershipId });
    await removeMember(db, { actorId: ids.owner, orgId, membershipId: admin.membershipId });
    expect((await listMembers(db, orgId)).map((m) => m.name)).toEqual(["owner"]);
  });

  it("lets only owners and admins change organization settings", async () => {
    const { db } = database();
    await updateOrgSettings(db, { actorId: ids.owner, orgId, name: "Acme", allowLinkShares: true });
    expect(await readOrgSettings(db, orgId)).toEqual({ name: "Acme", allowLinkShares: true });
    await addMember(db, { actorId: ids.owner, orgId, email: "member@example.com", role: "member" });
    expect((await rejection(updateOrgSettings(db, { actorId: ids.member, orgId, name: "Mine", allowLinkShares: false }))).code).toBe("forbidden");
    expect(await readOrgSettings(db, orgId)).toEqual({ name: "Acme", allowLinkShares: true });
  });
});
