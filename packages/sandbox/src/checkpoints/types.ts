/**
 * Checkpoints of a sandbox: its workspace (a read-only store entry), its environment (an image,
 * only when it differs from the config image) and the processes to start again. The refs are
 * plain strings the broker stores; the names below are how they are derived.
 */
import { SandboxError } from "../errors.js";

export interface CheckpointRefs {
  /** Workspace store entry (`ck-<name>`), read-only. */
  workspaceRef: string;
  /** Environment image (`codeyard/env-<sandboxId>:<name>`), or null: the sandbox's config image. */
  environmentRef: string | null;
}

export interface CheckpointProcess {
  /** Command line, run with `bash -c`. */
  command: string;
  cwd: string;
  port?: number;
  /** Variables the process had beyond the sandbox's own environment (e.g. PORT=4000). */
  env?: Record<string, string>;
}

export interface CheckpointCapture extends CheckpointRefs {
  /** True when `environmentRef` differs from the `previousEnvironmentRef` given. */
  environmentChanged: boolean;
  processes: CheckpointProcess[];
  durationMs: number;
}

export interface WorkspaceDiffFile {
  /** Relative to the workspace root. */
  path: string;
  status: "added" | "modified" | "deleted";
  added: number;
  removed: number;
  binary: boolean;
}

export interface WorkspaceDiff {
  files: WorkspaceDiffFile[];
  /** Unified diff (`a/<path>`, `b/<path>`), cut at a line boundary when over the byte cap. */
  patch: string;
  truncated: boolean;
}

/** Options of the checkpoint machinery, part of `SandboxManagerOptions`. */
export interface CheckpointOptions {
  /** An environment image with more layers than this is flattened before it is used further (Docker fails past ~125). */
  maxEnvironmentLayers?: number;
}

export const DEFAULT_MAX_ENVIRONMENT_LAYERS = 100;
export const CHECKPOINT_PREFIX = "ck-";
export const ENVIRONMENT_REPOSITORY_PREFIX = "codeyard/env-";

/** Labels on environment images (besides the container's own, which a commit keeps). */
export const ENV_LABEL = {
  environment: "dev.codeyard.env",
  fingerprint: "dev.codeyard.env.fingerprint",
  sandbox: "dev.codeyard.env.sandbox",
  owner: "dev.codeyard.env.owner",
  base: "dev.codeyard.env.base",
} as const;

/** Valid as a Docker tag and, with its prefix, as a workspace store name. */
const CHECKPOINT_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,99}$/;

export function checkpointNames(sandboxId: string, name: string): { workspaceRef: string; environmentRef: string } {
  if (!CHECKPOINT_NAME.test(name)) {
    throw new SandboxError("invalid_request", `"${name}" is not a valid checkpoint name: use 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit.`);
  }
  return { workspaceRef: `${CHECKPOINT_PREFIX}${name}`, environmentRef: `${ENVIRONMENT_REPOSITORY_PREFIX}${sandboxId}:${name}` };
}

/** Refuses refs that are not checkpoint refs (so a live workspace or a base image is never deleted by mistake). */
export function checkCheckpointRefs(refs: CheckpointRefs): void {
  if (!refs.workspaceRef.startsWith(CHECKPOINT_PREFIX)) {
    throw new SandboxError("invalid_request", `"${refs.workspaceRef}" is not a checkpoint workspace ref (they start with "${CHECKPOINT_PREFIX}").`);
  }
  if (refs.environmentRef !== null && !refs.environmentRef.startsWith(ENVIRONMENT_REPOSITORY_PREFIX)) {
    throw new SandboxError("invalid_request", `"${refs.environmentRef}" is not a checkpoint environment ref (they start with "${ENVIRONMENT_REPOSITORY_PREFIX}").`);
  }
}
