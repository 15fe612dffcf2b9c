/** What tasks need from the database, as a narrow port (Prisma implementation: prisma-task-store.ts). */
import type { TaskStatus } from "@codeyard/protocol";
import type { NotificationRecord, NewNotification } from "../notifications/notification-store.js";

export interface TaskRecord {
  id: string;
  projectId: string;
  projectName: string;
  sessionId: string | null;
  createdById: string;
  prompt: string;
  model: string | null;
  attempts: number;
  status: TaskStatus;
  statusReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
  changedFiles: number;
  /** Over every run of the task's session (live runs included: see recordRunUsage). */
  costMicroUsd: number;
  tokens: number;
}

export interface NewTask {
  projectId: string;
  userId: string;
  prompt: string;
  model: string;
  attempts: number;
}

export interface TaskTransition {
  status: TaskStatus;
  statusReason: string | null;
  finishedAt: Date | null;
}

export interface TaskStore {
  /** The project (id and name) if the user is a member of its organization, else null. */
  projectForUser(projectId: string, userId: string): Promise<{ id: string; name: string } | null>;
  /** A new session of the project, owned by the user, for a task. */
  createTaskSession(projectId: string, userId: string, title: string): Promise<string>;
  createTask(sessionId: string, task: NewTask): Promise<TaskRecord>;
  /** The task if the user created it and is still a member of its project's organization. */
  taskForUser(taskId: string, userId: string): Promise<TaskRecord | null>;
  tasksForUser(userId: string, options: { statuses?: TaskStatus[]; limit: number }): Promise<TaskRecord[]>;
  taskBySession(sessionId: string): Promise<TaskRecord | null>;
  /** Tasks marked running whose session uses one of these sandboxes (checked after a restart). */
  runningTasks(sandboxIds: string[]): Promise<{ id: string; sessionId: string }[]>;
  /**
   * Moves the task to `to` if its status is one of `from`, and writes `notification` in the same
   * transaction. Null when the task was not in `from` (another writer moved it first).
   */
  transitionTask(taskId: string, from: TaskStatus[], to: TaskTransition, notification?: NewNotification): Promise<{ task: TaskRecord; notification: NotificationRecord | null } | null>;
  setTaskChangedFiles(taskId: string, count: number): Promise<void>;
  /** The running total of a run's usage, so task costs are live (finishRun writes the final one). */
  recordRunUsage(runId: string, usage: { tokensIn: number; tokensOut: number; cachedTokens: number; costUsd: number }): Promise<void>;
}
