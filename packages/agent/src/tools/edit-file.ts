/** edit_file: exact, unique string replacement in a file, refused if the file changed meanwhile. */
import { SandboxError } from "@codeyard/sandbox";
import { z } from "zod";
import { applyEdit } from "./edit-logic.js";
import { truncateLine } from "./truncate.js";
import { defineTool, ToolError } from "./tool-types.js";
import { workspacePath } from "./workspace-path.js";

const CONTEXT_LINES = 3;

export const editFileTool = defineTool({
  name: "edit_file",
  description:
    "Replace text in a file. old_string must match the file's current text exactly (whitespace included, without read_file's line-number prefixes) " +
    "and occur exactly once, unless replace_all is true. Include enough surrounding lines to make it unique.",
  inputSchema: z.object({
    path: z.string().min(1).describe("File path, relative to /workspace"),
    old_string: z.string().describe("The exact text to replace"),
    new_string: z.string().describe("The text to put in its place"),
    replace_all: z.boolean().optional().describe("Replace every occurrence instead of exactly one; default false"),
  }),
  async execute({ path, old_string, new_string, replace_all }, { sandbox, limits }) {
    const relative = workspacePath(path);
    const { stat, content } = await sandbox.readFile(relative, { maxBytes: limits.readMaxBytes });
    const outcome = applyEdit(content.toString("utf8"), old_string, new_string, replace_all ?? false);
    if (!outcome.ok) throw new ToolError(`${outcome.message} (file: ${relative})`);
    try {
      await sandbox.writeFile(relative, outcome.content, { expectedMtimeMs: stat.mtimeMs });
    } catch (error) {
      if (error instanceof SandboxError && error.code === "conflict") throw new ToolError(`${relative} changed while it was being edited; read it again and redo the edit.`);
      throw error;
    }
    return { output: `Edited ${relative}: replaced ${outcome.replacements} occurrence${outcome.replacements === 1 ? "" : "s"}.\n${snippet(outcome.content, outcome.line, new_string, limits.readMaxLineChars)}` };
  },
});

/** The edited region with line numbers, so the model sees the result without reading again. */
function snippet(content: string, line: number, inserted: string, maxLineChars: number): string {
  const lines = content.split("\n");
  const first = Math.max(1, line - CONTEXT_LINES);
  const last = Math.min(lines.length, line + inserted.split("\n").length - 1 + CONTEXT_LINES);
  const width = String(last).length;
  return lines
    .slice(first - 1, last)
    .map((text, i) => `${String(first + i).padStart(width, " ")}\t${truncateLine(text, maxLineChars)}`)
    .join("\n");
}
