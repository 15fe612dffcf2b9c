/** Full-text search in the workspace with ripgrep (`rg --json`), capped at `maxResults` matches. */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { toWorkspaceRelative } from "../paths.js";
import type { SearchMatch } from "../wire/messages.js";
import { DaemonError } from "./connection.js";
import { safePath, workspaceRoot } from "./workspace-fs.js";

export interface SearchOptions {
  query: string;
  regex?: boolean;
  caseSensitive?: boolean;
  glob?: string;
  path?: string;
  maxResults?: number;
}

const MAX_LINE_CHARS = 500;

export async function searchFiles(options: SearchOptions): Promise<{ matches: SearchMatch[]; truncated: boolean }> {
  const base = await safePath(options.path ?? ".");
  const maxResults = options.maxResults ?? 1000;
  const args = ["--json", "--no-follow", options.caseSensitive ? "--case-sensitive" : "--smart-case"];
  if (!options.regex) args.push("--fixed-strings");
  if (options.glob) args.push("--glob", options.glob);
  args.push("--", options.query, base);
  const rg = spawn("rg", args, { stdio: ["ignore", "pipe", "pipe"] });
  const matches: SearchMatch[] = [];
  let truncated = false;
  let stderr = "";
  rg.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const lines = createInterface({ input: rg.stdout });
  for await (const line of lines) {
    const event = JSON.parse(line) as { type: string; data: RgMatchData };
    if (event.type !== "match") continue;
    const text = event.data.lines.text ?? "";
    const path = event.data.path.text;
    if (path === undefined) continue;
    for (const sub of event.data.submatches) {
      if (matches.length >= maxResults) {
        truncated = true;
        break;
      }
      matches.push({
        path: toWorkspaceRelative(path, workspaceRoot),
        line: event.data.line_number,
        column: Buffer.from(text).subarray(0, sub.start).toString().length + 1,
        text: text.replace(/\r?\n$/, "").slice(0, MAX_LINE_CHARS),
      });
    }
    if (truncated) {
      rg.kill("SIGKILL");
      break;
    }
  }
  const code = await new Promise<number | null>((resolve) => (rg.exitCode !== null ? resolve(rg.exitCode) : rg.once("close", resolve)));
  // rg exits 1 when nothing matched, 2 on errors (a bad regex, for example).
  if (code === 2 && matches.length === 0) throw new DaemonError("invalid_request", `Search failed: ${stderr.trim() || "ripgrep error"}`);
  return { matches, truncated };
}

interface RgMatchData {
  path: { text?: string };
  lines: { text?: string };
  line_number: number;
  submatches: { start: number }[];
}
