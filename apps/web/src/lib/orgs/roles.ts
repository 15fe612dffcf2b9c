/**
 * Who may do what in an organization. Pure rules, so every case is unit-tested; the callers load
 * the facts (roles, owner count) from the database inside the same transaction as the change.
 */
import type { MembershipRole } from "@codeyard/db";

export const ROLE_LABELS: Record<MembershipRole, string> = { owner: "Owner", admin: "Admin", member: "Member" };

const RANK: Record<MembershipRole, number> = { member: 0, admin: 1, owner: 2 };

export function hasRole(role: MembershipRole, atLeast: MembershipRole): boolean {
  return RANK[role] >= RANK[atLeast];
}

/** Owners and admins manage members, organization settings and the organization's API keys. */
export function canManageOrg(role: MembershipRole): boolean {
  return hasRole(role, "admin");
}

export type RuleVerdict = { ok: true } | { ok: false; reason: string };
const allow: RuleVerdict = { ok: true };
const deny = (reason: string): RuleVerdict => ({ ok: false, reason });

/** Adding someone with `role`. */
export function checkAddMember(actor: MembershipRole, role: MembershipRole): RuleVerdict {
  if (!canManageOrg(actor)) return deny("Only owners and admins can add members; ask one of them.");
  if (role === "owner" && actor !== "owner") return deny("Only an owner can add another owner.");
  return allow;
}

export interface MemberChange {
  actor: MembershipRole;
  /** The target's current role. */
  target: MembershipRole;
  /** The target's new role, or null to remove them. */
  next: MembershipRole | null;
  /** Whether the actor is changing their own membership. */
  self: boolean;
  /** Owners of the organization before the change. */
  owners: number;
}

export function checkMemberChange({ actor, target, next, self, owners }: MemberChange): RuleVerdict {
  if (next === target) return allow;
  const losesOwner = target === "owner" && next !== "owner";
  if (losesOwner && owners <= 1) {
    return deny(
      next === null
        ? "An organization needs at least one owner: make someone else an owner before removing this one."
        : "An organization needs at least one owner: make someone else an owner first.",
    );
  }
  // Anyone may leave; nobody may promote themselves.
  if (self && next === null) return allow;
  if (!canManageOrg(actor)) return deny("Only owners and admins can change members; ask one of them.");
  if (actor !== "owner" && (target === "owner" || next === "owner")) return deny("Only an owner can change an owner or make someone an owner.");
  return allow;
}
