/**
 * Forking a shared session into a project of one's own: a new session in that project whose log is
 * the shared conversation up to a checkpoint (or its latest one), marked as forked from that
 * checkpoint. The web app never touches sandboxes: the broker forks the session's sandbox from the
 * checkpoint's snapshot and environment the first time the new session is opened. Callers validate
 * access, the checkpoint and the target project first (validateForkRequest).
 */
import { createBranchSession, type Db } from "@codeyard/db";
import type { CheckpointPosition } from "@codeyard/db";

export interface ForkSharedSessionInput {
  /** The shared session the viewer may read. */
  sourceSessionId: string;
  /** A checkpoint in its history (validated). */
  checkpoint: CheckpointPosition;
  /** A project of the user's own (they are a member of its organization). */
  targetProjectId: string;
  userId: string;
}

export interface ForkResult {
  projectId: string;
  sessionId: string;
}

export async function forkSharedSession(db: Db, input: ForkSharedSessionInput): Promise<ForkResult> {
  const source = await db.session.findUniqueOrThrow({ where: { id: input.sourceSessionId }, select: { title: true } });
  const forked = await createBranchSession(db, {
    // The checkpoint may be an ancestor's: that session's log up to it is the shared one's too.
    fromSessionId: input.checkpoint.sessionId,
    uptoSeq: input.checkpoint.seq,
    projectId: input.targetProjectId,
    ownerId: input.userId,
    title: `Fork of ${source.title || "a shared session"}`,
    forkedFromCheckpointId: input.checkpoint.id,
  });
  return { projectId: input.targetProjectId, sessionId: forked.id };
}
