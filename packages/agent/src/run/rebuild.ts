/**
 * Rebuilding from the event log after a process restart: the conversation to continue from, and
 * the events that close a run that cannot be continued (status `interrupted`).
 */
import type { RunEvent, RunEventOf } from "@codeyard/protocol";
import type { ModelMessage } from "ai";
import { applyRunEvent, replayRunEvents, type RunState } from "./run-state.js";

export const INTERRUPTED_TOOL_OUTPUT =
  "This tool call was interrupted (the agent's process restarted) before it finished; its effects are unknown. Check the current state before retrying it.";

/** Results for tool calls that never finished, so the history is valid for the provider again. */
export function interruptedToolResults(state: RunState): RunEventOf<"tool-call-completed">[] {
  return [...state.pending.values()].map((call) => ({
    type: "tool-call-completed",
    payload: { runId: state.runId ?? "", step: call.step, toolCallId: call.toolCallId, toolName: call.toolName, isError: true, output: INTERRUPTED_TOOL_OUTPUT, truncated: false, durationMs: 0 },
  }));
}

/**
 * The message history to continue from, given a conversation's persisted events (one run or
 * several, in order). Tool calls without a result get an "interrupted" error result.
 */
export function rebuildHistory(events: Iterable<RunEvent>): ModelMessage[] {
  const state = replayRunEvents(events);
  for (const event of interruptedToolResults(state)) applyRunEvent(state, event);
  return state.messages;
}

/**
 * The events to append to close the latest run of `events` as interrupted (after a restart, when
 * it is not resumed); empty when that run already finished.
 */
export function closeInterruptedRun(events: Iterable<RunEvent>, message = "The agent's process stopped while the run was going."): RunEvent[] {
  const state = replayRunEvents(events);
  if (!state.runId || state.finished) return [];
  return [
    ...interruptedToolResults(state),
    {
      type: "run-finished",
      payload: {
        runId: state.runId,
        status: "interrupted",
        reason: { code: "process-restart", message },
        steps: state.step,
        usage: state.usage,
        costUsd: state.costUsd,
        undeliveredMessages: state.queued.map((queued) => queued.text),
      },
    },
  ];
}
