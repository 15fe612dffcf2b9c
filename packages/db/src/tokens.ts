/** Bearer tokens (login cookies, share links): random, shown once, stored only as a SHA-256. */
import { createHash, randomBytes } from "node:crypto";

/** A new token: 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database stores for a token (hex SHA-256). A leaked table does not leak tokens. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
