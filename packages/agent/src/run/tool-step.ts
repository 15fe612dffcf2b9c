/** Runs the tool calls of one step, in order, each framed by tool-call-started / -completed events. */
import type { RunEventPayload, ToolCallRef } from "@codeyard/protocol";
import { runToolCall } from "../tools/registry.js";
import type { AgentTool, ToolContext } from "../tools/tool-types.js";

type Emit = {
  (type: "tool-call-started", payload: Omit<RunEventPayload<"tool-call-started">, "runId">): Promise<void>;
  (type: "tool-call-completed", payload: Omit<RunEventPayload<"tool-call-completed">, "runId">): Promise<void>;
};

/** Runs the calls; returns the question of an ask_user call among them (the run then ends). */
export async function runToolCalls(step: number, calls: ToolCallRef[], tools: readonly AgentTool[], context: ToolContext, emit: Emit): Promise<{ question?: string }> {
  let question: string | undefined;
  for (const call of calls) {
    const { toolCallId, toolName } = call;
    if (context.signal.aborted) {
      await emit("tool-call-completed", { step, toolCallId, toolName, isError: true, output: "Not run: the run was stopped before this tool call.", truncated: false, durationMs: 0 });
      continue;
    }
    await emit("tool-call-started", { step, ...call });
    const started = Date.now();
    const result = await runToolCall(tools, toolName, call.input, context);
    await emit("tool-call-completed", {
      step,
      toolCallId,
      toolName,
      isError: result.isError ?? false,
      output: result.output,
      truncated: result.truncated ?? false,
      durationMs: Date.now() - started,
    });
    question ??= result.endRun?.question;
  }
  return { question };
}
