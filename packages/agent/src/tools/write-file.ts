/** write_file: creates or replaces a whole file (parent directories are created). */
import { z } from "zod";
import { defineTool } from "./tool-types.js";
import { workspacePath } from "./workspace-path.js";

export const writeFileTool = defineTool({
  name: "write_file",
  description: "Create a file, or replace its whole content, in the workspace. Missing parent directories are created. To change part of an existing file, prefer edit_file.",
  inputSchema: z.object({
    path: z.string().min(1).describe("File path, relative to /workspace"),
    content: z.string().max(8 * 1024 * 1024).describe("The complete new content of the file"),
  }),
  async execute({ path, content }, { sandbox }) {
    const relative = workspacePath(path);
    const stat = await sandbox.writeFile(relative, content, { mkdirs: true });
    const lines = content.length === 0 ? 0 : content.split("\n").length - (content.endsWith("\n") ? 1 : 0);
    return { output: `Wrote ${relative} (${stat.size} bytes, ${lines} lines).` };
  },
});
