/**
 * Compaction: when the conversation nears the model's context window, the model writes a summary
 * and the history is replaced by one message holding the run's request (verbatim), that summary,
 * the files touched and the open todos. The last three come from the run's own state, not from
 * the model, so they survive however good or bad the summary is.
 */
import type { RunEventPayload } from "@codeyard/protocol";
import type { ModelMessage } from "ai";
import { formatTodos } from "../tools/todo-tool.js";

export const DEFAULT_COMPACT_AT = 0.8;

/** Sent as the last user message of the compaction call (same prefix as a normal step, no tools). */
export const COMPACTION_REQUEST = `The conversation is about to exceed your context window, so it will be replaced by a summary that you write now. Write it for yourself, to carry on the work without the conversation. Include:
1. The user's requests and corrections, in their words where it matters.
2. Decisions made and why.
3. What has been done: files created or changed and how, commands run and their results (which tests pass or fail).
4. Errors met and how they were solved, or that are still open.
5. Where the work stands and the exact next steps.
Answer with the summary only; do not call tools.`;

type CompactionPayload = Pick<RunEventPayload<"compaction-done">, "goal" | "summary" | "filesTouched" | "todos">;

export function compactedMessageText(payload: CompactionPayload): string {
  const files = payload.filesTouched.length ? payload.filesTouched.join("\n") : "(none)";
  return [
    "This conversation was compacted to fit the context window. This is where the work stands.",
    `<request>\n${payload.goal}\n</request>`,
    `<summary>\n${payload.summary}\n</summary>`,
    `<files-touched>\n${files}\n</files-touched>`,
    `<todos>\n${formatTodos(payload.todos)}\n</todos>`,
    "Continue the work from here. Do not ask the user to repeat anything; read files again when you need their current content.",
  ].join("\n\n");
}

export function compactedHistory(payload: CompactionPayload): ModelMessage[] {
  return [{ role: "user", content: [{ type: "text", text: compactedMessageText(payload) }] }];
}

/** Estimated prompt size of the next call: the last call's real count plus what was added since. */
export function estimateContextTokens(contextTokens: number | undefined, charsSinceUsage: number, wholePromptChars: () => number): number {
  if (contextTokens === undefined) return Math.ceil(wholePromptChars() / 4);
  return contextTokens + Math.ceil(charsSinceUsage / 4);
}
