/**
 * Facts about the environment sent with the user's request (not in the system prompt, where a
 * changing date would break the cached prefix). Fixed at the start of a run and stored in its
 * run-started event, so a resumed run sends exactly the same text.
 */
export function environmentContext(now: Date): string {
  return [
    "<environment>",
    `Date: ${now.toISOString().slice(0, 10)}`,
    "Working directory: /workspace (relative paths are resolved there)",
    "Platform: Linux container (Debian); commands run with bash, without a terminal",
    "</environment>",
  ].join("\n");
}
