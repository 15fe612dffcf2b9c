/** The projects a new task can run in: every project of every organization the user belongs to. */
import type { DbOrTx } from "@codeyard/db";

export interface ComposerProject {
  id: string;
  name: string;
  orgName: string;
  /** The project's default model; null when none is configured (tasks there are refused). */
  model: string | null;
}

export async function projectsForTasks(db: DbOrTx, userId: string): Promise<ComposerProject[]> {
  const rows = await db.project.findMany({
    where: { org: { memberships: { some: { userId } } } },
    orderBy: { updatedAt: "desc" },
    take: 500,
    select: { id: true, name: true, model: true, org: { select: { name: true } } },
  });
  return rows.map((row) => ({ id: row.id, name: row.name, orgName: row.org.name, model: row.model }));
}
