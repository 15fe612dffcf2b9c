/**
 * Capability tokens for app previews. A preview runs on its own origin, where the IDE's login
 * cookie is never sent; the IDE hands out a URL carrying a token signed for one sandbox port and
 * user, which the preview proxy turns into a cookie scoped to that preview host.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const PREVIEW_TOKEN_TTL_MS = 12 * 3600 * 1000;

export interface PreviewGrant {
  sandboxId: string;
  port: number;
  userId: string;
  expiresAt: number;
}

export class PreviewTokens {
  constructor(private readonly key: Buffer) {}

  private sign(body: string): string {
    return createHmac("sha256", this.key).update(`codeyard-preview:${body}`).digest("base64url");
  }

  issue(grant: Omit<PreviewGrant, "expiresAt">, now = Date.now()): string {
    const body = Buffer.from(JSON.stringify({ ...grant, expiresAt: now + PREVIEW_TOKEN_TTL_MS })).toString("base64url");
    return `${body}.${this.sign(body)}`;
  }

  /** The grant if the token is authentic, unexpired and for this sandbox port; else null. */
  verify(token: string, sandboxId: string, port: number, now = Date.now()): PreviewGrant | null {
    const [body, signature] = token.split(".");
    if (!body || !signature) return null;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const grant = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as PreviewGrant;
      return grant.sandboxId === sandboxId && grant.port === port && grant.expiresAt > now ? grant : null;
    } catch {
      return null;
    }
  }
}
