/** Starts single sign-on: remembers state, nonce and PKCE verifier in a cookie, then goes to the provider. */
import { env } from "@codeyard/env";
import { NextResponse, type NextRequest } from "next/server";
import { beginOidcSignIn, encodePending, OIDC_PENDING_COOKIE, OIDC_PENDING_MAX_AGE_S, oidcSettings } from "@/lib/auth/oidc";
import { oidcFailureRedirect } from "@/lib/auth/oidc-redirects";
import { safeNextPath } from "@/lib/auth/schemas";
import { cookieOptions } from "@/lib/auth/session-cookie";

export async function GET(request: NextRequest): Promise<Response> {
  const config = env();
  const settings = oidcSettings(config);
  if (!settings) return NextResponse.redirect(new URL("/sign-in", config.CODEYARD_PUBLIC_URL));
  try {
    const { url, pending } = await beginOidcSignIn(settings, safeNextPath(request.nextUrl.searchParams.get("next")));
    const response = NextResponse.redirect(url);
    response.cookies.set(OIDC_PENDING_COOKIE, encodePending(pending), cookieOptions(config.CODEYARD_PUBLIC_URL, { maxAge: OIDC_PENDING_MAX_AGE_S, path: "/sign-in/oidc" }));
    return response;
  } catch (error) {
    return oidcFailureRedirect(error);
  }
}
