import { describe, expect, it } from "vitest";
import { canManageOrg, checkAddMember, checkMemberChange, hasRole, type MemberChange } from "./roles";

describe("role ranks", () => {
  it("orders owner > admin > member", () => {
    expect(hasRole("owner", "admin")).toBe(true);
    expect(hasRole("admin", "admin")).toBe(true);
    expect(hasRole("member", "admin")).toBe(false);
    expect([canManageOrg("owner"), canManageOrg("admin"), canManageOrg("member")]).toEqual([true, true, false]);
  });
});

describe("checkAddMember", () => {
  it("lets owners add any role, admins add members and admins, members nothing", () => {
    expect(checkAddMember("owner", "owner").ok).toBe(true);
    expect(checkAddMember("admin", "admin").ok).toBe(true);
    expect(checkAddMember("admin", "member").ok).toBe(true);
    expect(checkAddMember("admin", "owner")).toEqual({ ok: false, reason: "Only an owner can add another owner." });
    expect(checkAddMember("member", "member")).toEqual({ ok: false, reason: "Only owners and admins can add members; ask one of them." });
  });
});

describe("checkMemberChange", () => {
  const change = (overrides: Partial<MemberChange>): MemberChange => ({ actor: "owner", target: "member", next: "admin", self: false, owners: 1, ...overrides });

  it("lets owners change anyone while another owner remains", () => {
    expect(checkMemberChange(change({ target: "member", next: "owner" })).ok).toBe(true);
    expect(checkMemberChange(change({ target: "owner", next: "admin", owners: 2 })).ok).toBe(true);
    expect(checkMemberChange(change({ target: "owner", next: null, owners: 2 })).ok).toBe(true);
  });

  it("never leaves an organization without an owner", () => {
    const demote = checkMemberChange(change({ target: "owner", next: "admin", self: true, owners: 1 }));
    expect(demote.ok).toBe(false);
    const leave = checkMemberChange(change({ target: "owner", next: null, self: true, owners: 1 }));
    expect(leave).toEqual({ ok: false, reason: "An organization needs at least one owner: make someone else an owner before removing this one." });
  });

  it("lets admins manage members and admins but not owners", () => {
    expect(checkMemberChange(change({ actor: "admin", target: "member", next: "admin" })).ok).toBe(true);
    expect(checkMemberChange(change({ actor: "admin", target: "admin", next: null })).ok).toBe(true);
    expect(checkMemberChange(change({ actor: "admin", target: "member", next: "owner" })).ok).toBe(false);
    expect(checkMemberChange(change({ actor: "admin", target: "owner", next: "member", owners: 3 })).ok).toBe(false);
    expect(checkMemberChange(change({ actor: "admin", target: "owner", next: null, owners: 3 })).ok).toBe(false);
  });

  it("lets members only leave", () => {
    expect(checkMemberChange(change({ actor: "member", target: "member", next: null, self: true })).ok).toBe(true);
    expect(checkMemberChange(change({ actor: "member", target: "member", next: "admin", self: true })).ok).toBe(false);
    expect(checkMemberChange(change({ actor: "member", target: "admin", next: null })).ok).toBe(false);
  });

  it("does not let an admin promote themselves to owner", () => {
    expect(checkMemberChange(change({ actor: "admin", target: "admin", next: "owner", self: true })).ok).toBe(false);
  });

  it("accepts a no-op change", () => {
    expect(checkMemberChange(change({ actor: "member", target: "owner", next: "owner" })).ok).toBe(true);
  });
});
