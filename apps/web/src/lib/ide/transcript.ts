/**
 * Session events → what the agent panel shows: one entry per run (the prompt, the streamed
 * answer, tool calls with their output, notices), plus its todos, usage and the files it changed,
 * and markers between runs (checkpoints, rewinds, branches, attempts; see transcript-markers).
 * A pure reducer, fed one event at a time (replayed backlog and live events alike); it expects the
 * visible events (SessionHistory), so a rewind is a rebuild from scratch.
 */
import {
  parseRunEvent,
  type ModelRef,
  type RunEvent,
  type SessionEvent,
  type TodoItem,
  type TokenUsage,
} from "@codeyard/protocol";
import {
  changesOfFileChanged,
  changesOfToolCall,
  mergeFileChanges,
  type FileChange,
} from "./changed-files";
import { markerOf, type TranscriptMarker } from "./transcript-markers";

export type TranscriptItem =
  | { kind: "message"; messageId: string; text: string; streaming: boolean }
  | {
      kind: "tool";
      toolCallId: string;
      toolName: string;
      input: unknown;
      status: "running" | "done" | "error";
      output?: string;
      truncated?: boolean;
      durationMs?: number;
    }
  | { kind: "user"; messageId: string; text: string; delivered: boolean }
  | { kind: "notice"; tone: "info" | "warn" | "error"; text: string };

export interface RunUsage {
  model: ModelRef;
  total: TokenUsage;
  totalCostUsd: number;
  costComplete: boolean;
}

export interface RunView {
  runId: string;
  /** Seq of its run-started event: where it sits among the markers. */
  seq: number;
  prompt: string;
  model: ModelRef;
  startedAt: string;
  status: "running" | "done" | "failed" | "stopped" | "interrupted";
  finishMessage?: string;
  /** The run ended asking the user this (ask_user); their answer starts the next run. */
  question?: string;
  items: TranscriptItem[];
  todos: TodoItem[];
  usage?: RunUsage;
  /** Files the run touched, from its write/edit tool calls and file-changed events while it ran. */
  changes: FileChange[];
}

export interface Transcript {
  runs: RunView[];
  /** The run still going, if any (the prompt box then sends messages to it). */
  activeRunId: string | null;
  /** In seq order. */
  markers: TranscriptMarker[];
}

export const emptyTranscript: Transcript = { runs: [], activeRunId: null, markers: [] };

export type TranscriptEntry =
  { kind: "run"; run: RunView } | { kind: "marker"; marker: TranscriptMarker };

/** Runs and markers, in the order they happened. */
export function transcriptEntries(transcript: Transcript): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  let next = 0;
  for (const run of transcript.runs) {
    while (next < transcript.markers.length && transcript.markers[next]!.seq < run.seq)
      entries.push({ kind: "marker", marker: transcript.markers[next++]! });
    entries.push({ kind: "run", run });
  }
  for (const marker of transcript.markers.slice(next)) entries.push({ kind: "marker", marker });
  return entries;
}

export function applyEvent(state: Transcript, event: SessionEvent): Transcript {
  if (event.type === "file-changed") return applyFileChanged(state, event.payload);
  const marker = markerOf(event, state.markers);
  if (marker) {
    const markers = [...state.markers, marker];
    // A rewind is refused while a run goes, so a run still open here was cut by the rewind (the
    // checkpoint was taken while it ran): the rest of it was rewound over.
    if (marker.kind === "rewound" && state.activeRunId) return cutActiveRun(state, markers);
    return { ...state, markers };
  }
  const parsed = parseRunEvent(event.type, event.payload);
  if (!parsed) return state;
  if (parsed.type === "run-started") {
    const { runId, input, model } = parsed.payload;
    const run: RunView = {
      runId,
      seq: event.seq,
      prompt: input,
      model,
      startedAt: event.at,
      status: "running",
      items: [],
      todos: [],
      changes: [],
    };
    return {
      ...state,
      runs: [...state.runs.filter((existing) => existing.runId !== runId), run],
      activeRunId: runId,
    };
  }
  const index = state.runs.findIndex((run) => run.runId === parsed.payload.runId);
  const run = state.runs[index];
  if (!run) return state;
  const next = applyRunEvent(run, parsed);
  if (next === run) return state;
  const runs = state.runs.slice();
  runs[index] = next;
  const finished = parsed.type === "run-finished" && state.activeRunId === run.runId;
  const resumed = parsed.type === "run-resumed";
  return {
    ...state,
    runs,
    activeRunId: finished ? null : resumed ? run.runId : state.activeRunId,
  };
}

export function applyEvents(state: Transcript, events: readonly SessionEvent[]): Transcript {
  return events.reduce(applyEvent, state);
}

function cutActiveRun(state: Transcript, markers: TranscriptMarker[]): Transcript {
  const runs = state.runs.map((run) =>
    run.runId === state.activeRunId
      ? {
          ...run,
          status: "stopped" as const,
          finishMessage: "The rest of this run was rewound.",
          items: run.items.map((item) =>
            item.kind === "message" && item.streaming ? { ...item, streaming: false } : item,
          ),
        }
      : run,
  );
  return { runs, activeRunId: null, markers };
}

function applyFileChanged(state: Transcript, payload: unknown): Transcript {
  if (!state.activeRunId) return state;
  const changes = changesOfFileChanged(payload);
  if (changes.length === 0) return state;
  return {
    ...state,
    runs: state.runs.map((run) =>
      run.runId === state.activeRunId
        ? { ...run, changes: mergeFileChanges(run.changes, changes) }
        : run,
    ),
  };
}

function applyRunEvent(run: RunView, event: RunEvent): RunView {
  switch (event.type) {
    case "run-resumed":
      return {
        ...run,
        status: "running",
        items: [...run.items, { kind: "notice", tone: "info", text: "Resumed after a restart." }],
      };
    case "message-delta": {
      const { messageId, delta } = event.payload;
      const at = run.items.findIndex(
        (item) => item.kind === "message" && item.messageId === messageId,
      );
      if (at < 0)
        return {
          ...run,
          items: [...run.items, { kind: "message", messageId, text: delta, streaming: true }],
        };
      return replaceItem(run, at, (item) =>
        item.kind === "message" ? { ...item, text: item.text + delta } : item,
      );
    }
    case "message-completed": {
      const { messageId, text } = event.payload;
      const at = run.items.findIndex(
        (item) => item.kind === "message" && item.messageId === messageId,
      );
      const item: TranscriptItem = { kind: "message", messageId, text, streaming: false };
      if (at < 0) return text ? { ...run, items: [...run.items, item] } : run;
      return replaceItem(run, at, () => item);
    }
    case "model-call-failed": {
      const { discardedMessageId, message, willRetry, retryInMs } = event.payload;
      const items = discardedMessageId
        ? run.items.filter(
            (item) => !(item.kind === "message" && item.messageId === discardedMessageId),
          )
        : run.items;
      const retry = willRetry
        ? ` Retrying${retryInMs ? ` in ${Math.ceil(retryInMs / 1000)} s` : ""}…`
        : "";
      return {
        ...run,
        items: [
          ...items,
          {
            kind: "notice",
            tone: willRetry ? "warn" : "error",
            text: `The model call failed: ${message}${retry}`,
          },
        ],
      };
    }
    case "model-switched": {
      const { to, reason } = event.payload;
      return {
        ...run,
        model: to,
        items: [
          ...run.items,
          { kind: "notice", tone: "warn", text: `Switched to ${to.model}: ${reason}` },
        ],
      };
    }
    case "tool-call-started": {
      const { toolCallId, toolName, input } = event.payload;
      const item: TranscriptItem = { kind: "tool", toolCallId, toolName, input, status: "running" };
      return {
        ...run,
        items: [...run.items, item],
        changes: mergeFileChanges(run.changes, changesOfToolCall(toolName, input)),
      };
    }
    case "tool-call-completed": {
      const { toolCallId, isError, output, truncated, durationMs } = event.payload;
      const at = run.items.findIndex(
        (item) => item.kind === "tool" && item.toolCallId === toolCallId,
      );
      if (at < 0) return run;
      return replaceItem(run, at, (item) =>
        item.kind === "tool"
          ? { ...item, status: isError ? "error" : "done", output, truncated, durationMs }
          : item,
      );
    }
    case "user-message-queued": {
      const { messageId, text } = event.payload;
      return { ...run, items: [...run.items, { kind: "user", messageId, text, delivered: false }] };
    }
    case "user-message-delivered": {
      const { messageId, text } = event.payload;
      const at = run.items.findIndex(
        (item) => item.kind === "user" && item.messageId === messageId,
      );
      if (at < 0)
        return {
          ...run,
          items: [...run.items, { kind: "user", messageId, text, delivered: true }],
        };
      return replaceItem(run, at, (item) =>
        item.kind === "user" ? { ...item, delivered: true } : item,
      );
    }
    case "todo-updated":
      return { ...run, todos: event.payload.todos };
    case "usage-updated": {
      const { model, total, totalCostUsd, costComplete } = event.payload;
      return { ...run, usage: { model, total, totalCostUsd, costComplete } };
    }
    case "compaction-done":
      return {
        ...run,
        items: [
          ...run.items,
          {
            kind: "notice",
            tone: "info",
            text: "The conversation was summarized to fit the model's context.",
          },
        ],
      };
    case "run-finished": {
      const { status, reason, usage, costUsd, undeliveredMessages } = event.payload;
      const items = run.items.map((item) =>
        item.kind === "message" && item.streaming ? { ...item, streaming: false } : item,
      );
      if (undeliveredMessages.length > 0) {
        items.push({
          kind: "notice",
          tone: "warn",
          text: `${undeliveredMessages.length} message(s) sent during the run never reached the model.`,
        });
      }
      const finalUsage: RunUsage = {
        model: run.usage?.model ?? run.model,
        total: usage,
        totalCostUsd: costUsd,
        costComplete: run.usage?.costComplete ?? true,
      };
      return {
        ...run,
        status,
        finishMessage: reason.code === "completed" || reason.code === "awaiting-user" ? undefined : reason.message,
        question: reason.code === "awaiting-user" ? reason.message : undefined,
        items,
        usage: finalUsage,
      };
    }
    default:
      return run;
  }
}

function replaceItem(
  run: RunView,
  index: number,
  update: (item: TranscriptItem) => TranscriptItem,
): RunView {
  const items = run.items.slice();
  items[index] = update(items[index]!);
  return { ...run, items };
}

/** Token and cost totals over every run of the session. */
export function sessionTotals(transcript: Transcript): {
  tokens: number;
  costUsd: number;
  costComplete: boolean;
} {
  let tokens = 0;
  let costUsd = 0;
  let costComplete = true;
  for (const run of transcript.runs) {
    if (!run.usage) continue;
    const { total } = run.usage;
    tokens +=
      total.inputTokens + total.outputTokens + total.cacheReadTokens + total.cacheWriteTokens;
    costUsd += run.usage.totalCostUsd;
    costComplete &&= run.usage.costComplete;
  }
  return { tokens, costUsd, costComplete };
}
