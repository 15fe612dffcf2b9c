/**
 * The backend that runs sandbox containers. Docker is the one implemented; the manager only talks
 * to this interface, so another backend (several Docker hosts, Kubernetes) can follow.
 */
import type { NetworkMode, SandboxLimits, SandboxState } from "./types.js";

export interface DriverSpec {
  id: string;
  owner: string;
  image: string;
  network: NetworkMode;
  /** Hosts the egress proxy lets an `allowlist` sandbox reach (see SandboxEgress). */
  allowlist?: readonly string[];
  limits: SandboxLimits;
  env: Record<string, string>;
  /** Host directory mounted read-write at /workspace. */
  workspaceDir: string;
  /** Host directory mounted at /run/codeyard (the daemon's socket lives there). */
  runDir: string;
  /** Host directory mounted read-only at /opt/codeyard (daemon bundle and Node). */
  runtimeDir: string;
  labels: Record<string, string>;
}

export interface DriverSandbox {
  id: string;
  state: SandboxState;
  image: string;
  network: NetworkMode;
  createdAt: Date;
  labels: Record<string, string>;
  /** Address on the sandbox network, when it has one. */
  ipAddress: string | null;
}

export interface DriverExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A sandbox's environment: its image plus the changes its root filesystem holds. */
export interface EnvironmentState {
  /** The image the container was created from, as named at creation. */
  image: string;
  /**
   * Fingerprint of the container's changes to that image outside /tmp, /var/tmp, /run and
   * caches (path, type, size, times, mode of each changed entry); null when there are none.
   */
  changes: string | null;
}

/** Environment snapshots: sandbox root filesystems captured as images (checkpoints). */
export interface SandboxEnvironments {
  /** Null when the sandbox has no container. Costs grow with the environment's changes, never with the workspace. */
  state(id: string): Promise<EnvironmentState | null>;
  /** Captures the sandbox's root filesystem as image `ref` (`repo:tag`) with these labels. */
  commit(id: string, ref: string, labels: Record<string, string>): Promise<void>;
  /** Labels of image `ref`, or null when it does not exist. */
  labels(ref: string): Promise<Record<string, string> | null>;
  /** Flattens image `ref` into one layer (its config kept) when it has more than `maxLayers`; true when it did. */
  compact(ref: string, maxLayers: number): Promise<boolean>;
  /** Removes image `ref`; idempotent. */
  remove(ref: string): Promise<void>;
  /** Every checkpoint environment image (`codeyard/env-…`), with when it was made. */
  list(): Promise<{ ref: string; createdAt: Date }[]>;
}

/** What a project image build needs: the project's Dockerfile and the sandbox image it builds on. */
export interface ProjectImageRequest {
  projectId: string;
  dockerfile: string;
  /** The sandbox image (`codeyard/sandbox:<hash>` or `:latest`); every FROM is pinned to its id. */
  baseImage: string;
  /** Memory and CPU of the build steps (default: the engine's). */
  limits?: Partial<Pick<SandboxLimits, "memoryBytes" | "cpus">>;
  /** Default 20 minutes. */
  timeoutMs?: number;
  /** Each line of build output, as it comes. */
  onLog?: (line: string) => void;
  /** Told when a build really starts (not when an existing image is reused). */
  onBuildStart?: (image: string) => void;
}

export interface ProjectImage {
  /** `codeyard/project-<projectId>:<hash>`; the hash covers the Dockerfile and the base image id. */
  image: string;
  /** True when the image already existed and nothing was built. */
  reused: boolean;
  /** The last lines of the build output (empty when reused). */
  output: string;
  durationMs: number;
}

/** Project images: a project's Dockerfile built offline on top of the sandbox image. */
export interface SandboxProjectImages {
  /** Builds (or reuses) the project's image; fails with `ProjectImageError`. */
  build(request: ProjectImageRequest): Promise<ProjectImage>;
}

/** Egress of `allowlist` sandboxes, through the proxy the manager runs (`src/egress/`). */
export interface SandboxEgress {
  /** The host address `allowlist` sandboxes can reach: where the proxy listens. */
  gateway(): Promise<string>;
  /** The allowlist of the `allowlist` sandbox at this address; null when none has it. */
  allowlistOf(address: string): Promise<readonly string[] | null>;
}

export interface SandboxDriver {
  readonly name: string;
  readonly environments: SandboxEnvironments;
  readonly projectImages: SandboxProjectImages;
  /** Absent: the backend has no allowlist egress (allowlist sandboxes then reach nothing). */
  readonly egress?: SandboxEgress;
  /** Creates the sandbox if it does not exist yet (idempotent). */
  create(spec: DriverSpec): Promise<void>;
  start(id: string): Promise<void>;
  stop(id: string, graceSeconds?: number): Promise<void>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  inspect(id: string): Promise<DriverSandbox | null>;
  /** Every sandbox labelled with this owner. */
  list(owner: string): Promise<DriverSandbox[]>;
  /** Slow path (`docker exec`): bootstrap and fallback when the daemon is not answering. */
  execFallback(id: string, argv: string[], options?: { user?: string; timeoutMs?: number }): Promise<DriverExecResult>;
  /** Memory the sandbox uses now, in bytes (for density measurements). */
  memoryUsage(id: string): Promise<number>;
}
