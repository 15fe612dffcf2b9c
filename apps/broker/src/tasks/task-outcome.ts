/**
 * How a finished run moves its task, and what the owner is told. A run that asked the user a
 * question (ask_user → reason `awaiting-user`) leaves the task `waiting`; a stopped run (by the
 * user or the step limit) counts as `interrupted`: it ended before the agent said it was done.
 */
import type { NotificationKind, RunEventPayload, TaskStatus } from "@codeyard/protocol";
import type { NewNotification } from "../notifications/notification-store.js";
import type { TaskRecord, TaskTransition } from "./task-store.js";

export interface TaskOutcome extends TaskTransition {
  status: Exclude<TaskStatus, "running">;
}

export function outcomeOfRun(finished: Pick<RunEventPayload<"run-finished">, "status" | "reason">, at: Date): TaskOutcome {
  const { status, reason } = finished;
  if (status === "done" && reason.code === "awaiting-user") return { status: "waiting", statusReason: reason.message, finishedAt: null };
  if (status === "done") return { status: "done", statusReason: null, finishedAt: at };
  if (status === "failed") return { status: "failed", statusReason: reason.message, finishedAt: at };
  return { status: "interrupted", statusReason: reason.message, finishedAt: at };
}

/** The phone view of a task: where a tapped notification leads. */
export const taskUrl = (taskId: string) => `/m/tasks/${taskId}`;

const TITLES: Record<TaskOutcome["status"], { kind: NotificationKind; title: string }> = {
  done: { kind: "task-done", title: "Task finished" },
  waiting: { kind: "task-waiting", title: "Task needs your answer" },
  failed: { kind: "task-failed", title: "Task failed" },
  interrupted: { kind: "task-interrupted", title: "Task interrupted" },
};

const clip = (text: string, max: number) => {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

export function notificationFor(task: Pick<TaskRecord, "id" | "createdById" | "projectName" | "prompt">, outcome: TaskOutcome): NewNotification {
  const { kind, title } = TITLES[outcome.status];
  const body = outcome.status === "done" || !outcome.statusReason ? clip(task.prompt, 160) : clip(outcome.statusReason, 300);
  return { userId: task.createdById, kind, title: `${title} · ${clip(task.projectName, 40)}`, body, url: taskUrl(task.id), taskId: task.id };
}
