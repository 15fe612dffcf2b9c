/**
 * A session's share links as its members manage them: list, create, revoke, re-issue. Every
 * function takes the acting user's id and checks their membership of the session's organization
 * itself; unknown and forbidden sessions look alike (not_found).
 */
import { createShareLink, findShareLink, listShareLinks, membershipRoleSchema, reissueShareLink, revokeShareLink, type Db, type DbOrTx, type MembershipRole, type ShareVisibility } from "@codeyard/db";
import { OrgError } from "../orgs/org-error";
import { expiryDate, type ShareSettings } from "./schemas";
import { canManageShareLink, checkShareVisibility, shareLinkStatus, type ShareLinkStatus } from "./share-rules";

export interface ShareLinkView {
  id: string;
  visibility: ShareVisibility;
  status: ShareLinkStatus;
  expiresAt: string | null;
  createdAt: string;
  createdByName: string;
  canManage: boolean;
}

export interface SharePanelData {
  links: ShareLinkView[];
  linkSharesAllowed: boolean;
  /** The address members use to open the shared session without a token. */
  memberPath: string;
}

interface SharingContext {
  sessionId: string;
  sessionOwnerId: string;
  role: MembershipRole;
  linkSharesAllowed: boolean;
}

async function sharingContext(db: DbOrTx, userId: string, sessionId: string): Promise<SharingContext> {
  const session = sessionId.length <= 64 ? await db.session.findUnique({ where: { id: sessionId }, select: { id: true, ownerId: true, project: { select: { orgId: true, org: { select: { settings: { select: { allowLinkShares: true } } } } } } } }) : null;
  const membership = session && (await db.membership.findUnique({ where: { userId_orgId: { userId, orgId: session.project.orgId } }, select: { role: true } }));
  if (!session || !membership) throw new OrgError("not_found", "This session does not exist or you are not a member of its organization.");
  return {
    sessionId: session.id,
    sessionOwnerId: session.ownerId,
    role: membershipRoleSchema.catch("member").parse(membership.role),
    linkSharesAllowed: session.project.org.settings?.allowLinkShares ?? false,
  };
}

export const sharedSessionPath = (sessionId: string) => `/shared/${sessionId}`;
export const shareTokenPath = (token: string) => `/share/${token}`;

export async function sharePanel(db: DbOrTx, userId: string, sessionId: string): Promise<SharePanelData> {
  const context = await sharingContext(db, userId, sessionId);
  const now = new Date();
  const links = await listShareLinks(db, sessionId);
  return {
    linkSharesAllowed: context.linkSharesAllowed,
    memberPath: sharedSessionPath(sessionId),
    links: links.map((link) => ({
      id: link.id,
      visibility: link.visibility,
      status: shareLinkStatus(link, context.linkSharesAllowed, now),
      expiresAt: link.expiresAt?.toISOString() ?? null,
      createdAt: link.createdAt.toISOString(),
      createdByName: link.createdByName,
      canManage: canManageShareLink({ actorId: userId, role: context.role, sessionOwnerId: context.sessionOwnerId, linkCreatorId: link.createdById }),
    })),
  };
}

/** Creates a link; returns its path with the token (shown once: only its hash is stored). */
export async function createShare(db: Db, userId: string, sessionId: string, settings: ShareSettings): Promise<{ linkId: string; path: string }> {
  return db.$transaction(async (tx) => {
    const context = await sharingContext(tx, userId, sessionId);
    const verdict = checkShareVisibility(settings.visibility, context.linkSharesAllowed);
    if (!verdict.ok) throw new OrgError("forbidden", verdict.reason);
    const { link, token } = await createShareLink(tx, { sessionId, createdById: userId, visibility: settings.visibility, expiresAt: expiryDate(settings.expiry) });
    return { linkId: link.id, path: shareTokenPath(token) };
  });
}

async function manageableLink(tx: DbOrTx, userId: string, linkId: string) {
  const link = await findShareLink(tx, linkId);
  if (!link) throw new OrgError("not_found", "This share link no longer exists; reload the list.");
  const context = await sharingContext(tx, userId, link.sessionId);
  if (!canManageShareLink({ actorId: userId, role: context.role, sessionOwnerId: context.sessionOwnerId, linkCreatorId: link.createdById })) {
    throw new OrgError("forbidden", "Only the link's creator, the session's owner, or an owner or admin of the organization can change this link.");
  }
  return { link, context };
}

export async function revokeShare(db: Db, userId: string, linkId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const { link } = await manageableLink(tx, userId, linkId);
    if (link.visibility !== "revoked") await revokeShareLink(tx, linkId);
  });
}

/** A new token for the link (its old URL stops working), with new settings; revoked links come back. */
export async function reissueShare(db: Db, userId: string, linkId: string, settings: ShareSettings): Promise<{ linkId: string; path: string }> {
  return db.$transaction(async (tx) => {
    const { context } = await manageableLink(tx, userId, linkId);
    const verdict = checkShareVisibility(settings.visibility, context.linkSharesAllowed);
    if (!verdict.ok) throw new OrgError("forbidden", verdict.reason);
    const { link, token } = await reissueShareLink(tx, linkId, { visibility: settings.visibility, expiresAt: expiryDate(settings.expiry) });
    return { linkId: link.id, path: shareTokenPath(token) };
  });
}
