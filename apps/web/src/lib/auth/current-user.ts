/** Who is signed in, for server components, server actions and route handlers. */
import { validateAuthSession, type SessionUser } from "@codeyard/db";
import { env } from "@codeyard/env";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "./database";
import { cookieOptions, SESSION_COOKIE } from "./session-cookie";

/** The signed-in user, or null. Validated against the database once per request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const login = await validateAuthSession(await getDb(), token);
  return login?.user ?? null;
});

/** The signed-in user; anyone else is sent to the sign-in page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

export async function setLoginCookie(token: string, expires: Date): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, token, cookieOptions(env().CODEYARD_PUBLIC_URL, { expires }));
}

export async function clearLoginCookie(): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, "", cookieOptions(env().CODEYARD_PUBLIC_URL, { maxAge: 0 }));
}

/** The client's address as the nearest proxy reports it, for rate limiting; "unknown" without one. */
export async function clientAddress(): Promise<string> {
  const list = await headers();
  const forwarded = list.get("x-forwarded-for")?.split(",")[0]?.trim();
  return (forwarded || list.get("x-real-ip") || "unknown").slice(0, 64);
}
