/**
 * Background tasks: an agent run started on a project with no browser attached, followed and
 * steered from any device. The broker creates the task's session, starts the run and moves the
 * task's status from the run's events; the owner's inbox lists tasks across projects.
 */
import { z } from "zod";
import { Id, MAX_PROMPT_CHARS, WorkspacePath } from "./common.js";

export const TaskStatus = z.enum(["running", "waiting", "done", "failed", "interrupted"]);
export type TaskStatus = z.infer<typeof TaskStatus>;

/** Best-of-N attempts a task may ask for: several run in parallel branches, and the owner keeps one. */
export const MAX_TASK_ATTEMPTS = 8;
/** The prompt as task lists show it (the transcript has it whole). */
export const TASK_PROMPT_PREVIEW_CHARS = 1000;

export const TaskSummary = z.object({
  id: Id,
  projectId: Id,
  projectName: z.string(),
  sessionId: Id.nullable(),
  /** The start of the prompt (TASK_PROMPT_PREVIEW_CHARS). */
  prompt: z.string(),
  model: z.string().nullable(),
  attempts: z.number().int(),
  status: TaskStatus,
  /** Why it ended, or the question it waits on; null while running. */
  statusReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** USD over every run of the task's session so far (0 with tokens used: the model has no known price). */
  costUsd: z.number(),
  /** Tokens in and out over every run of the task's session so far. */
  tokens: z.number().int(),
  changedFiles: z.number().int(),
});
export type TaskSummary = z.infer<typeof TaskSummary>;

export const TaskRequests = {
  /** Starts an agent run as a background task in a new session of the project. */
  "task-create": {
    request: z.object({
      projectId: Id,
      prompt: z.string().trim().min(1).max(MAX_PROMPT_CHARS),
      /** Another model of the project's provider; the project's model when left out. */
      model: z.string().trim().min(1).max(256).optional(),
      attempts: z.number().int().min(1).max(MAX_TASK_ATTEMPTS).default(1),
    }),
    reply: z.object({ task: TaskSummary }),
  },
  /** The caller's tasks across projects, most recently changed first; joins their live updates. */
  "task-list": {
    request: z.object({ status: z.array(TaskStatus).max(5).optional(), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    reply: z.object({ tasks: z.array(TaskSummary) }),
  },
  /** One task of the caller; joins their live updates like task-list. */
  "task-get": { request: z.object({ taskId: Id }), reply: z.object({ task: TaskSummary }) },
  /** Review: the user keeps the agent's current changes to these files (logged as `changes-kept`). */
  "changes-keep": {
    request: z.object({ sessionId: Id, paths: z.array(WorkspacePath).min(1).max(500) }),
    reply: z.object({}),
  },
} as const;

export const TaskServerEvents = {
  /** A task of the connection's user changed (status, cost, changed files). */
  "task-updated": z.object({ task: TaskSummary }),
} as const;

/** Session-log events written for reviews. */
export const TaskEventPayloads = {
  "changes-kept": z.object({ paths: z.array(z.string().max(4096)).max(500), keptBy: Id }),
} as const;
