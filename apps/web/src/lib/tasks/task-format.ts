/** How tasks read on the phone: status words, filters and elapsed time. */
import type { TaskStatus, TaskSummary } from "@codeyard/protocol";
import { formatCost } from "../ide/format";

export const STATUS_LABEL: Record<TaskStatus, string> = {
  running: "Running",
  waiting: "Waiting for you",
  done: "Done",
  failed: "Failed",
  interrupted: "Interrupted",
};

export const STATUS_TONE: Record<TaskStatus, "ok" | "warn" | "danger" | "active"> = {
  running: "active",
  waiting: "warn",
  done: "ok",
  failed: "danger",
  interrupted: "danger",
};

/** The inbox's filters; "failed" includes interrupted tasks (both ended without the work done). */
export const INBOX_FILTERS = [
  { id: "all", label: "All", statuses: undefined },
  { id: "running", label: "Running", statuses: ["running"] },
  { id: "waiting", label: "Waiting", statuses: ["waiting"] },
  { id: "done", label: "Done", statuses: ["done"] },
  { id: "failed", label: "Failed", statuses: ["failed", "interrupted"] },
] as const satisfies ReadonlyArray<{ id: string; label: string; statuses: readonly TaskStatus[] | undefined }>;

export type InboxFilter = (typeof INBOX_FILTERS)[number]["id"];

export function matchesFilter(task: Pick<TaskSummary, "status">, filter: InboxFilter): boolean {
  const statuses = INBOX_FILTERS.find((candidate) => candidate.id === filter)?.statuses as readonly TaskStatus[] | undefined;
  return !statuses || statuses.includes(task.status);
}

/** The task's cost; "cost unknown" when tokens were used on a model without a known price. */
export function taskCost(task: Pick<TaskSummary, "costUsd" | "tokens">): string {
  return formatCost(task.costUsd, !(task.costUsd === 0 && task.tokens > 0));
}

/** How long the task has been (or was) at work: to now while running, else to its last change. */
export function elapsedMs(task: Pick<TaskSummary, "status" | "createdAt" | "updatedAt" | "finishedAt">, now: number): number {
  const end = task.status === "running" ? now : Date.parse(task.finishedAt ?? task.updatedAt);
  return Math.max(0, end - Date.parse(task.createdAt));
}

export function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d`;
}
