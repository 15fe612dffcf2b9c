/** Who may open a session's IDE: a signed-in member of the project's organization. */
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/auth/database";
import { projectForUser } from "@/lib/projects/projects";

export interface IdeSession {
  id: string;
  title: string;
  project: { id: string; name: string; verifyCommand: string | null; model: string | null };
}

/** The session, or `notFound()` — unknown and forbidden look alike. Signed-out visitors go to sign-in. */
export const requireIdeSession = cache(
  async (projectId: string, sessionId: string): Promise<IdeSession> => {
    const user = await requireUser();
    const db = await getDb();
    const access = await projectForUser(db, user.id, projectId);
    if (!access || sessionId.length > 64) notFound();
    const session = await db.session.findFirst({
      where: { id: sessionId, projectId },
      select: { id: true, title: true },
    });
    if (!session) notFound();
    const { id, name, verifyCommand, model } = access.project;
    return { ...session, project: { id, name, verifyCommand, model } };
  },
);
