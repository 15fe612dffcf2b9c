import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { env } from "@codeyard/env";
import { buttonStyles, cardStyles } from "@/components/forms/styles";
import { getCurrentUser } from "@/lib/auth/current-user";
import { oidcSettings } from "@/lib/auth/oidc";
import { OIDC_ERROR_MESSAGES } from "@/lib/auth/oidc-redirects";
import { safeNextPath } from "@/lib/auth/schemas";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in · Codeyard" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  if (await getCurrentUser()) redirect(next);
  const sso = oidcSettings(env()) !== null;
  const errorCode = typeof params.error === "string" ? params.error : undefined;
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-1">
        <h1 className="text-xl font-semibold tracking-tight">Sign in</h1>
        <p className="text-sm text-muted">Welcome back. Sign in to get to your projects.</p>
      </div>
      {errorCode && (
        <p role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
          {OIDC_ERROR_MESSAGES[errorCode] ?? OIDC_ERROR_MESSAGES.oidc_failed}
        </p>
      )}
      <div className={`${cardStyles} flex flex-col gap-4 p-5`}>
        {sso && (
          <>
            <a href={`/sign-in/oidc?next=${encodeURIComponent(next)}`} className={buttonStyles.secondary}>
              Continue with single sign-on
            </a>
            <div className="flex items-center gap-3 text-xs text-muted">
              <span className="h-px flex-1 bg-border" />
              or with a password
              <span className="h-px flex-1 bg-border" />
            </div>
          </>
        )}
        <SignInForm next={next} />
      </div>
      <p className="text-sm text-muted">
        No account yet?{" "}
        <Link href="/sign-up" className="font-medium text-fg underline underline-offset-2">
          Create one
        </Link>
      </p>
    </div>
  );
}
