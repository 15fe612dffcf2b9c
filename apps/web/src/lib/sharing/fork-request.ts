/**
 * Checks a fork request from the shared-session viewer before anything is forked: the user may
 * read the shared session (the same rule as the viewer), the checkpoint belongs to it, and the
 * target project is one of the user's own.
 */
import { findReachableCheckpoint, resolveShareAccess, type Db, type DbOrTx, type ShareCredentialInput } from "@codeyard/db";
import { OrgError } from "../orgs/org-error";
import { projectForUser } from "../projects/projects";
import type { ForkSharedSessionInput } from "./fork-shared-session";

export interface ForkTarget {
  id: string;
  name: string;
  orgName: string;
}

/** Projects the user may fork into: those of every organization they belong to, recent first. */
export async function forkTargets(db: DbOrTx, userId: string): Promise<ForkTarget[]> {
  const rows = await db.project.findMany({
    where: { org: { memberships: { some: { userId } } } },
    orderBy: { updatedAt: "desc" },
    take: 200,
    select: { id: true, name: true, org: { select: { name: true } } },
  });
  return rows.map((row) => ({ id: row.id, name: row.name, orgName: row.org.name }));
}

export async function validateForkRequest(
  db: Db,
  input: { credential: ShareCredentialInput; userId: string; checkpointId: string | null; targetProjectId: string },
): Promise<ForkSharedSessionInput> {
  const access = await resolveShareAccess(db, { credential: input.credential, userId: input.userId });
  if (!access.ok) throw new OrgError(access.reason === "not_found" ? "not_found" : "forbidden", access.message);
  const checkpoint = input.checkpointId === null || input.checkpointId.length <= 64 ? await findReachableCheckpoint(db, access.session.id, input.checkpointId) : null;
  if (!checkpoint) {
    throw new OrgError(
      "not_found",
      input.checkpointId === null
        ? "This session has no checkpoint to fork from yet: the first one is taken when its agent starts working."
        : "This checkpoint is not part of the shared session (any more); reload the page and pick another one.",
    );
  }
  if (!(await projectForUser(db, input.userId, input.targetProjectId))) {
    throw new OrgError("not_found", "Pick one of your own projects to fork into: this one does not exist or you are not a member of its organization.");
  }
  return { sourceSessionId: access.session.id, checkpoint, targetProjectId: input.targetProjectId, userId: input.userId };
}
