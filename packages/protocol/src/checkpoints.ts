/**
 * Checkpoints, rewind, branches and best-of-N attempts: their session events and requests.
 * A checkpoint is a point of a session's log (`seq`) with the workspace and environment as they
 * were there. Rewinding appends `conversation-rewound`: the log stays append-only, and readers
 * drop the events it rewinds over (`visibleEvents`); the abandoned future lives on as a branch.
 */
import { z } from "zod";
import { Id, MAX_PROMPT_CHARS, Seq, WorkspacePath } from "./common.js";
import type { SessionEvent } from "./session-log.js";

export const MAX_ATTEMPTS = 8;
export const MAX_VERIFY_COMMAND_CHARS = 4_000;

export const CheckpointSummary = z.object({
  checkpointId: Id,
  /** The session the checkpoint was taken in (a branch shows its ancestors' checkpoints too). */
  sessionId: Id,
  seq: Seq,
  parentId: Id.nullable(),
  label: z.string().max(200).nullable(),
  environmentChanged: z.boolean(),
  durationMs: z.number().min(0),
});
export type CheckpointSummary = z.infer<typeof CheckpointSummary>;

export const VerifyResult = z.enum(["passed", "failed", "error"]);
export const AttemptStatus = z.enum(["pending", "running", "done", "failed", "interrupted", "stopped"]);
export const AttemptOutcome = z.enum(["open", "kept", "archived"]);

export const AttemptSummary = z.object({
  attemptId: Id,
  sessionId: Id,
  model: z.string().max(256),
  status: AttemptStatus,
  verifyResult: VerifyResult.nullable(),
  verifyOutput: z.string().nullable(),
  diffFiles: z.number().int().nullable(),
  diffAdded: z.number().int().nullable(),
  diffRemoved: z.number().int().nullable(),
  costUsd: z.number().min(0),
  outcome: AttemptOutcome,
});
export type AttemptSummary = z.infer<typeof AttemptSummary>;

export const AttemptGroupSummary = z.object({
  groupId: Id,
  checkpointId: Id,
  prompt: z.string(),
  verifyCommand: z.string().nullable(),
  /** Best first: see rankAttempts. */
  attempts: z.array(AttemptSummary),
});
export type AttemptGroupSummary = z.infer<typeof AttemptGroupSummary>;

export const WorkspaceDiffBody = z.object({
  files: z.array(z.object({ path: z.string(), status: z.enum(["added", "modified", "deleted"]), added: z.number(), removed: z.number(), binary: z.boolean() })),
  patch: z.string(),
  truncated: z.boolean(),
});
export type WorkspaceDiffBody = z.infer<typeof WorkspaceDiffBody>;

export const BranchNode = z.object({
  sessionId: Id,
  title: z.string(),
  parentSessionId: Id.nullable(),
  forkedFromCheckpointId: Id.nullable(),
  status: z.string(),
  createdAt: z.string(),
  /** Set when the branch is an attempt of a best-of-N group. */
  attemptId: Id.nullable(),
});
export type BranchNode = z.infer<typeof BranchNode>;

/** One side of a diff: a checkpoint, or a session's workspace as it is now. */
export const DiffSide = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("checkpoint"), checkpointId: Id }),
  z.object({ kind: z.literal("session"), sessionId: Id }),
]);
export type DiffSide = z.infer<typeof DiffSide>;

export const CheckpointEventPayloads = {
  /** The checkpoint's position is this event's own seq. */
  "checkpoint-created": CheckpointSummary.omit({ seq: true }),
  /** The session went back to `checkpointId`; events after `toSeq` (up to this one) are hidden. */
  "conversation-rewound": z.object({ checkpointId: Id, toSeq: Seq, futureSessionId: Id, futureCheckpointId: Id }),
  "branch-created": z.object({ sessionId: Id, checkpointId: Id, title: z.string() }),
  "attempts-started": z.object({ groupId: Id, checkpointId: Id, prompt: z.string(), attempts: z.array(z.object({ attemptId: Id, sessionId: Id, model: z.string() })) }),
  "attempt-updated": AttemptSummary.extend({ groupId: Id }),
  "attempt-kept": z.object({ groupId: Id, attemptId: Id, sessionId: Id, checkpointId: Id }),
  /** One file put back as it was at a checkpoint (`deleted`: it did not exist there). */
  "file-rewound": z.object({ path: z.string(), checkpointId: Id, deleted: z.boolean(), rewoundBy: Id }),
} as const;
export type CheckpointEventType = keyof typeof CheckpointEventPayloads;

const sessionRef = { sessionId: Id };

export const CheckpointRequests = {
  "checkpoint-create": { request: z.object({ ...sessionRef, label: z.string().trim().min(1).max(200).optional() }), reply: z.object({ checkpoint: CheckpointSummary }) },
  /** Puts files, environment and conversation back to the checkpoint; the present becomes a branch. */
  "checkpoint-rewind": { request: z.object({ ...sessionRef, checkpointId: Id }), reply: z.object({ futureSessionId: Id }) },
  /** A new session with its own running sandbox from the checkpoint, and the conversation up to it. */
  "branch-create": { request: z.object({ ...sessionRef, checkpointId: Id, title: z.string().trim().min(1).max(200).optional() }), reply: z.object({ sessionId: Id }) },
  /** The session's family: its root and every branch below it. */
  "branch-list": { request: z.object(sessionRef), reply: z.object({ branches: z.array(BranchNode) }) },
  "workspace-diff": { request: z.object({ ...sessionRef, from: DiffSide, to: DiffSide }), reply: WorkspaceDiffBody },
  "attempts-start": {
    request: z.object({
      ...sessionRef,
      /** Default: a checkpoint taken now. */
      checkpointId: Id.optional(),
      prompt: z.string().trim().min(1).max(MAX_PROMPT_CHARS),
      count: z.number().int().min(1).max(MAX_ATTEMPTS),
      /** One model per attempt (cycled when shorter than count); default the project's model. */
      models: z.array(z.string().min(1).max(256)).max(MAX_ATTEMPTS).optional(),
      /** Run in each attempt's sandbox when its agent is done; exit code 0 passes. */
      verifyCommand: z.string().trim().min(1).max(MAX_VERIFY_COMMAND_CHARS).optional(),
    }),
    reply: z.object({ groupId: Id, checkpointId: Id }),
  },
  "attempts-get": { request: z.object({ ...sessionRef, groupId: Id }), reply: AttemptGroupSummary },
  /** Puts one file back as it was at the newest checkpoint before event `beforeSeq`. */
  "file-rewind": {
    request: z.object({ ...sessionRef, path: WorkspacePath, beforeSeq: Seq }),
    reply: z.object({ checkpointId: Id, deleted: z.boolean() }),
  },
  /** The attempt becomes the session's continuation; the other attempts are archived. */
  "attempts-keep": { request: z.object({ ...sessionRef, groupId: Id, attemptId: Id }), reply: z.object({}) },
} as const;

const VERIFY_ORDER: Record<string, number> = { passed: 0, failed: 1, error: 2 };

/** Best attempt first: verification passed, then smaller diff, then lower cost. */
export function rankAttempts<T extends Pick<AttemptSummary, "verifyResult" | "diffAdded" | "diffRemoved" | "costUsd" | "status">>(attempts: T[]): T[] {
  const verifyRank = (attempt: T) => (attempt.verifyResult ? VERIFY_ORDER[attempt.verifyResult]! : attempt.status === "done" ? 3 : 4);
  const diffSize = (attempt: T) => (attempt.diffAdded ?? Number.MAX_SAFE_INTEGER / 2) + (attempt.diffRemoved ?? 0);
  return [...attempts].sort((a, b) => verifyRank(a) - verifyRank(b) || diffSize(a) - diffSize(b) || a.costUsd - b.costUsd);
}

/**
 * The events a reader should show or replay: each `conversation-rewound` hides the events between
 * its target seq and itself (the marker stays, so a view can say that it happened).
 */
export function visibleEvents<T extends Pick<SessionEvent, "seq" | "type" | "payload">>(events: T[]): T[] {
  const kept: T[] = [];
  for (const event of events) {
    if (event.type === "conversation-rewound") {
      const parsed = CheckpointEventPayloads["conversation-rewound"].safeParse(event.payload);
      if (parsed.success) {
        while (kept.length && kept.at(-1)!.seq > parsed.data.toSeq) kept.pop();
      }
    }
    kept.push(event);
  }
  return kept;
}
