/** Project rules the agent must follow: AGENTS.md and CLAUDE.md at the workspace root. */
import { SandboxError, type SandboxClient } from "@codeyard/sandbox";
import { truncateMiddle } from "../tools/truncate.js";

export const RULE_FILES = ["AGENTS.md", "CLAUDE.md"] as const;
const MAX_RULES_CHARS = 40_000;

/** The rule files' text, each under a heading; "" when there are none. Read once per run. */
export async function readProjectRules(sandbox: SandboxClient): Promise<string> {
  const sections: string[] = [];
  for (const name of RULE_FILES) {
    try {
      const { content } = await sandbox.readFile(name, { maxBytes: 1024 * 1024 });
      const text = content.toString("utf8").trim();
      if (text) sections.push(`## ${name}\n\n${truncateMiddle(text, MAX_RULES_CHARS, `read the rest of ${name} with read_file`).text}`);
    } catch (error) {
      if (error instanceof SandboxError && (error.code === "not_found" || error.code === "is_a_directory")) continue;
      throw error;
    }
  }
  return sections.join("\n\n");
}

/** The full system prompt: fixed instructions, then the project's rules. */
export function composeSystemPrompt(base: string, rules: string): string {
  if (!rules) return base;
  return `${base}\n\n# Project rules\nThe project's own instructions for agents. Follow them; they take precedence over the general guidance above.\n\n${rules}`;
}
