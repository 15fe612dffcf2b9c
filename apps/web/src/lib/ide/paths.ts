/**
 * Workspace paths as the IDE handles them: relative to /workspace, "/"-separated, no leading
 * "./" and no trailing "/"; the workspace root itself is "". The sandbox re-checks every path.
 */

/** The form the broker expects for the workspace root. */
export const ROOT_REQUEST_PATH = ".";

export function joinPath(dir: string, name: string): string {
  return dir === "" ? name : `${dir}/${name}`;
}

export function parentPath(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** Lower-case extension without the dot ("" when there is none; dotfiles have none). */
export function extensionOf(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? "" : name.slice(dot + 1).toLowerCase();
}

/** True when `path` is `dir` or lies below it ("" contains everything). */
export function isSameOrInside(path: string, dir: string): boolean {
  return dir === "" || path === dir || path.startsWith(`${dir}/`);
}

/** Where `path` ends up when `from` (a file or a directory) is renamed to `to`; null if unaffected. */
export function movedPath(path: string, from: string, to: string): string | null {
  if (path === from) return to;
  if (from !== "" && path.startsWith(`${from}/`)) return to + path.slice(from.length);
  return null;
}

/** The path to send to the broker (the root is "."). */
export function requestPath(path: string): string {
  return path === "" ? ROOT_REQUEST_PATH : path;
}

/** Re-exported: the broker counts changed files with the same rule. */
export { normalizeWorkspacePath } from "@codeyard/protocol";

/** Why `name` cannot be a file or folder name, or null when it can. */
export function fileNameProblem(name: string): string | null {
  if (name.trim() === "") return "Enter a name.";
  if (name === "." || name === "..") return `"${name}" is not a valid name.`;
  if (name.includes("/")) return "A name cannot contain “/”; create the folder first.";
  if (name.includes("\0")) return "A name cannot contain a NUL character.";
  if (new TextEncoder().encode(name).length > 255) return "A name can be at most 255 bytes long.";
  return null;
}

/** The Monaco model URI of a workspace file (each path segment percent-encoded). */
export function modelUri(path: string): string {
  return `file:///workspace/${path.split("/").map(encodeURIComponent).join("/")}`;
}
