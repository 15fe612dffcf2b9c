import { notFound, redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/auth/database";
import { OrgError } from "@/lib/orgs/org-error";
import { openSession } from "@/lib/projects/projects";

/** A project's address opens its most recent session (the IDE), creating the first one if needed. */
export default async function ProjectPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requireUser();
  let sessionId: string;
  try {
    sessionId = await openSession(await getDb(), user.id, projectId);
  } catch (error) {
    if (error instanceof OrgError) notFound();
    throw error;
  }
  redirect(`/projects/${projectId}/sessions/${sessionId}`);
}
