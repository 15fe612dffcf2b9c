/** Public types of the sandbox library. */
export type NetworkMode = "none" | "allowlist" | "full";

export interface SandboxLimits {
  memoryBytes: number;
  /** CPU cores (fractions allowed). */
  cpus: number;
  /** Maximum number of processes and threads. */
  pids: number;
}

export const DEFAULT_LIMITS: SandboxLimits = { memoryBytes: 2 * 1024 ** 3, cpus: 1, pids: 512 };

export interface SandboxConfig {
  /** Image to run; defaults to the manager's base sandbox image. */
  image?: string;
  network: NetworkMode;
  /** Domains reachable in `allowlist` mode (enforced by the egress proxy). */
  allowlist?: string[];
  limits: SandboxLimits;
  env?: Record<string, string>;
}

export type SandboxState = "running" | "paused" | "stopped" | "missing";

export interface SandboxInfo {
  id: string;
  projectId: string | null;
  state: SandboxState;
  image: string;
  network: NetworkMode;
  createdAt: Date;
  /** True while the sandbox waits in the warm pool, unclaimed. */
  pooled: boolean;
}
