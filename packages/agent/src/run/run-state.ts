/**
 * A run's state as a fold over its events. The live run applies each event after it was
 * persisted, and a restarted process replays the log through the same function, so both arrive
 * at exactly the same conversation (and the same prompt prefix).
 */
import type { RunEndCode, RunEvent, RunStatus, TodoItem, TokenUsage } from "@codeyard/protocol";
import type { ModelMessage, ToolResultPart } from "ai";
import { ZERO_USAGE, promptTokens } from "../model/usage.js";
import { compactedHistory } from "./compaction.js";

export interface PendingToolCall {
  toolCallId: string;
  toolName: string;
  step: number;
}

export interface RunState {
  /** The latest run seen. */
  runId: string | undefined;
  messages: ModelMessage[];
  /** The request of the latest run, kept verbatim through compaction. */
  goal: string | undefined;
  todos: TodoItem[];
  filesTouched: string[];
  /** Highest step started in the latest run. */
  step: number;
  usage: TokenUsage;
  costUsd: number;
  costComplete: boolean;
  finished: { status: RunStatus; code: RunEndCode; message: string } | undefined;
  /** Tool calls the model made that have no result yet. */
  pending: Map<string, PendingToolCall>;
  /** User messages sent during the run that the model has not seen yet. */
  queued: { messageId: string; text: string }[];
  /** Prompt + output tokens of the latest model call (what the next prompt starts from). */
  contextTokens: number | undefined;
  /** Characters added to the history since that call. */
  charsSinceUsage: number;
}

/** Tools whose `path` argument names a file the run worked on (kept through compaction). */
const FILE_TOOLS = new Set(["read_file", "write_file", "edit_file"]);

export function createRunState(): RunState {
  return {
    runId: undefined,
    messages: [],
    goal: undefined,
    todos: [],
    filesTouched: [],
    step: 0,
    usage: { ...ZERO_USAGE },
    costUsd: 0,
    costComplete: true,
    finished: undefined,
    pending: new Map(),
    queued: [],
    contextTokens: undefined,
    charsSinceUsage: 0,
  };
}

export function replayRunEvents(events: Iterable<RunEvent>): RunState {
  const state = createRunState();
  for (const event of events) applyRunEvent(state, event);
  return state;
}

/** Tool inputs the history may carry: providers want a JSON object, even for a malformed call. */
export function historyInput(input: unknown): Record<string, unknown> {
  return input !== null && typeof input === "object" && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
}

export function applyRunEvent(state: RunState, event: RunEvent): void {
  switch (event.type) {
    case "run-started": {
      const { payload } = event;
      Object.assign(state, { runId: payload.runId, goal: payload.input, step: 0, usage: { ...ZERO_USAGE }, costUsd: 0, costComplete: true, finished: undefined, queued: [] });
      state.messages.push({ role: "user", content: [{ type: "text", text: payload.context }, { type: "text", text: payload.input }] });
      state.charsSinceUsage += payload.context.length + payload.input.length;
      break;
    }
    case "step-started":
      state.step = Math.max(state.step, event.payload.step);
      break;
    case "user-message-queued":
      state.queued.push({ messageId: event.payload.messageId, text: event.payload.text });
      break;
    case "user-message-delivered":
      state.queued = state.queued.filter((queued) => queued.messageId !== event.payload.messageId);
      state.messages.push({ role: "user", content: [{ type: "text", text: event.payload.text }] });
      state.charsSinceUsage += event.payload.text.length;
      break;
    case "message-completed": {
      const { text, toolCalls, step } = event.payload;
      const content = [
        ...(text ? [{ type: "text" as const, text }] : []),
        ...toolCalls.map((call) => ({ type: "tool-call" as const, toolCallId: call.toolCallId, toolName: call.toolName, input: historyInput(call.input) })),
      ];
      if (content.length > 0) state.messages.push({ role: "assistant", content });
      for (const call of toolCalls) state.pending.set(call.toolCallId, { toolCallId: call.toolCallId, toolName: call.toolName, step });
      state.charsSinceUsage += text.length + JSON.stringify(toolCalls).length;
      break;
    }
    case "tool-call-started": {
      const path = historyInput(event.payload.input).path;
      if (FILE_TOOLS.has(event.payload.toolName) && typeof path === "string" && !state.filesTouched.includes(path)) state.filesTouched.push(path);
      break;
    }
    case "tool-call-completed":
      applyToolResult(state, event.payload);
      break;
    case "todo-updated":
      state.todos = event.payload.todos;
      break;
    case "usage-updated":
      state.usage = event.payload.total;
      state.costUsd = event.payload.totalCostUsd;
      state.costComplete = event.payload.costComplete;
      state.contextTokens = promptTokens(event.payload.usage) + event.payload.usage.outputTokens;
      state.charsSinceUsage = 0;
      break;
    case "compaction-done":
      state.messages = compactedHistory(event.payload);
      state.filesTouched = [...event.payload.filesTouched];
      state.todos = event.payload.todos;
      state.contextTokens = undefined;
      state.charsSinceUsage = 0;
      break;
    case "run-finished":
      state.finished = { status: event.payload.status, code: event.payload.reason.code, message: event.payload.reason.message };
      break;
    default:
      break;
  }
}

function applyToolResult(state: RunState, result: { toolCallId: string; toolName: string; isError: boolean; output: string }): void {
  // A result without its call would be rejected by the provider; a corrupt log must not break the run.
  if (!state.pending.delete(result.toolCallId)) return;
  const part: ToolResultPart = {
    type: "tool-result",
    toolCallId: result.toolCallId,
    toolName: result.toolName,
    output: result.isError ? { type: "error-text", value: result.output } : { type: "text", value: result.output },
  };
  const last = state.messages.at(-1);
  if (last?.role === "tool") last.content.push(part);
  else state.messages.push({ role: "tool", content: [part] });
  state.charsSinceUsage += result.output.length;
}
