import type { Metadata } from "next";
import { env } from "@codeyard/env";
import { IdeScreen } from "@/components/ide/ide-screen";
import { requireIdeSession } from "./_lib/ide-access";

interface Params {
  projectId: string;
  sessionId: string;
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { projectId, sessionId } = await params;
  const session = await requireIdeSession(projectId, sessionId);
  return { title: `${session.title || "Session"} · ${session.project.name} — Codeyard` };
}

export default async function SessionPage({ params }: { params: Promise<Params> }) {
  const { projectId, sessionId } = await params;
  const session = await requireIdeSession(projectId, sessionId);
  return (
    <IdeScreen
      brokerUrl={env().CODEYARD_BROKER_PUBLIC_URL}
      projectId={session.project.id}
      projectName={session.project.name}
      sessionId={session.id}
      sessionTitle={session.title}
      verifyCommand={session.project.verifyCommand}
      defaultModel={session.project.model}
    />
  );
}
