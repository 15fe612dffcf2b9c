/**
 * The value sets and structured columns of the schema. The database stores them as plain strings
 * (portable across SQLite and PostgreSQL); these zod schemas are the one place that defines them.
 */
import { z } from "zod";

export const MEMBERSHIP_ROLES = ["owner", "admin", "member"] as const;
export const membershipRoleSchema = z.enum(MEMBERSHIP_ROLES);
export type MembershipRole = z.infer<typeof membershipRoleSchema>;

export const NETWORK_MODES = ["none", "allowlist", "full"] as const;
export const networkModeSchema = z.enum(NETWORK_MODES);
export type NetworkMode = z.infer<typeof networkModeSchema>;

export const SESSION_STATUSES = ["idle", "running", "waiting", "archived"] as const;
export const sessionStatusSchema = z.enum(SESSION_STATUSES);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

export const RUN_STATUSES = ["running", "done", "failed", "interrupted", "stopped"] as const;
export const runStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof runStatusSchema>;

export const TASK_STATUSES = ["running", "waiting", "done", "failed", "interrupted"] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export const ATTEMPT_STATUSES = ["pending", "running", "done", "failed", "interrupted", "stopped"] as const;
export const attemptStatusSchema = z.enum(ATTEMPT_STATUSES);
export type AttemptStatus = z.infer<typeof attemptStatusSchema>;

export const ATTEMPT_OUTCOMES = ["open", "kept", "archived"] as const;
export const attemptOutcomeSchema = z.enum(ATTEMPT_OUTCOMES);
export type AttemptOutcome = z.infer<typeof attemptOutcomeSchema>;

export const VERIFY_RESULTS = ["passed", "failed", "error"] as const;
export const verifyResultSchema = z.enum(VERIFY_RESULTS);
export type VerifyResult = z.infer<typeof verifyResultSchema>;

export const SHARE_VISIBILITIES = ["organization", "link", "revoked"] as const;
export const shareVisibilitySchema = z.enum(SHARE_VISIBILITIES);
export type ShareVisibility = z.infer<typeof shareVisibilitySchema>;

/** Emails are stored lowercased, so `User.email @unique` is case-insensitive on both providers. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(320));

/** Project.allowlist: host names (or `*.suffix`) reachable in "allowlist" network mode. */
export const allowlistSchema = z
  .array(z.string().regex(/^(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i, "a host name such as packages.example.com or *.example.com"))
  .max(256);
export type Allowlist = z.infer<typeof allowlistSchema>;

/** Project.limits: overrides of the broker's sandbox defaults; {} keeps them all. */
export const projectLimitsSchema = z
  .object({
    memoryBytes: z.number().int().min(64 * 1024 ** 2).max(1024 ** 4).optional(),
    cpus: z.number().positive().max(64).optional(),
    pids: z.number().int().min(32).max(65_536).optional(),
    diskBytes: z.number().int().positive().max(16 * 1024 ** 4).optional(),
  })
  .strict();
export type ProjectLimits = z.infer<typeof projectLimitsSchema>;

/** Checkpoint.processes: what to start again when the checkpoint is restored. */
export const checkpointProcessesSchema = z
  .array(
    z
      .object({
        command: z.string().min(1).max(8192),
        cwd: z.string().max(4096).optional(),
        name: z.string().max(200).optional(),
        env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().max(65_536)).optional(),
      })
      .strict(),
  )
  .max(64);
export type CheckpointProcesses = z.infer<typeof checkpointProcessesSchema>;
