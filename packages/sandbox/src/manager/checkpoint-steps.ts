/**
 * The steps of checkpoint, restore and fork that need no manager state: deciding whether the
 * environment must be captured, and recording and restarting listening processes.
 */
import type { Logger } from "pino";
import type { SandboxClient } from "../client/sandbox-client.js";
import { ENV_LABEL, type CheckpointProcess } from "../checkpoints/types.js";
import type { SandboxEnvironments } from "../driver.js";
import { SandboxError } from "../errors.js";

export interface EnvironmentCaptureInput {
  sandboxId: string;
  owner: string;
  /** The sandbox's config image: an environment equal to it is recorded as null. */
  configImage: string;
  /** Where to commit when the environment changed. */
  ref: string;
  previous: string | null | undefined;
  maxLayers: number;
}

/**
 * The sandbox's environment as a ref: null (the config image, unchanged), the image its container
 * runs (unchanged since a restore or fork), `previous` (changed, but not since `previous` was
 * captured) or a fresh commit at `input.ref`.
 */
export async function captureEnvironment(environments: SandboxEnvironments, input: EnvironmentCaptureInput): Promise<{ ref: string | null; committed: boolean }> {
  const state = await environments.state(input.sandboxId);
  if (!state) throw new SandboxError("not_found", `Sandbox ${input.sandboxId} has no container; restart it before taking a checkpoint.`);
  if (state.changes === null) return { ref: state.image === input.configImage ? null : state.image, committed: false };
  if (input.previous) {
    const labels = await environments.labels(input.previous);
    if (labels?.[ENV_LABEL.fingerprint] === state.changes) return { ref: input.previous, committed: false };
  }
  await environments.commit(input.sandboxId, input.ref, {
    [ENV_LABEL.environment]: "true",
    [ENV_LABEL.fingerprint]: state.changes,
    [ENV_LABEL.sandbox]: input.sandboxId,
    [ENV_LABEL.owner]: input.owner,
    [ENV_LABEL.base]: input.configImage,
  });
  try {
    await environments.compact(input.ref, input.maxLayers);
  } catch (error) {
    await environments.remove(input.ref).catch(() => undefined);
    throw error;
  }
  return { ref: input.ref, committed: true };
}

const LIST_PROCESSES_TIMEOUT_MS = 5000;

/** Processes listening on TCP ports, as a checkpoint records them. */
export async function listProcesses(client: SandboxClient): Promise<CheckpointProcess[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SandboxError("timeout", `The sandbox daemon did not list its processes within ${LIST_PROCESSES_TIMEOUT_MS} ms.`)), LIST_PROCESSES_TIMEOUT_MS);
  });
  const listeners = await Promise.race([client.listListeners(), timeout]).finally(() => clearTimeout(timer));
  return listeners.map((listener) => ({
    command: listener.command,
    cwd: listener.cwd,
    port: listener.port,
    ...(Object.keys(listener.env).length ? { env: listener.env } : {}),
  }));
}

/** Starts recorded processes again, detached; one that cannot start is logged, not fatal. */
export async function restartProcesses(client: SandboxClient, processes: CheckpointProcess[], log: Logger, sandboxId: string): Promise<number> {
  const results = await Promise.all(
    processes.map(async (entry, index) => {
      try {
        const logName = entry.port ? `port-${entry.port}` : `${index}`;
        const started = await client.startProcess({ command: entry.command, cwd: entry.cwd, env: entry.env, logName });
        log.info({ sandboxId, command: entry.command, pid: started.pid, logPath: started.logPath }, "restarted checkpoint process");
        return true;
      } catch (error) {
        log.warn({ sandboxId, command: entry.command, err: error }, "could not restart checkpoint process");
        return false;
      }
    }),
  );
  return results.filter(Boolean).length;
}
