/**
 * Who may manage a session's share links. Pure, so every case is unit-tested; callers load the
 * facts (role, owners, creator) from the database.
 * - Any member of the session's organization may share it (they can open it in the IDE anyway).
 * - A link may be revoked or re-issued by whoever created it, the session's owner, or an owner
 *   or admin of the organization.
 * - A `link` share needs the organization to allow link shares.
 */
import type { MembershipRole, ShareVisibility } from "@codeyard/db";
import { canManageOrg, type RuleVerdict } from "../orgs/roles";

export type ShareLinkStatus = "active" | "revoked" | "expired" | "suspended";

export function canManageShareLink(input: { actorId: string; role: MembershipRole; sessionOwnerId: string; linkCreatorId: string }): boolean {
  return input.actorId === input.linkCreatorId || input.actorId === input.sessionOwnerId || canManageOrg(input.role);
}

export function checkShareVisibility(visibility: "organization" | "link", linkSharesAllowed: boolean): RuleVerdict {
  if (visibility === "link" && !linkSharesAllowed) {
    return {
      ok: false,
      reason: "Sharing by link is turned off for this organization. Share with the organization instead, or ask an owner or admin to allow link sharing in the organization settings.",
    };
  }
  return { ok: true };
}

/** How a link stands right now, for the share panel. */
export function shareLinkStatus(
  link: { visibility: ShareVisibility; expiresAt: Date | null; revokedAt: Date | null },
  linkSharesAllowed: boolean,
  now = new Date(),
): ShareLinkStatus {
  if (link.visibility === "revoked" || link.revokedAt) return "revoked";
  if (link.expiresAt && link.expiresAt.getTime() <= now.getTime()) return "expired";
  if (link.visibility === "link" && !linkSharesAllowed) return "suspended";
  return "active";
}
