/**
 * Who may read a shared session: one pure rule over a share link's state, the viewer and the
 * organization's policy. The web viewer page and the broker both decide with it (through
 * resolveShareAccess), so they never disagree. Unit-tested over every combination.
 *
 * - `organization`: signed-in members of the session's organization.
 * - `link`: anyone holding the token (on this server), while the organization allows link
 *   shares; while it forbids them, existing link shares are suspended (not deleted: they work
 *   again if link sharing is allowed again, unless revoked or expired meanwhile).
 * - `revoked` (or a revokedAt date), or past expiresAt: nobody.
 * Without the token (a member opening a shared session by its id), only members get past the
 * first check, so nobody else can learn anything about a session from its id.
 */
import type { ShareVisibility } from "./values.js";

/** The viewer's relation to the session's organization. */
export type ShareViewer = "member" | "non-member" | "anonymous";

export interface ShareLinkState {
  visibility: ShareVisibility;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export interface ShareAccessInput {
  /** The link considered; null when the token matches no link (or the session has none). */
  link: ShareLinkState | null;
  viewer: ShareViewer;
  /** The viewer presented this link's token (rather than the session's id). */
  holdsToken: boolean;
  /** OrgSettings.allowLinkShares of the session's organization. */
  linkSharesAllowed: boolean;
  now: Date;
}

export type ShareDenial = "not_found" | "revoked" | "expired" | "link_shares_disabled" | "members_only" | "sign_in";
export type ShareAccess = { ok: true } | { ok: false; reason: ShareDenial };

export function decideShareAccess({ link, viewer, holdsToken, linkSharesAllowed, now }: ShareAccessInput): ShareAccess {
  if (!link) return deny("not_found");
  if (!holdsToken && viewer !== "member") return deny("not_found");
  if (link.visibility === "revoked" || link.revokedAt) return deny("revoked");
  if (link.expiresAt && link.expiresAt.getTime() <= now.getTime()) return deny("expired");
  if (link.visibility === "organization") {
    if (viewer === "member") return { ok: true };
    return deny(viewer === "anonymous" ? "sign_in" : "members_only");
  }
  if (!linkSharesAllowed) return deny("link_shares_disabled");
  return { ok: true };
}

const deny = (reason: ShareDenial): ShareAccess => ({ ok: false, reason });

/** What a refused viewer reads: what happened and what to do next. */
export const SHARE_DENIAL_MESSAGES: Record<ShareDenial, string> = {
  not_found: "This shared session does not exist, or you have no access to it. Check the link you were given.",
  revoked: "This share link was revoked by its owner. Ask them for a new link.",
  expired: "This share link has expired. Ask its owner for a new link.",
  link_shares_disabled: "Sharing by link is turned off in this session's organization, so this link does not work right now. Ask an owner or admin of the organization.",
  members_only: "This session is shared with members of its organization only. Sign in with an account that belongs to it, or ask to be added.",
  sign_in: "This session is shared with members of its organization only. Sign in to read it.",
};

/** The order in which denials are reported when a session has several links and none lets the viewer in. */
export const SHARE_DENIAL_PRIORITY: readonly ShareDenial[] = ["sign_in", "members_only", "link_shares_disabled", "expired", "revoked", "not_found"];
