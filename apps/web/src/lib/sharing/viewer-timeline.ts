/**
 * What the shared-session viewer shows, from the session's events: the transcript (the IDE's own
 * reducer) plus the session's checkpoints (`checkpoint-created`), laid out in log order so each
 * checkpoint sits after the run it closes. A pure reducer over replayed and live events alike.
 */
import type { SessionEvent } from "@codeyard/protocol";
import { z } from "zod";
import { applyEvents, emptyTranscript, type RunView, type Transcript } from "../ide/transcript";

export const CheckpointCreated = z.object({
  checkpointId: z.string().min(1).max(128),
  seq: z.number().int().min(0),
  label: z.string().max(200).optional(),
});
export type CheckpointMark = z.infer<typeof CheckpointCreated>;

export interface ViewerState {
  transcript: Transcript;
  checkpoints: CheckpointMark[];
  /** The seq of each run's run-started event, to place runs and checkpoints in order. */
  runStarts: Record<string, number>;
  lastSeq: number;
}

export const emptyViewerState: ViewerState = { transcript: emptyTranscript, checkpoints: [], runStarts: {}, lastSeq: 0 };

export function applyViewerEvents(state: ViewerState, events: readonly SessionEvent[]): ViewerState {
  if (events.length === 0) return state;
  let checkpoints = state.checkpoints;
  let runStarts = state.runStarts;
  for (const event of events) {
    if (event.type === "checkpoint-created") {
      const parsed = CheckpointCreated.safeParse(event.payload);
      if (parsed.success && !checkpoints.some((mark) => mark.checkpointId === parsed.data.checkpointId)) checkpoints = [...checkpoints, parsed.data];
    } else if (event.type === "run-started") {
      const runId = (event.payload as { runId?: unknown } | null)?.runId;
      if (typeof runId === "string" && runStarts[runId] === undefined) runStarts = { ...runStarts, [runId]: event.seq };
    }
  }
  return { transcript: applyEvents(state.transcript, events), checkpoints, runStarts, lastSeq: Math.max(state.lastSeq, events.at(-1)!.seq) };
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
