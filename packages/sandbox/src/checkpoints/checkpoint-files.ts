/**
 * Reading one file as it was at a checkpoint (to put a single file back). The snapshot is a
 * read-only btrfs subvolume, so a realpath check cannot be raced: a symlink in it that leads out
 * of the snapshot is refused, and only regular files up to a size bound are read.
 */
import { open, realpath } from "node:fs/promises";
import { constants } from "node:fs";
import { SandboxError } from "../errors.js";
import { isInside, resolveWorkspacePath, toWorkspaceRelative } from "../paths.js";
import type { WorkspaceStore } from "../workspace-store.js";
import { checkCheckpointRefs } from "./types.js";

/** The file's bytes at the checkpoint, or null when it did not exist there. */
export async function readCheckpointFile(store: WorkspaceStore, workspaceRef: string, path: string, maxBytes: number): Promise<Buffer | null> {
  checkCheckpointRefs({ workspaceRef, environmentRef: null });
  const root = store.pathOf(workspaceRef);
  const relative = toWorkspaceRelative(resolveWorkspacePath(path));
  if (!relative) throw new SandboxError("invalid_request", "Name a file, not the workspace itself.");
  let real: string;
  try {
    real = await realpath(`${root}/${relative}`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  if (!isInside(real, await realpath(root))) throw new SandboxError("outside_workspace", `${path} was a link leading out of the workspace at that checkpoint; it cannot be restored.`);
  const handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new SandboxError("invalid_request", `${path} was not a regular file at that checkpoint.`);
    if (stat.size > maxBytes) throw new SandboxError("too_large", `${path} had ${stat.size} bytes at that checkpoint, over the ${maxBytes}-byte limit for restoring one file.`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
