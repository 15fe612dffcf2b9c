/**
 * Web login sessions. The browser holds the token (a cookie); the database holds its hash. The web
 * app creates and revokes them; the web app and the broker both validate them with
 * validateAuthSession, so the two agree on who is logged in.
 */
import type { DbOrTx } from "./client.js";
import { DbError } from "./errors.js";
import type { AuthSession, User } from "./models.js";
import { hashToken, newToken } from "./tokens.js";

/** Default lifetime of a login. */
export const AUTH_SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export type SessionUser = Pick<User, "id" | "email" | "name">;

/** Creates a login for `userId`; returns the token to put in the cookie (it is not stored). */
export async function createAuthSession(
  db: DbOrTx,
  userId: string,
  ttlMs: number = AUTH_SESSION_TTL_MS,
): Promise<{ token: string; session: AuthSession }> {
  if (!Number.isInteger(ttlMs) || ttlMs < 1) throw new DbError("invalid_input", `A login lifetime must be a positive number of ms (got ${ttlMs}).`);
  const token = newToken();
  const now = new Date();
  const session = await db.authSession.create({
    data: { tokenHash: hashToken(token), userId, expiresAt: new Date(now.getTime() + ttlMs), createdAt: now, lastSeenAt: now },
  });
  return { token, session };
}

/** The user behind a login token, or null if the token is unknown or expired. */
export async function validateAuthSession(
  db: DbOrTx,
  token: string,
  options: { now?: Date } = {},
): Promise<{ session: AuthSession; user: SessionUser } | null> {
  if (!token || token.length > 512) return null;
  const found = await db.authSession.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { id: true, email: true, name: true } } },
  });
  if (!found || found.expiresAt <= (options.now ?? new Date())) return null;
  const { user, ...session } = found;
  return { session, user };
}

/** Logs out: deletes the login of this token. Returns whether there was one. */
export async function revokeAuthSession(db: DbOrTx, token: string): Promise<boolean> {
  const { count } = await db.authSession.deleteMany({ where: { tokenHash: hashToken(token) } });
  return count > 0;
}

/** Deletes expired logins (housekeeping); returns how many. */
export async function deleteExpiredAuthSessions(db: DbOrTx, now: Date = new Date()): Promise<number> {
  const { count } = await db.authSession.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
