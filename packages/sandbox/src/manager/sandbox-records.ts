/**
 * What the manager remembers about each sandbox, persisted as meta.json next to its socket
 * directory so a restarted broker re-adopts its sandboxes with their project and config.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { SandboxConfig, SandboxInfo, SandboxState } from "../types.js";

const StoredMeta = z.object({
  id: z.string(),
  projectId: z.string().nullable(),
  pooled: z.boolean(),
  createdAt: z.string(),
  config: z.object({
    image: z.string().optional(),
    network: z.enum(["none", "allowlist", "full"]),
    allowlist: z.array(z.string()).optional(),
    limits: z.object({ memoryBytes: z.number(), cpus: z.number(), pids: z.number() }),
    env: z.record(z.string(), z.string()).optional(),
  }),
  /** The checkpoint environment image the container runs, when not the config image. */
  environmentImage: z.string().nullish(),
});
export type StoredMeta = z.infer<typeof StoredMeta>;

export interface SandboxRecord {
  id: string;
  projectId: string | null;
  pooled: boolean;
  config: SandboxConfig & { image: string };
  /** The checkpoint environment image the container was created from (restore, fork); unset: `config.image`. */
  environmentImage?: string;
  createdAt: Date;
  state: SandboxState;
  lastActiveAt: number;
  /** Open uses (attached terminals, running commands) that keep the sandbox from idling. */
  holds: number;
}

/** Where a new sandbox's workspace and environment come from (a fork); default: empty, config image. */
export interface SandboxSource {
  workspaceRef?: string;
  environmentImage?: string;
}

export function toInfo(record: SandboxRecord): SandboxInfo {
  return {
    id: record.id,
    projectId: record.projectId,
    state: record.state,
    image: record.environmentImage ?? record.config.image,
    network: record.config.network,
    createdAt: record.createdAt,
    pooled: record.pooled,
  };
}

export const sandboxDir = (dataDir: string, id: string) => join(dataDir, "sandboxes", id);
export const runDirOf = (dataDir: string, id: string) => join(sandboxDir(dataDir, id), "run");
export const socketPathOf = (dataDir: string, id: string) => join(runDirOf(dataDir, id), "sandboxd.sock");

export async function writeMeta(dataDir: string, record: SandboxRecord): Promise<void> {
  const meta: StoredMeta = {
    id: record.id,
    projectId: record.projectId,
    pooled: record.pooled,
    createdAt: record.createdAt.toISOString(),
    config: record.config,
    environmentImage: record.environmentImage ?? null,
  };
  const dir = sandboxDir(dataDir, record.id);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `meta.json.${process.pid}`);
  await writeFile(temp, JSON.stringify(meta));
  await rename(temp, join(dir, "meta.json"));
}

export async function readMeta(dataDir: string, id: string): Promise<StoredMeta | null> {
  try {
    return StoredMeta.parse(JSON.parse(await readFile(join(sandboxDir(dataDir, id), "meta.json"), "utf8")));
  } catch {
    return null;
  }
}
