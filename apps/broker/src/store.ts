/**
 * What the broker needs from the database, as a narrow port. The Prisma implementation lives in
 * prisma-store.ts; handlers depend only on this interface.
 */
import type { ShareCredential, SessionEvent } from "@codeyard/protocol";
import type { NetworkMode, SandboxLimits } from "@codeyard/sandbox";
import type { CheckpointStore } from "./checkpoints/checkpoint-store.js";
import type { NotificationStore } from "./notifications/notification-store.js";
import type { TaskStore } from "./tasks/task-store.js";

export interface SessionRecord {
  id: string;
  projectId: string;
  title: string;
  sandboxId: string | null;
  lastSeq: number;
  /** Set on branches: their sandbox is forked from this checkpoint when first needed. */
  forkedFromCheckpointId: string | null;
  project: {
    id: string;
    image: string | null;
    /** Built on the sandbox image into the image of the project's new sandboxes (overrides `image`). */
    dockerfile: string | null;
    networkMode: NetworkMode;
    allowlist: string[];
    limits: Partial<SandboxLimits>;
    /** Runs once in each new sandbox of the project (templates, `git clone`, installs). */
    setupScript: string | null;
    /** The project's tests, run in each best-of-N attempt when the request names no command. */
    verifyCommand: string | null;
  };
}

export interface NewEvent {
  type: string;
  payload: unknown;
}

export interface BrokerStore extends TaskStore, NotificationStore {
  /** Checkpoints, branches and attempts. */
  readonly checkpoints: CheckpointStore;
  /** The user a login token belongs to, or null when it is unknown or expired. */
  userForToken(token: string): Promise<{ id: string } | null>;
  /** The session if `userId` may use it (member of its project's organization), else null. */
  sessionForUser(sessionId: string, userId: string): Promise<SessionRecord | null>;
  /** The session, for the broker's own work (no user involved: runs resumed after a restart). */
  sessionById(sessionId: string): Promise<SessionRecord | null>;
  setSessionSandbox(sessionId: string, sandboxId: string | null): Promise<void>;
  /** Writes events durably, assigning the next seqs; returns them as stored. */
  appendEvents(sessionId: string, events: NewEvent[]): Promise<SessionEvent[]>;
  readEvents(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]>;
  /** Every sandbox id some session still points at (for reaping orphans after a restart). */
  sandboxIdsInUse(): Promise<Set<string>>;
  /** The sessions a sandbox serves (to tell them it was paused or stopped). */
  sessionIdsOfSandbox(sandboxId: string): Promise<string[]>;
  /** Which of these project ids still exist (sandboxes of deleted projects are reaped). */
  existingProjectIds(projectIds: string[]): Promise<Set<string>>;
  /** Takes (or keeps) ownership of a sandbox for `ttlMs`; false when another broker holds it. */
  acquireLease(sandboxId: string, brokerId: string, ttlMs: number): Promise<boolean>;
  /** The broker holding an unexpired lease on the sandbox, if any. */
  leaseOwner(sandboxId: string): Promise<string | null>;
  /** The project's model settings with the decrypted API key; `model` overrides the model id. */
  modelSettings(projectId: string, model?: string): Promise<RunModelSettings>;
  createRun(run: { id: string; sessionId: string; provider: string; model: string }): Promise<void>;
  finishRun(runId: string, outcome: { status: string; reason: string; tokensIn: number; tokensOut: number; cachedTokens: number; costUsd: number }): Promise<void>;
  /** Runs still marked running whose session uses one of these sandboxes. */
  unfinishedRuns(sandboxIds: string[]): Promise<{ id: string; sessionId: string }[]>;
  /** Whether `userId` (null: not signed in) may follow the shared session `credential` names (resolveShareAccess). */
  shareAccess(credential: ShareCredential, userId: string | null): Promise<ShareAccessResult>;
  /** Secret values that must never reach a session's log: its project's secrets, its organization's provider keys. */
  secretValues(sessionId: string): Promise<string[]>;
}

export type ShareAccessResult =
  | { ok: true; session: { id: string; title: string; lastSeq: number } }
  | { ok: false; reason: "not_found" | "revoked" | "expired" | "link_shares_disabled" | "members_only" | "sign_in"; message: string };

export interface RunModelSettings {
  primary: { provider: "anthropic" | "openai" | "openai-compatible"; model: string; apiKey?: string; baseURL?: string };
  fallback?: { provider: "anthropic" | "openai" | "openai-compatible"; model: string; apiKey?: string; baseURL?: string };
}
