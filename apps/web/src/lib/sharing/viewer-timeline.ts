/**
 * What the shared-session viewer shows, from the session's events: the transcript (the IDE's own
 * reducer) plus the session's checkpoints (`checkpoint-created`), laid out in log order so each
 * checkpoint sits after the run it closes. A pure reducer over replayed and live events alike.
 */
import { CheckpointEventPayloads, visibleEvents, type SessionEvent } from "@codeyard/protocol";
import { applyEvents, emptyTranscript, type RunView, type Transcript } from "../ide/transcript";

/** A checkpoint as the viewer lists it; its position is the seq of its `checkpoint-created` event. */
export interface CheckpointMark {
  checkpointId: string;
  seq: number;
  label?: string;
}

export interface ViewerState {
  transcript: Transcript;
  checkpoints: CheckpointMark[];
  /** The seq of each run's run-started event, to place runs and checkpoints in order. */
  runStarts: Record<string, number>;
  lastSeq: number;
  /** The events still visible (a rewind hides those it went back over); kept to rebuild from. */
  events: readonly SessionEvent[];
}

export const emptyViewerState: ViewerState = { transcript: emptyTranscript, checkpoints: [], runStarts: {}, lastSeq: 0, events: [] };

/** Adds a batch of events; one holding a rewind rebuilds the view from the events still visible. */
export function applyViewerEvents(state: ViewerState, events: readonly SessionEvent[]): ViewerState {
  if (events.length === 0) return state;
  if (events.some((event) => event.type === "conversation-rewound")) {
    const rebuilt = reduce(emptyViewerState, visibleEvents([...state.events, ...events]));
    return { ...rebuilt, lastSeq: Math.max(state.lastSeq, events.at(-1)!.seq) };
  }
  return reduce(state, events);
}

function reduce(state: ViewerState, events: readonly SessionEvent[]): ViewerState {
  if (events.length === 0) return state;
  let checkpoints = state.checkpoints;
  let runStarts = state.runStarts;
  for (const event of events) {
    if (event.type === "checkpoint-created") {
      const parsed = CheckpointEventPayloads["checkpoint-created"].safeParse(event.payload);
      if (parsed.success && !checkpoints.some((mark) => mark.checkpointId === parsed.data.checkpointId)) {
        checkpoints = [...checkpoints, { checkpointId: parsed.data.checkpointId, seq: event.seq, label: parsed.data.label ?? undefined }];
      }
    } else if (event.type === "run-started") {
      const runId = (event.payload as { runId?: unknown } | null)?.runId;
      if (typeof runId === "string" && runStarts[runId] === undefined) runStarts = { ...runStarts, [runId]: event.seq };
    }
  }
  return {
    transcript: applyEvents(state.transcript, events),
    checkpoints,
    runStarts,
    lastSeq: Math.max(state.lastSeq, events.at(-1)!.seq),
    events: [...state.events, ...events],
  };
}

export type TimelineEntry = { kind: "run"; run: RunView } | { kind: "checkpoint"; checkpoint: CheckpointMark };

/** Runs and checkpoints in log order (a checkpoint at the same seq as a run's start comes after it). */
export function viewerTimeline(state: ViewerState): TimelineEntry[] {
  const entries: Array<TimelineEntry & { at: number; rank: number }> = [
    ...state.transcript.runs.map((run) => ({ kind: "run" as const, run, at: state.runStarts[run.runId] ?? 0, rank: 0 })),
    ...state.checkpoints.map((checkpoint) => ({ kind: "checkpoint" as const, checkpoint, at: checkpoint.seq, rank: 1 })),
  ];
  entries.sort((a, b) => a.at - b.at || a.rank - b.rank);
  return entries.map(({ at: _at, rank: _rank, ...entry }) => entry as TimelineEntry);
}
