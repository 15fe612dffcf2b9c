import type { Metadata } from "next";
import { SharedSessionPage } from "@/components/share/shared-session-page";

export const metadata: Metadata = { title: "Shared session · Codeyard", robots: { index: false, follow: false } };

/** A shared session opened by a member of its organization (from the team page): `/shared/<sessionId>`. */
export default async function SharedSessionByIdPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  return <SharedSessionPage credential={{ kind: "session", sessionId: sessionId.slice(0, 64) }} path={`/shared/${encodeURIComponent(sessionId)}`} />;
}
