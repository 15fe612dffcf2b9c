/**
 * Resolves client and model paths inside the sandbox. A path must stay in /workspace lexically
 * (no `..` escape) and after following symlinks (no `/workspace/x -> /etc/passwd`).
 */
import { lstat, realpath } from "node:fs/promises";
import { posix } from "node:path";
import { isInside, PathOutsideWorkspaceError, resolveWorkspacePath } from "../paths.js";
import { DaemonError } from "./connection.js";

export const workspaceRoot = process.env.CODEYARD_WORKSPACE ?? "/workspace";

function toDaemonError(error: unknown): never {
  if (error instanceof PathOutsideWorkspaceError) throw new DaemonError("outside_workspace", error.message);
  if (error instanceof Error && "code" in error && error.code === "invalid_request") throw new DaemonError("invalid_request", error.message);
  throw error;
}

/** The real location of `absolute`, following symlinks in every existing component. */
async function realLocation(absolute: string): Promise<string> {
  let existing = absolute;
  const rest: string[] = [];
  for (;;) {
    try {
      const real = await realpath(existing);
      return rest.length ? posix.join(real, ...rest.reverse()) : real;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT" || existing === "/") throw error;
      // A dangling symlink counts as existing: where it points is what a write would touch.
      const link = await lstat(existing).catch(() => null);
      if (link?.isSymbolicLink()) throw new DaemonError("outside_workspace", `"${absolute}" is a symlink whose target does not exist; refusing to follow it.`);
      rest.push(posix.basename(existing));
      existing = posix.dirname(existing);
    }
  }
}

/**
 * Returns the absolute path for a request after both checks. `followFinal: false` allows the last
 * component itself to be a symlink (delete or rename the link, never its target).
 */
export async function safePath(requested: string, options: { followFinal?: boolean } = {}): Promise<string> {
  let absolute: string;
  try {
    absolute = resolveWorkspacePath(requested, workspaceRoot);
  } catch (error) {
    toDaemonError(error);
  }
  const root = await realpath(workspaceRoot);
  const checked = options.followFinal === false && absolute !== workspaceRoot ? posix.dirname(absolute) : absolute;
  const real = await realLocation(checked);
  if (!isInside(real, root)) {
    throw new DaemonError("outside_workspace", `The path "${requested}" leads outside /workspace (through a symlink); refused.`);
  }
  return absolute;
}

export async function resolveCwd(requested: string | undefined): Promise<string> {
  return requested ? safePath(requested) : workspaceRoot;
}
