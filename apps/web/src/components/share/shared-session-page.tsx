/**
 * The server side of a shared session's page, for both ways in (a link's token, or a member's
 * session id): decides access with the same rule as the broker, then renders the live viewer, or
 * says why not. It reads only the database; the sandbox is never involved.
 */
import { resolveShareAccess, type ShareDenial } from "@codeyard/db";
import { env } from "@codeyard/env";
import type { ShareCredential } from "@codeyard/protocol";
import Link from "next/link";
import { buttonStyles } from "@/components/forms/styles";
import { getCurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/auth/database";
import { forkTargets } from "@/lib/sharing/fork-request";
import { SharedSessionViewer } from "./shared-session-viewer";

export async function SharedSessionPage({ credential, path }: { credential: ShareCredential; path: string }) {
  const user = await getCurrentUser();
  const db = await getDb();
  const access = await resolveShareAccess(db, { credential, userId: user?.id ?? null });
  if (!access.ok) return <ShareRefused reason={access.reason} message={access.message} signedIn={Boolean(user)} path={path} />;
  return (
    <SharedSessionViewer
      brokerUrl={env().CODEYARD_BROKER_PUBLIC_URL}
      credential={credential}
      session={{ id: access.session.id, title: access.session.title, projectName: access.session.projectName, orgName: access.session.orgName, ownerName: access.session.ownerName }}
      visibility={access.visibility}
      signInPath={user ? null : path}
      forkTargets={user ? await forkTargets(db, user.id) : []}
    />
  );
}

const TITLES: Record<ShareDenial, string> = {
  not_found: "Shared session not found",
  revoked: "This link was revoked",
  expired: "This link has expired",
  link_shares_disabled: "Link sharing is turned off",
  members_only: "For members of the organization",
  sign_in: "Sign in to read this session",
};

function ShareRefused({ reason, message, signedIn, path }: { reason: ShareDenial; message: string; signedIn: boolean; path: string }) {
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-3 px-4 py-16" data-testid="share-refused" data-reason={reason}>
      <h1 className="text-xl font-semibold tracking-tight">{TITLES[reason]}</h1>
      <p className="text-sm text-muted">{message}</p>
      <div className="flex gap-2 pt-2">
        {!signedIn && (reason === "sign_in" || reason === "members_only" || reason === "not_found") && (
          <Link href={`/sign-in?next=${encodeURIComponent(path)}`} className={buttonStyles.primary}>
            Sign in
          </Link>
        )}
        <Link href="/" className={buttonStyles.secondary}>
          Codeyard home
        </Link>
      </div>
    </main>
  );
}
