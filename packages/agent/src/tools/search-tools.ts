/** glob, grep and list: finding files and text in the workspace. */
import { posix } from "node:path";
import { z } from "zod";
import { defineTool, ToolError } from "./tool-types.js";
import { workspacePath } from "./workspace-path.js";

const join = (dir: string, name: string) => (dir === "." ? name : posix.join(dir, name));

export const globTool = defineTool({
  name: "glob",
  description:
    "Find files by name pattern (ripgrep globs: `*.ts` matches at any depth, `src/**/*.test.ts` matches paths). " +
    "Most recently modified first. Files ignored by .gitignore are skipped.",
  inputSchema: z.object({
    pattern: z.string().min(1).max(500).describe("Glob pattern"),
    path: z.string().optional().describe("Directory to search in, relative to /workspace; default the workspace"),
  }),
  async execute({ pattern, path }, { sandbox, signal, limits }) {
    const dir = workspacePath(path);
    const result = await sandbox.exec({
      argv: ["rg", "--files", "--hidden", "--glob", "!.git", "--sortr=modified", "--glob", pattern],
      cwd: dir,
      timeoutMs: 60_000,
      maxOutputBytes: 4 * 1024 * 1024,
      signal,
    });
    if (result.exitCode === 2) throw new ToolError(`glob failed: ${result.stderr.trim() || "ripgrep error"}`);
    const files = result.stdout.split("\n").filter(Boolean);
    if (files.length === 0) return { output: `No files match ${pattern}${dir === "." ? "" : ` in ${dir}`}.` };
    const shown = files.slice(0, limits.listMaxEntries).map((file) => join(dir, file));
    const more = files.length > shown.length ? `\n[${files.length - shown.length} more files not shown; use a narrower pattern or path.]` : "";
    return { output: shown.join("\n") + more, truncated: files.length > shown.length };
  },
});

export const grepTool = defineTool({
  name: "grep",
  description: "Search file contents with ripgrep. Returns `path:line: text` for each match. Case-insensitive unless the pattern has capitals (or case_sensitive is set).",
  inputSchema: z.object({
    pattern: z.string().min(1).max(1000).describe("Regular expression (Rust regex syntax), or plain text with literal: true"),
    path: z.string().optional().describe("File or directory to search, relative to /workspace; default the workspace"),
    glob: z.string().max(500).optional().describe("Only search files matching this glob, e.g. *.ts"),
    literal: z.boolean().optional().describe("Treat the pattern as plain text"),
    case_sensitive: z.boolean().optional(),
    max_results: z.number().int().min(1).max(2000).optional().describe("Default 200"),
  }),
  async execute({ pattern, path, glob, literal, case_sensitive, max_results }, { sandbox, limits }) {
    const base = workspacePath(path);
    const { matches, truncated } = await sandbox.search({
      query: pattern,
      regex: !literal,
      caseSensitive: case_sensitive,
      glob,
      path: base === "." ? undefined : base,
      maxResults: max_results ?? limits.searchMaxResults,
    });
    if (matches.length === 0) return { output: "No matches." };
    const lines = matches.map((match) => `${match.path}:${match.line}: ${match.text}`);
    const more = truncated ? `\n[Stopped at ${matches.length} matches; narrow the pattern, path or glob to see the rest.]` : "";
    return { output: lines.join("\n") + more, truncated };
  },
});

export const listTool = defineTool({
  name: "list",
  description: "List a directory of the workspace: sub-directories end with /, files show their size in bytes.",
  inputSchema: z.object({ path: z.string().optional().describe("Directory, relative to /workspace; default the workspace") }),
  async execute({ path }, { sandbox, limits }) {
    const dir = workspacePath(path);
    const entries = await sandbox.list(dir);
    if (entries.length === 0) return { output: `${dir} is empty.` };
    const sorted = [...entries].sort((a, b) => Number(b.kind === "dir") - Number(a.kind === "dir") || a.name.localeCompare(b.name));
    const shown = sorted.slice(0, limits.listMaxEntries).map((entry) => {
      if (entry.kind === "dir") return `${entry.name}/`;
      if (entry.kind === "symlink") return `${entry.name} (symlink)`;
      return `${entry.name}  ${entry.size}`;
    });
    const more = sorted.length > shown.length ? `\n[${sorted.length - shown.length} more entries not shown; use glob to narrow down.]` : "";
    return { output: shown.join("\n") + more, truncated: sorted.length > shown.length };
  },
});
