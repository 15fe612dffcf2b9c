/**
 * The agent's tool set, in a fixed order (the tool definitions are part of the cached prompt
 * prefix), and the one place tool calls are run: unknown tools, malformed arguments and failures
 * all come back as error results the model can read, never as exceptions.
 */
import { SandboxError } from "@codeyard/sandbox";
import { tool, type ToolSet } from "ai";
import { z } from "zod";
import { askUserTool } from "./ask-user.js";
import { bashKillTool, bashOutputTool } from "./background-tools.js";
import { bashTool } from "./bash-tool.js";
import { editFileTool } from "./edit-file.js";
import { readFileTool } from "./read-file.js";
import { globTool, grepTool, listTool } from "./search-tools.js";
import { todoWriteTool } from "./todo-tool.js";
import { truncateMiddle } from "./truncate.js";
import { ToolError, type AgentTool, type ToolContext, type ToolResult } from "./tool-types.js";
import { writeFileTool } from "./write-file.js";

export const DEFAULT_TOOLS: readonly AgentTool[] = [
  readFileTool,
  writeFileTool,
  editFileTool,
  globTool,
  grepTool,
  listTool,
  bashTool,
  bashOutputTool,
  bashKillTool,
  todoWriteTool,
  askUserTool,
];

/** The definitions the model is sent (no `execute`: the agent runs tools itself). */
export function toSdkTools(tools: readonly AgentTool[]): ToolSet {
  return Object.fromEntries(tools.map((agentTool) => [agentTool.name, tool({ description: agentTool.description, inputSchema: agentTool.inputSchema })]));
}

export async function runToolCall(tools: readonly AgentTool[], name: string, input: unknown, context: ToolContext): Promise<ToolResult> {
  const found = tools.find((candidate) => candidate.name === name);
  let result: ToolResult;
  if (!found) {
    result = { output: `There is no tool named "${name}". Available tools: ${tools.map((candidate) => candidate.name).join(", ")}.`, isError: true };
  } else if (typeof input === "string") {
    result = {
      output: `The arguments for ${name} are not valid JSON (${JSON.stringify(input.slice(0, 200))}${input.length > 200 ? "..." : ""}). Call ${name} again with a JSON object that matches its schema.`,
      isError: true,
    };
  } else {
    const parsed = found.inputSchema.safeParse(input ?? {});
    if (!parsed.success) {
      result = { output: `Invalid arguments for ${name}: ${formatIssues(parsed.error)}. Call ${name} again with arguments that match its schema.`, isError: true };
    } else {
      result = await execute(found, parsed.data, context);
    }
  }
  const cut = truncateMiddle(result.output, context.limits.maxOutputChars);
  return { output: cut.text, isError: result.isError ?? false, truncated: (result.truncated ?? false) || cut.truncated, endRun: result.isError ? undefined : result.endRun };
}

async function execute(agentTool: AgentTool, input: unknown, context: ToolContext): Promise<ToolResult> {
  try {
    return await agentTool.execute(input, context);
  } catch (error) {
    if (error instanceof ToolError) return { output: error.message, isError: true };
    if (error instanceof SandboxError) return { output: `${agentTool.name} failed (${error.code}): ${error.message}`, isError: true };
    return { output: `${agentTool.name} failed: ${error instanceof Error ? error.message : String(error)}`, isError: true };
  }
}

function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "(arguments)"}: ${issue.message}`)
    .join("; ");
}
