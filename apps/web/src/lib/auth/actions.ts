"use server";
/** Sign up, sign in, sign out. */
import { createAuthSession, revokeAuthSession } from "@codeyard/db";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { formValues, invalid, failure, type FormState } from "@/components/forms/form-state";
import { rememberOrg } from "../orgs/remember-org";
import { authenticate, createAccount } from "./accounts";
import { clearLoginCookie, clientAddress, setLoginCookie } from "./current-user";
import { getDb } from "./database";
import { hashPassword } from "./password";
import { describeWait, signInLimiter } from "./rate-limit";
import { safeNextPath, signInSchema, signUpSchema } from "./schemas";
import { serverFailure } from "./server-failure";
import { SESSION_COOKIE } from "./session-cookie";

export async function signUpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, ["password"]);
  const parsed = signUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    const db = await getDb();
    const { user, org } = await createAccount(db, { ...parsed.data, passwordHash: await hashPassword(parsed.data.password) });
    const { token, session } = await createAuthSession(db, user.id);
    await setLoginCookie(token, session.expiresAt);
    await rememberOrg(org.id);
  } catch (error) {
    return serverFailure(error, values);
  }
  redirect("/projects");
}

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, ["password"]);
  const parsed = signInSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  const { email, password } = parsed.data;
  const client = await clientAddress();
  const verdict = signInLimiter.check(email, client);
  if (!verdict.allowed) {
    return failure(`Too many failed sign-ins for ${email}. Wait ${describeWait(verdict.retryAfterMs)}, then try again.`, values);
  }
  try {
    const db = await getDb();
    const user = await authenticate(db, email, password);
    if (!user) {
      signInLimiter.recordFailure(email, client);
      return {
        status: "error",
        message: "The email or the password is wrong. Check both and try again.",
        fieldErrors: { password: "Check your password." },
        values,
      };
    }
    signInLimiter.recordSuccess(email, client);
    const { token, session } = await createAuthSession(db, user.id);
    await setLoginCookie(token, session.expiresAt);
  } catch (error) {
    return serverFailure(error, values);
  }
  redirect(safeNextPath(formData.get("next")));
}

export async function signOutAction(): Promise<void> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (token) {
    try {
      await revokeAuthSession(await getDb(), token);
    } catch (error) {
      // The cookie is cleared anyway; an unrevoked login expires on its own.
      console.error(error);
    }
  }
  await clearLoginCookie();
  redirect("/sign-in");
}
