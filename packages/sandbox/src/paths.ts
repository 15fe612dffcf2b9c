/**
 * Lexical checks for paths that come from a client or a model. The daemon adds the symlink check
 * (realpath) on top; both must pass before a path is touched.
 */
import { posix } from "node:path";

export const WORKSPACE_ROOT = "/workspace";

export class PathOutsideWorkspaceError extends Error {
  readonly code = "outside_workspace";
  constructor(readonly requested: string) {
    super(`The path "${requested}" is outside /workspace; only files inside the project workspace can be used.`);
  }
}

export class InvalidPathError extends Error {
  readonly code = "invalid_request";
}

/**
 * Turns a client path (relative to the workspace, or absolute under it) into a normalized
 * absolute path inside `root`. Refuses NUL bytes and anything that escapes with `..`.
 */
export function resolveWorkspacePath(requested: string, root: string = WORKSPACE_ROOT): string {
  if (requested.includes("\0")) throw new InvalidPathError("The path contains a NUL byte.");
  if (requested.length > 4096) throw new InvalidPathError("The path is longer than 4096 characters.");
  const absolute = requested.startsWith("/") ? posix.normalize(requested) : posix.join(root, requested);
  const normalized = absolute.length > 1 ? absolute.replace(/\/+$/, "") : absolute;
  if (!isInside(normalized, root)) throw new PathOutsideWorkspaceError(requested);
  return normalized;
}

export function isInside(candidate: string, root: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith("/") ? root : `${root}/`);
}

/** Path relative to the workspace root, as shown to users ("" for the root itself). */
export function toWorkspaceRelative(absolute: string, root: string = WORKSPACE_ROOT): string {
  return absolute === root ? "" : posix.relative(root, absolute);
}
