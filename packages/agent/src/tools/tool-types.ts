/** The shape of an agent tool and what it gets to work with. */
import type { SandboxClient } from "@codeyard/sandbox";
import type { TodoItem } from "@codeyard/protocol";
import type { z } from "zod";

export interface ToolLimits {
  /** Output sent to the model per tool call; longer output is cut with a note. */
  maxOutputChars: number;
  readMaxBytes: number;
  readDefaultLines: number;
  readMaxLineChars: number;
  bashDefaultTimeoutMs: number;
  bashMaxTimeoutMs: number;
  /** Bytes a command may print before the sandbox stops collecting (the model sees less). */
  bashMaxOutputBytes: number;
  searchMaxResults: number;
  listMaxEntries: number;
}

export const DEFAULT_TOOL_LIMITS: ToolLimits = {
  maxOutputChars: 30_000,
  readMaxBytes: 8 * 1024 * 1024,
  readDefaultLines: 2_000,
  readMaxLineChars: 2_000,
  bashDefaultTimeoutMs: 120_000,
  bashMaxTimeoutMs: 600_000,
  bashMaxOutputBytes: 4 * 1024 * 1024,
  searchMaxResults: 200,
  listMaxEntries: 500,
};

export interface ToolContext {
  sandbox: SandboxClient;
  /** Aborted when the run is stopped; commands started with it are killed. */
  signal: AbortSignal;
  limits: ToolLimits;
  /** Read offsets of background process logs, so bash_output returns only new output. */
  backgroundOffsets: Map<string, number>;
  todos: { current(): TodoItem[]; update(todos: TodoItem[]): Promise<void> };
}

export interface ToolResult {
  output: string;
  isError?: boolean;
  truncated?: boolean;
  /** The run ends after this step, waiting for the user's answer to `question` (ask_user). */
  endRun?: { question: string };
}

export interface AgentTool<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  inputSchema: S;
  execute(input: z.infer<S>, context: ToolContext): Promise<ToolResult>;
}

/** Keeps the schema's type for `execute` while the registry holds tools of any schema. */
export function defineTool<S extends z.ZodType>(tool: AgentTool<S>): AgentTool {
  return tool as unknown as AgentTool;
}

/** An error the model should read as the tool's result (not a crash). */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ToolError";
  }
}
