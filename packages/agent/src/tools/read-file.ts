/** read_file: a text file's lines with line numbers, in ranges for long files. */
import { SandboxError } from "@codeyard/sandbox";
import { z } from "zod";
import { truncateLine } from "./truncate.js";
import { defineTool, ToolError } from "./tool-types.js";
import { workspacePath } from "./workspace-path.js";

export const readFileTool = defineTool({
  name: "read_file",
  description:
    "Read a text file from the workspace. Lines come back numbered (`<number>\\t<line>`); the numbers are not part of the file. " +
    "Long files come back in ranges: pass offset (1-based first line) and limit (number of lines) to read further.",
  inputSchema: z.object({
    path: z.string().min(1).describe("File path, relative to /workspace"),
    offset: z.number().int().min(1).optional().describe("First line to read (1-based); default 1"),
    limit: z.number().int().min(1).max(10_000).optional().describe("How many lines to read; default 2000"),
  }),
  async execute({ path, offset, limit }, { sandbox, limits }) {
    const relative = workspacePath(path);
    let content: Buffer;
    try {
      ({ content } = await sandbox.readFile(relative, { maxBytes: limits.readMaxBytes }));
    } catch (error) {
      if (error instanceof SandboxError && error.code === "too_large") {
        throw new ToolError(`${relative} is larger than ${limits.readMaxBytes} bytes, too large to read whole. Find the part you need with grep, or print a range with bash (e.g. sed -n '100,200p' ${relative}).`);
      }
      if (error instanceof SandboxError && error.code === "is_a_directory") throw new ToolError(`${relative} is a directory; use list to see what it holds.`);
      throw error;
    }
    if (content.subarray(0, 8192).includes(0)) return { output: `${relative} is a binary file (${content.length} bytes); it is not shown.` };
    const text = content.toString("utf8");
    if (text.length === 0) return { output: `${relative} is empty.` };
    const lines = text.split("\n");
    if (lines.at(-1) === "") lines.pop();
    const first = offset ?? 1;
    if (first > lines.length) throw new ToolError(`offset ${first} is past the end of ${relative}, which has ${lines.length} lines.`);
    const last = Math.min(lines.length, first - 1 + (limit ?? limits.readDefaultLines));
    const width = String(last).length;
    const body = lines
      .slice(first - 1, last)
      .map((line, i) => `${String(first + i).padStart(width, " ")}\t${truncateLine(line, limits.readMaxLineChars)}`)
      .join("\n");
    const more = last < lines.length ? `\n\n[Lines ${first}-${last} of ${lines.length}. Read on with offset=${last + 1}.]` : "";
    return { output: body + more };
  },
});
