/**
 * Best-of-N attempt groups of a session, from its events: `attempts-started` lists the attempts,
 * each `attempt-updated` carries an attempt's whole summary (status, verification, diff size,
 * cost, kept/archived), `attempt-kept` closes the group. A pure reducer like the transcript's.
 */
import {
  CheckpointEventPayloads,
  rankAttempts,
  type AttemptSummary,
  type SessionEvent,
} from "@codeyard/protocol";

export interface AttemptView extends AttemptSummary {
  /** 1-based position in the order the attempts were started ("Attempt 2"). */
  number: number;
}

export interface AttemptGroupView {
  groupId: string;
  checkpointId: string;
  prompt: string;
  startedAt: string;
  /** In start order; see `rankedAttempts` for the best first. */
  attempts: AttemptView[];
  keptAttemptId: string | null;
}

const FINISHED = new Set<AttemptSummary["status"]>(["done", "failed", "interrupted", "stopped"]);

export function applyAttemptEvent(
  groups: AttemptGroupView[],
  event: SessionEvent,
): AttemptGroupView[] {
  switch (event.type) {
    case "attempts-started": {
      const parsed = CheckpointEventPayloads["attempts-started"].safeParse(event.payload);
      if (!parsed.success) return groups;
      const { groupId, checkpointId, prompt, attempts } = parsed.data;
      const group: AttemptGroupView = {
        groupId,
        checkpointId,
        prompt,
        startedAt: event.at,
        keptAttemptId: null,
        attempts: attempts.map(({ attemptId, sessionId, model }, index) => ({
          attemptId,
          sessionId,
          model,
          number: index + 1,
          status: "pending",
          verifyResult: null,
          verifyOutput: null,
          diffFiles: null,
          diffAdded: null,
          diffRemoved: null,
          costUsd: 0,
          outcome: "open",
        })),
      };
      return [...groups.filter((existing) => existing.groupId !== groupId), group];
    }
    case "attempt-updated": {
      const parsed = CheckpointEventPayloads["attempt-updated"].safeParse(event.payload);
      if (!parsed.success) return groups;
      const { groupId, ...summary } = parsed.data;
      return updateGroup(groups, groupId, (group) => ({
        ...group,
        attempts: group.attempts.map((attempt) =>
          attempt.attemptId === summary.attemptId
            ? { ...summary, number: attempt.number }
            : attempt,
        ),
      }));
    }
    case "attempt-kept": {
      const parsed = CheckpointEventPayloads["attempt-kept"].safeParse(event.payload);
      if (!parsed.success) return groups;
      return updateGroup(groups, parsed.data.groupId, (group) => ({
        ...group,
        keptAttemptId: parsed.data.attemptId,
      }));
    }
    default:
      return groups;
  }
}

export function applyAttemptEvents(
  groups: AttemptGroupView[],
  events: readonly SessionEvent[],
): AttemptGroupView[] {
  return events.reduce(applyAttemptEvent, groups);
}

function updateGroup(
  groups: AttemptGroupView[],
  groupId: string,
  update: (group: AttemptGroupView) => AttemptGroupView,
): AttemptGroupView[] {
  const index = groups.findIndex((group) => group.groupId === groupId);
  if (index < 0) return groups;
  const next = groups.slice();
  next[index] = update(groups[index]!);
  return next;
}

/** Best first: verification passed, then the smaller diff, then the lower cost. */
export function rankedAttempts(group: AttemptGroupView): AttemptView[] {
  return rankAttempts(group.attempts);
}

export function isFinished(attempt: Pick<AttemptSummary, "status">): boolean {
  return FINISHED.has(attempt.status);
}

/** An attempt can be kept once it finished, while no attempt of its group was kept. */
export function canKeep(group: AttemptGroupView, attempt: AttemptView): boolean {
  const decided =
    group.keptAttemptId !== null || group.attempts.some((other) => other.outcome === "kept");
  return !decided && attempt.outcome === "open" && isFinished(attempt);
}

export type VerifyTone = "ok" | "error" | "warn" | "muted";

/** What the attempt's verification says, in a few words. */
export function verifyLabel(attempt: AttemptSummary): { text: string; tone: VerifyTone } {
  if (attempt.verifyResult === "passed") return { text: "Verify passed", tone: "ok" };
  if (attempt.verifyResult === "failed") return { text: "Verify failed", tone: "error" };
  if (attempt.verifyResult === "error") return { text: "Verify error", tone: "error" };
  if (attempt.status === "pending") return { text: "Waiting to start", tone: "muted" };
  if (attempt.status === "running") return { text: "Working…", tone: "warn" };
  return { text: "Not verified", tone: "muted" };
}

/** Groups still running an attempt. */
export function isGroupRunning(group: AttemptGroupView): boolean {
  return group.attempts.some((attempt) => !isFinished(attempt));
}

/**
 * The `models` of the request: none when every field is blank (the project's model for all),
 * else one per attempt with blanks filled by the project's model.
 */
export function attemptModels(
  fields: readonly string[],
  defaultModel: string | null,
): string[] | null | "incomplete" {
  const trimmed = fields.map((field) => field.trim());
  if (trimmed.every((field) => field === "")) return null;
  if (trimmed.some((field) => field === "") && !defaultModel) return "incomplete";
  return trimmed.map((field) => field || defaultModel!);
}
