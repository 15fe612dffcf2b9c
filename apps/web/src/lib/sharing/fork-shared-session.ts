/**
 * Forking a shared session into a project of one's own: a new session and sandbox from a
 * checkpoint's snapshot (or the latest point, `checkpointId: null`) plus the conversation up to
 * it. The checkpoint machinery is not in this build yet, so this is the one place that will do it;
 * until then it refuses with a typed error. Callers validate access, the checkpoint and the target
 * project first (validateForkRequest).
 */

export type ForkSource = { shareToken: string; sessionId?: never } | { sessionId: string; shareToken?: never };

export type ForkSharedSessionInput = ForkSource & {
  /** A checkpoint of the shared session, or null for its latest point. */
  checkpointId: string | null;
  /** A project of the user's own (they are a member of its organization). */
  targetProjectId: string;
  userId: string;
};

export interface ForkResult {
  projectId: string;
  sessionId: string;
}

export class ForkUnavailableError extends Error {
  readonly code = "fork_unavailable";

  constructor(message = "Forking a shared session is not available on this server yet: it needs checkpoints, which this version does not have. Nothing was created.") {
    super(message);
    this.name = "ForkUnavailableError";
  }
}

export async function forkSharedSession(input: ForkSharedSessionInput): Promise<ForkResult> {
  void input;
  throw new ForkUnavailableError();
}
