/**
 * bash: runs a command in the sandbox (cwd /workspace) with a timeout and an output cap; stopping
 * the run kills it with its whole process group. With run_in_background the command is started
 * in its own session (setsid), so it outlives the exec that started it; bash_output and bash_kill
 * (background-tools.ts) check on it later.
 */
import { randomBytes } from "node:crypto";
import type { ExecResult } from "@codeyard/sandbox";
import { z } from "zod";
import { BACKGROUND_DIR, startBackgroundScript } from "./background-tools.js";
import { truncateMiddle } from "./truncate.js";
import { defineTool, ToolError, type ToolResult } from "./tool-types.js";

/** Tools that wait for input or page their output would otherwise hang until the timeout. */
const COMMAND_ENV = { PAGER: "cat", GIT_PAGER: "cat", GIT_TERMINAL_PROMPT: "0", DEBIAN_FRONTEND: "noninteractive" };

export const bashTool = defineTool({
  name: "bash",
  description:
    "Run a bash command in the sandbox. Every call starts in /workspace (a `cd` does not carry over to the next call). " +
    "Output is stdout and stderr interleaved; very long output is cut in the middle. Commands have no terminal and cannot read input. " +
    "Default timeout 120 s (max 600 s). For servers, watchers or anything long-running, set run_in_background and check it with bash_output.",
  inputSchema: z.object({
    command: z.string().min(1).max(100_000).describe("The command line"),
    timeout_ms: z.number().int().min(1_000).max(600_000).optional().describe("Kill the command after this many milliseconds"),
    run_in_background: z.boolean().optional().describe("Start it in the background and return at once with its id"),
    description: z.string().max(200).optional().describe("A few words on what the command does, for the user"),
  }),
  async execute({ command, timeout_ms, run_in_background }, { sandbox, signal, limits }) {
    if (run_in_background) {
      const id = `bg-${randomBytes(4).toString("hex")}`;
      const started = await sandbox.exec({ shell: startBackgroundScript, env: { ...COMMAND_ENV, CODEYARD_BG_ID: id, CODEYARD_BG_CMD: command }, timeoutMs: 15_000, signal });
      if (started.exitCode !== 0) throw new ToolError(`The background command could not start: ${(started.stderr || started.stdout).trim() || `exit code ${started.exitCode}`}`);
      return { output: `Started in the background as ${id} (pid ${started.stdout.trim()}); its output goes to ${BACKGROUND_DIR}/${id}.log. Check it with bash_output, stop it with bash_kill.` };
    }
    const timeoutMs = Math.min(timeout_ms ?? limits.bashDefaultTimeoutMs, limits.bashMaxTimeoutMs);
    const chunks: Buffer[] = [];
    const result = await sandbox.exec({
      shell: command,
      env: COMMAND_ENV,
      timeoutMs,
      maxOutputBytes: limits.bashMaxOutputBytes,
      signal,
      onStdout: (chunk) => chunks.push(chunk),
      onStderr: (chunk) => chunks.push(chunk),
    });
    return formatResult(Buffer.concat(chunks).toString("utf8"), result, signal, limits.maxOutputChars);
  },
});

function formatResult(output: string, result: ExecResult, signal: AbortSignal, maxChars: number): ToolResult {
  const { text, truncated } = truncateMiddle(output, maxChars - 300);
  const notes: string[] = [];
  if (result.truncated) notes.push("[The command printed more than the sandbox collects; the rest of its output was dropped.]");
  let isError = false;
  if (signal.aborted) {
    notes.push("[The command was stopped because the run was stopped.]");
    isError = true;
  } else if (result.timedOut) {
    notes.push(`[${result.message ?? "The command timed out and was killed."} Use a longer timeout_ms, or run_in_background for long-running commands.]`);
    isError = true;
  } else if (result.limitHit) {
    notes.push(`[${result.message ?? `The command hit the sandbox's ${result.limitHit} limit.`}]`);
    isError = true;
  } else if (result.killed || result.signal) {
    notes.push(`[The command was killed${result.signal ? ` by ${result.signal}` : ""}.]`);
  } else {
    notes.push(`[exit code ${result.exitCode}]`);
  }
  const body = text.length > 0 ? (text.endsWith("\n") ? text : `${text}\n`) : "(no output)\n";
  return { output: body + notes.join("\n"), isError, truncated: truncated || result.truncated };
}
