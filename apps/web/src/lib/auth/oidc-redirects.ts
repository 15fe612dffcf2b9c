/** Where a failed single sign-on lands: the sign-in page with an error code (never free text in the URL). */
import { env } from "@codeyard/env";
import { NextResponse } from "next/server";
import { OidcError } from "./oidc";

export const OIDC_ERROR_MESSAGES: Record<string, string> = {
  oidc_unreachable: "The identity provider could not be reached. Try again in a moment, or sign in with a password.",
  oidc_refused: "The identity provider did not let you sign in. Try again, or ask your administrator.",
  oidc_failed: "Single sign-on did not complete. Start again; if it keeps failing, ask your administrator to check the web app's log.",
  oidc_expired: "The single sign-on attempt expired or was started in another browser. Start again.",
  oidc_no_email: "The identity provider did not share your email address, which Codeyard needs. Ask your administrator to allow the email scope.",
  oidc_unverified: "The identity provider says your email address is not verified. Verify it there, then sign in again.",
};

export function oidcFailureRedirect(error: unknown, code?: string): NextResponse {
  if (error) console.error(error);
  const reason = code ?? (error instanceof OidcError ? error.code : "failed");
  return NextResponse.redirect(new URL(`/sign-in?error=oidc_${reason}`, env().CODEYARD_PUBLIC_URL));
}
