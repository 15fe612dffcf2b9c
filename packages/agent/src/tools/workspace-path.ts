/**
 * Paths from the model are never trusted: they are checked lexically here (no escape from
 * /workspace) and again by the sandbox daemon (realpath), and passed on relative to /workspace.
 */
import { posix } from "node:path";
import { resolveWorkspacePath } from "@codeyard/sandbox";
import { ToolError } from "./tool-types.js";

export const WORKSPACE = "/workspace";

/** The path relative to /workspace ("." for the workspace itself). */
export function workspacePath(requested: string | undefined): string {
  const path = (requested ?? ".").trim() || ".";
  let absolute: string;
  try {
    absolute = resolveWorkspacePath(path, WORKSPACE);
  } catch (error) {
    throw new ToolError(`${error instanceof Error ? error.message : String(error)} Use a path relative to /workspace.`);
  }
  return posix.relative(WORKSPACE, absolute) || ".";
}
