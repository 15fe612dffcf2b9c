/**
 * OIDC sign-in against a real OpenID provider (oidc-provider) on a local port: discovery, the
 * authorization request with PKCE, the provider's login and consent pages, the code exchange and
 * the userinfo call all happen over HTTP, as with a company's identity provider.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOrCreateOidcUser } from "./accounts";
import { beginOidcSignIn, completeOidcSignIn, decodePending, encodePending, OidcError, oidcSettings, type OidcSettings, type PendingOidc } from "./oidc";
import { useTemporaryDatabase } from "./testing";

const REDIRECT_URI = "http://localhost:3999/sign-in/oidc/callback";
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  ada: { email: "Ada@Example.com", email_verified: true, name: "Ada Lovelace" },
  eve: { email: "eve@example.com", email_verified: false, name: "Eve" },
  nomail: { name: "No Mail" },
};

let server: Server;
let settings: OidcSettings;
const database = useTemporaryDatabase();

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: "codeyard",
        client_secret: "codeyard-test-secret",
        redirect_uris: [REDIRECT_URI],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    cookies: { keys: ["oidc-test-cookie-key"] },
    findAccount: async (_ctx, sub) => (ACCOUNTS[sub] ? { accountId: sub, claims: async () => ({ sub, ...ACCOUNTS[sub] }) } : undefined),
  });
  server.on("request", provider.callback());
  settings = { issuer, clientId: "codeyard", clientSecret: "codeyard-test-secret", redirectUri: REDIRECT_URI };
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Plays the browser: follows redirects, keeps the provider's cookies, signs in as `login` and consents. */
async function browse(start: URL, login: string): Promise<URLSearchParams> {
  const jar = new Map<string, string>();
  let url = start.toString();
  let form: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    const response = await fetch(url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; "), ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      body: form?.toString(),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...value] = pair!.split("=");
      jar.set(name!.trim(), value.join("="));
    }
    form = undefined;
    const location = response.headers.get("location");
    if (location) {
      const next = new URL(location, url);
      if (next.toString().startsWith(REDIRECT_URI)) return next.searchParams;
      url = next.toString();
      continue;
    }
    const html = await response.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!prompt) throw new Error(`unexpected page from the provider (HTTP ${response.status}): ${html.slice(0, 300)}`);
    form = new URLSearchParams(prompt === "login" ? { prompt, login, password: "any" } : { prompt });
  }
  throw new Error("too many redirects");
}

async function signIn(login: string, tamper: (pending: PendingOidc) => PendingOidc = (pending) => pending) {
  const { url, pending } = await beginOidcSignIn(settings, "/projects/p1");
  const query = await browse(url, login);
  return completeOidcSignIn(settings, query, tamper(pending));
}

const failureCode = (promise: Promise<unknown>) => promise.then(() => "signed in", (error: unknown) => (error instanceof OidcError ? error.code : String(error)));

describe("OIDC sign-in", () => {
  it("is enabled only when issuer, client id and secret are all set", () => {
    const base = { CODEYARD_PUBLIC_URL: "https://code.example.com" };
    expect(oidcSettings(base)).toBeNull();
    expect(oidcSettings({ ...base, CODEYARD_OIDC_ISSUER: "https://id.example.com", CODEYARD_OIDC_CLIENT_ID: "c" })).toBeNull();
    expect(oidcSettings({ ...base, CODEYARD_OIDC_ISSUER: "https://id.example.com", CODEYARD_OIDC_CLIENT_ID: "c", CODEYARD_OIDC_CLIENT_SECRET: "s" })).toEqual({
      issuer: "https://id.example.com",
      clientId: "c",
      clientSecret: "s",
      redirectUri: "https://code.example.com/sign-in/oidc/callback",
    });
  });

  it("sends an authorization request with PKCE (S256), state and nonce", async () => {
    const { url, pending } = await beginOidcSignIn(settings, "/projects");
    expect(url.origin).toBe(settings.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: "codeyard",
      redirect_uri: REDIRECT_URI,
      response_type: "code",
      scope: "openid email profile",
      code_challenge_method: "S256",
      state: pending.state,
      nonce: pending.nonce,
    });
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("code_challenge")).not.toBe(pending.verifier);
    expect(decodePending(encodePending(pending))).toEqual(pending);
    expect(decodePending("not base64 json")).toBeNull();
  });

  it("signs in through the provider and matches or creates the account by email", async () => {
    const identity = await signIn("ada");
    expect(identity).toEqual({ email: "ada@example.com", name: "Ada Lovelace" });

    const { db } = database();
    const first = await findOrCreateOidcUser(db, identity);
    expect(first.created).toBe(true);
    expect(await db.membership.findMany({ where: { userId: first.user.id } })).toEqual([expect.objectContaining({ role: "owner" })]);
    const again = await findOrCreateOidcUser(db, await signIn("ada"));
    expect(again).toMatchObject({ created: false, user: { id: first.user.id } });
  });

  it("rejects a callback whose state does not match (CSRF)", async () => {
    expect(await failureCode(signIn("ada", (pending) => ({ ...pending, state: "x".repeat(43) })))).toBe("failed");
  });

  it("rejects a code redeemed with another PKCE verifier", async () => {
    expect(await failureCode(signIn("ada", (pending) => ({ ...pending, verifier: "v".repeat(43) })))).toBe("failed");
  });

  it("rejects an ID token with another nonce", async () => {
    expect(await failureCode(signIn("ada", (pending) => ({ ...pending, nonce: "n".repeat(43) })))).toBe("failed");
  });

  it("refuses an email the provider marks as unverified, or no email at all", async () => {
    expect(await failureCode(signIn("eve"))).toBe("unverified");
    expect(await failureCode(signIn("nomail"))).toBe("no_email");
  });

  it("reports the provider's error response", async () => {
    const { pending } = await beginOidcSignIn(settings, "/projects");
    const query = new URLSearchParams({ error: "access_denied", error_description: "User cancelled", state: pending.state });
    await expect(completeOidcSignIn(settings, query, pending)).rejects.toThrow("The identity provider refused the sign-in (access_denied: User cancelled)");
  });

  it("explains an unreachable provider", async () => {
    const unreachable = { ...settings, issuer: "http://127.0.0.1:9/" };
    await expect(beginOidcSignIn(unreachable, "/")).rejects.toMatchObject({ code: "unreachable", message: expect.stringContaining("Check CODEYARD_OIDC_ISSUER") });
  });
});
