/**
 * Share links of sessions: read-only links with a visibility (organization | link), an optional
 * expiry, revocable and re-issuable. The URL carries a random token; only its SHA-256 is stored,
 * so a link's URL is shown once (when created or re-issued). resolveShareAccess is the one lookup
 * the web viewer page and the broker both use; its rule is decideShareAccess.
 * Who may create or revoke links is the caller's business (the web app checks membership).
 */
import type { DbOrTx } from "./client.js";
import { DbError } from "./errors.js";
import { decideShareAccess, SHARE_DENIAL_MESSAGES, SHARE_DENIAL_PRIORITY, type ShareDenial, type ShareViewer } from "./share-access.js";
import { hashToken, newToken } from "./tokens.js";
import { shareVisibilitySchema, type ShareVisibility } from "./values.js";

/** Visibilities a link can be given (revoking is its own operation). */
export type ActiveShareVisibility = Exclude<ShareVisibility, "revoked">;

/** How a viewer designates a shared session: a link's token, or (members) the session's id. */
export type ShareCredentialInput = { kind: "token"; token: string } | { kind: "session"; sessionId: string };

export interface ShareLinkInfo {
  id: string;
  sessionId: string;
  visibility: ShareVisibility;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  createdById: string;
  createdByName: string;
}

export interface SharedSessionInfo {
  id: string;
  title: string;
  lastSeq: number;
  createdAt: Date;
  projectId: string;
  projectName: string;
  orgId: string;
  orgName: string;
  ownerId: string;
  ownerName: string;
}

export type ResolvedShare =
  | { ok: true; linkId: string; visibility: ActiveShareVisibility; viewer: ShareViewer; session: SharedSessionInfo }
  | { ok: false; reason: ShareDenial; message: string };

/** Most links one session may have (listing and resolving stay bounded). */
export const MAX_SHARE_LINKS_PER_SESSION = 50;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,128}$/;

const INFO = {
  id: true,
  sessionId: true,
  visibility: true,
  expiresAt: true,
  revokedAt: true,
  createdAt: true,
  createdById: true,
  createdBy: { select: { name: true } },
} as const;

type InfoRow = { createdBy: { name: string } } & Omit<ShareLinkInfo, "createdByName" | "visibility"> & { visibility: string };
const toInfo = ({ createdBy, ...row }: InfoRow): ShareLinkInfo => ({ ...row, visibility: shareVisibilitySchema.catch("revoked").parse(row.visibility), createdByName: createdBy.name });

function checkVisibility(visibility: string): ActiveShareVisibility {
  if (visibility !== "organization" && visibility !== "link") {
    throw new DbError("invalid_input", `A share link's visibility is "organization" or "link" (got "${visibility.slice(0, 40)}"); revoke a link to stop it.`);
  }
  return visibility;
}

/** Creates a link; returns it with its token (put it in the URL; it is not stored). */
export async function createShareLink(
  db: DbOrTx,
  input: { sessionId: string; createdById: string; visibility: ActiveShareVisibility; expiresAt: Date | null },
): Promise<{ link: ShareLinkInfo; token: string }> {
  const visibility = checkVisibility(input.visibility);
  const count = await db.shareLink.count({ where: { sessionId: input.sessionId } });
  if (count >= MAX_SHARE_LINKS_PER_SESSION) {
    throw new DbError("conflict", `This session already has ${count} share links; revoke and re-issue an existing one instead of creating more.`);
  }
  const token = newToken();
  const row = await db.shareLink.create({
    data: { sessionId: input.sessionId, createdById: input.createdById, visibility, expiresAt: input.expiresAt, tokenHash: hashToken(token) },
    select: INFO,
  });
  return { link: toInfo(row), token };
}

/** A session's links, newest first, without tokens. */
export async function listShareLinks(db: DbOrTx, sessionId: string): Promise<ShareLinkInfo[]> {
  const rows = await db.shareLink.findMany({ where: { sessionId }, select: INFO, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: MAX_SHARE_LINKS_PER_SESSION });
  return rows.map(toInfo);
}

/** One link, without its token; null when there is none. */
export async function findShareLink(db: DbOrTx, linkId: string): Promise<ShareLinkInfo | null> {
  if (!linkId || linkId.length > 64) return null;
  const row = await db.shareLink.findUnique({ where: { id: linkId }, select: INFO });
  return row && toInfo(row);
}

/** Revokes a link: its token stops working for everyone, at once. */
export async function revokeShareLink(db: DbOrTx, linkId: string, now = new Date()): Promise<ShareLinkInfo> {
  const row = await db.shareLink.update({ where: { id: linkId }, data: { visibility: "revoked", revokedAt: now }, select: INFO });
  return toInfo(row);
}

/**
 * Re-issues a link with a new token (the old URL stops working) and the given visibility and
 * expiry; a revoked link becomes active again.
 */
export async function reissueShareLink(
  db: DbOrTx,
  linkId: string,
  input: { visibility: ActiveShareVisibility; expiresAt: Date | null },
): Promise<{ link: ShareLinkInfo; token: string }> {
  const visibility = checkVisibility(input.visibility);
  const token = newToken();
  const row = await db.shareLink.update({
    where: { id: linkId },
    data: { tokenHash: hashToken(token), visibility, expiresAt: input.expiresAt, revokedAt: null },
    select: INFO,
  });
  return { link: toInfo(row), token };
}

/**
 * Whether `userId` (null: not signed in) may read the shared session `credential` designates,
 * and what it is. A session id works for members when any of its links lets them in.
 */
export async function resolveShareAccess(
  db: DbOrTx,
  input: { credential: ShareCredentialInput; userId: string | null; now?: Date },
): Promise<ResolvedShare> {
  const now = input.now ?? new Date();
  const { credential } = input;
  if (credential.kind === "token" ? !TOKEN_SHAPE.test(credential.token) : !credential.sessionId || credential.sessionId.length > 64) return denied("not_found");
  const links = await db.shareLink.findMany({
    where: credential.kind === "token" ? { tokenHash: hashToken(credential.token) } : { sessionId: credential.sessionId },
    select: {
      id: true,
      visibility: true,
      expiresAt: true,
      revokedAt: true,
      session: {
        select: {
          id: true,
          title: true,
          lastSeq: true,
          createdAt: true,
          ownerId: true,
          owner: { select: { name: true } },
          project: { select: { id: true, name: true, orgId: true, org: { select: { name: true, settings: { select: { allowLinkShares: true } } } } } },
        },
      },
    },
    orderBy: { createdAt: "asc" },
    take: MAX_SHARE_LINKS_PER_SESSION,
  });
  const first = links[0];
  if (!first) return denied("not_found");
  const { session } = first;
  const { project } = session;
  const viewer: ShareViewer = !input.userId
    ? "anonymous"
    : (await db.membership.findUnique({ where: { userId_orgId: { userId: input.userId, orgId: project.orgId } }, select: { id: true } }))
      ? "member"
      : "non-member";
  const linkSharesAllowed = project.org.settings?.allowLinkShares ?? false;
  const denials: ShareDenial[] = [];
  for (const link of links) {
    const visibility = shareVisibilitySchema.catch("revoked").parse(link.visibility);
    const decision = decideShareAccess({
      link: { visibility, expiresAt: link.expiresAt, revokedAt: link.revokedAt },
      viewer,
      holdsToken: credential.kind === "token",
      linkSharesAllowed,
      now,
    });
    if (decision.ok && visibility !== "revoked") {
      return {
        ok: true,
        linkId: link.id,
        visibility,
        viewer,
        session: {
          id: session.id,
          title: session.title,
          lastSeq: session.lastSeq,
          createdAt: session.createdAt,
          projectId: project.id,
          projectName: project.name,
          orgId: project.orgId,
          orgName: project.org.name,
          ownerId: session.ownerId,
          ownerName: session.owner.name,
        },
      };
    }
    if (!decision.ok) denials.push(decision.reason);
  }
  const reason = SHARE_DENIAL_PRIORITY.find((candidate) => denials.includes(candidate)) ?? "not_found";
  return denied(reason);
}

function denied(reason: ShareDenial): ResolvedShare {
  return { ok: false, reason, message: SHARE_DENIAL_MESSAGES[reason] };
}
