/** Finishes single sign-on: checks the provider's answer, finds or creates the account, signs in. */
import { createAuthSession } from "@codeyard/db";
import { env } from "@codeyard/env";
import { NextResponse, type NextRequest } from "next/server";
import { findOrCreateOidcUser } from "@/lib/auth/accounts";
import { getDb } from "@/lib/auth/database";
import { completeOidcSignIn, decodePending, OIDC_PENDING_COOKIE, oidcSettings } from "@/lib/auth/oidc";
import { oidcFailureRedirect } from "@/lib/auth/oidc-redirects";
import { cookieOptions, SESSION_COOKIE } from "@/lib/auth/session-cookie";

export async function GET(request: NextRequest): Promise<Response> {
  const config = env();
  const settings = oidcSettings(config);
  if (!settings) return NextResponse.redirect(new URL("/sign-in", config.CODEYARD_PUBLIC_URL));
  const pending = decodePending(request.cookies.get(OIDC_PENDING_COOKIE)?.value);
  const clearPending = (response: NextResponse) => {
    response.cookies.set(OIDC_PENDING_COOKIE, "", cookieOptions(config.CODEYARD_PUBLIC_URL, { maxAge: 0, path: "/sign-in/oidc" }));
    return response;
  };
  if (!pending) return clearPending(oidcFailureRedirect(null, "expired"));
  try {
    const identity = await completeOidcSignIn(settings, request.nextUrl.searchParams, pending);
    const db = await getDb();
    const { user } = await findOrCreateOidcUser(db, identity);
    const { token, session } = await createAuthSession(db, user.id);
    const response = NextResponse.redirect(new URL(pending.next, config.CODEYARD_PUBLIC_URL));
    response.cookies.set(SESSION_COOKIE, token, cookieOptions(config.CODEYARD_PUBLIC_URL, { expires: session.expiresAt }));
    return clearPending(response);
  } catch (error) {
    return clearPending(oidcFailureRedirect(error));
  }
}
