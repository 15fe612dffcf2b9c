import type { Metadata } from "next";
import { SharedSessionPage } from "@/components/share/shared-session-page";

// The token is in the URL: no referrer leaves this page, and search engines stay out.
export const metadata: Metadata = { title: "Shared session · Codeyard", referrer: "no-referrer", robots: { index: false, follow: false } };

/** A session shared by link: `/share/<token>` (works signed out for `link` shares). */
export default async function ShareTokenPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  // A malformed token matches no link: resolveShareAccess answers "not found" for it.
  return <SharedSessionPage credential={{ kind: "token", token }} path={`/share/${encodeURIComponent(token)}`} />;
}
