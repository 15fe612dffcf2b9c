/** Remembers the organization the user picked (or just created), for the top bar and new projects. */
import { env } from "@codeyard/env";
import { cookies } from "next/headers";
import { cookieOptions } from "../auth/session-cookie";
import { CURRENT_ORG_COOKIE } from "./current-org";

export async function rememberOrg(orgId: string): Promise<void> {
  (await cookies()).set(CURRENT_ORG_COOKIE, orgId, cookieOptions(env().CODEYARD_PUBLIC_URL, { maxAge: 365 * 24 * 3600 }));
}

export async function rememberedOrg(): Promise<string | undefined> {
  return (await cookies()).get(CURRENT_ORG_COOKIE)?.value;
}
