/**
 * OpenID Connect sign-in (authorization code + PKCE, state and nonce) with openid-client. Enabled
 * when CODEYARD_OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET are all set. The browser carries the
 * state, nonce and code verifier between the two legs in a short-lived httpOnly cookie.
 */
import * as client from "openid-client";
import { z } from "zod";
import type { OidcIdentity } from "./accounts";
import { emailField, nameField } from "./schemas";

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back: `<public URL>/sign-in/oidc/callback`. */
  redirectUri: string;
}

export const OIDC_CALLBACK_PATH = "/sign-in/oidc/callback";
export const OIDC_PENDING_COOKIE = "codeyard_oidc";
export const OIDC_PENDING_MAX_AGE_S = 600;

/** Why a sign-in failed; the sign-in page shows a fixed text per code (never text from the URL). */
export type OidcErrorCode = "unreachable" | "refused" | "failed" | "no_email" | "unverified";

export class OidcError extends Error {
  constructor(
    readonly code: OidcErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "OidcError";
  }
}

export function oidcSettings(config: {
  CODEYARD_OIDC_ISSUER?: string;
  CODEYARD_OIDC_CLIENT_ID?: string;
  CODEYARD_OIDC_CLIENT_SECRET?: string;
  CODEYARD_PUBLIC_URL: string;
}): OidcSettings | null {
  const { CODEYARD_OIDC_ISSUER: issuer, CODEYARD_OIDC_CLIENT_ID: clientId, CODEYARD_OIDC_CLIENT_SECRET: clientSecret } = config;
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer, clientId, clientSecret, redirectUri: new URL(OIDC_CALLBACK_PATH, config.CODEYARD_PUBLIC_URL).toString() };
}

const configurations = new Map<string, Promise<client.Configuration>>();

function configurationFor(settings: OidcSettings): Promise<client.Configuration> {
  const key = `${settings.issuer}\0${settings.clientId}`;
  let found = configurations.get(key);
  if (!found) {
    // Plain http is allowed only when the administrator configured an http issuer (a lab or test IdP).
    const execute = new URL(settings.issuer).protocol === "http:" ? [client.allowInsecureRequests] : [];
    found = client.discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, { execute }).catch((error: unknown) => {
      configurations.delete(key);
      throw new OidcError("unreachable", `Could not reach the identity provider at ${settings.issuer} (${describe(error)}). Check CODEYARD_OIDC_ISSUER, or sign in with a password.`, { cause: error });
    });
    configurations.set(key, found);
  }
  return found;
}

export const pendingSchema = z.object({
  state: z.string().min(16).max(256),
  nonce: z.string().min(16).max(256),
  verifier: z.string().min(43).max(128),
  next: z.string().max(2048),
});
export type PendingOidc = z.infer<typeof pendingSchema>;

export function encodePending(pending: PendingOidc): string {
  return Buffer.from(JSON.stringify(pending)).toString("base64url");
}

export function decodePending(value: string | undefined): PendingOidc | null {
  if (!value || value.length > 4096) return null;
  try {
    const parsed = pendingSchema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The provider's authorization URL, and what the callback must check. */
export async function beginOidcSignIn(settings: OidcSettings, next: string): Promise<{ url: URL; pending: PendingOidc }> {
  const config = await configurationFor(settings);
  const pending: PendingOidc = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), next };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: settings.redirectUri,
    scope: "openid email profile",
    response_type: "code",
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: "S256",
  });
  return { url, pending };
}

const claimsSchema = z.object({
  email: z.string().optional(),
  email_verified: z.union([z.boolean(), z.literal("true"), z.literal("false")]).optional(),
  name: z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
  preferred_username: z.string().optional(),
});

/**
 * Exchanges the code the provider sent back (`query`: the callback's query string) for tokens,
 * checking state, nonce and PKCE, and returns who signed in.
 */
export async function completeOidcSignIn(settings: OidcSettings, query: URLSearchParams, pending: PendingOidc): Promise<OidcIdentity> {
  const config = await configurationFor(settings);
  const error = query.get("error");
  if (error) {
    const description = query.get("error_description");
    throw new OidcError("refused", `The identity provider refused the sign-in (${error}${description ? `: ${description.slice(0, 200)}` : ""}). Try again, or ask your administrator.`);
  }
  // Built from the configured redirect URI, not the request's host, which a reverse proxy may change.
  const currentUrl = new URL(settings.redirectUri);
  currentUrl.search = query.toString();
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
  } catch (cause) {
    throw new OidcError("failed", `The sign-in could not be completed (${describe(cause)}). Start again from the sign-in page.`, { cause });
  }
  const idClaims = tokens.claims();
  if (!idClaims) throw new OidcError("failed", "The identity provider sent no ID token. Check that the client is an OpenID Connect client.");
  let claims = claimsSchema.parse(idClaims);
  if (!claims.email) {
    const userInfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    claims = { ...claims, ...claimsSchema.parse(userInfo) };
  }
  return identityFrom(claims);
}

function identityFrom(claims: z.infer<typeof claimsSchema>): OidcIdentity {
  const email = emailField.safeParse(claims.email ?? "");
  if (!email.success) throw new OidcError("no_email", "The identity provider did not share an email address. Allow the `email` scope for Codeyard in the provider.");
  // Accounts are matched by email, so an address the provider says is unverified must not take over one.
  if (claims.email_verified === false || claims.email_verified === "false") {
    throw new OidcError("unverified", `The identity provider says ${email.data} is not verified. Verify it there, then sign in again.`);
  }
  const fullName = [claims.given_name, claims.family_name].filter(Boolean).join(" ");
  const name = nameField.safeParse(claims.name || fullName || claims.preferred_username || email.data.split("@")[0]);
  return { email: email.data, name: name.success ? name.data : email.data.split("@")[0]!.slice(0, 100) };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
