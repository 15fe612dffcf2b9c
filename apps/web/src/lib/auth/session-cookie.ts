/**
 * The login cookie. The broker reads the same cookie from the socket handshake, so its name comes
 * from @codeyard/protocol. httpOnly (scripts never see the token), SameSite=Lax (sent on top-level
 * navigations, not on cross-site subrequests), Secure when the app is served over https.
 */
import { SESSION_COOKIE } from "@codeyard/protocol";

export { SESSION_COOKIE };

export interface CookieOptions {
  httpOnly: true;
  sameSite: "lax";
  secure: boolean;
  path: string;
  expires?: Date;
  maxAge?: number;
}

export function cookieOptions(publicUrl: string, extra: { expires?: Date; maxAge?: number; path?: string } = {}): CookieOptions {
  return { httpOnly: true, sameSite: "lax", secure: new URL(publicUrl).protocol === "https:", path: extra.path ?? "/", ...extra };
}
