/**
 * What a task's diff review shows: every file the agent changed in the session (over all its
 * runs, merged like the IDE's changed-files list), and whether the user kept the latest change of
 * each (a `changes-kept` event after the file's last change); a file put back (`file-rewound`)
 * leaves the list. A pure reducer over session events.
 */
import {
  CheckpointEventPayloads,
  changesOfFileChanged,
  changesOfToolCall,
  mergeFileChanges,
  TaskEventPayloads,
  withoutParentDirectories,
  type FileChange,
  type SessionEvent,
} from "@codeyard/protocol";

export interface ReviewFile {
  path: string;
  change: FileChange;
  /** Seq of the first event of the session that changed the file (Rewind goes back to before it). */
  firstChangedSeq: number;
  /** Seq of the latest event that changed the file. */
  changedSeq: number;
  /** Seq of the latest `changes-kept` naming it (0: never kept). */
  keptSeq: number;
}

export interface ReviewState {
  files: ReviewFile[];
  runActive: boolean;
}

export const emptyReview: ReviewState = { files: [], runActive: false };

export function applyReviewEvent(state: ReviewState, event: SessionEvent): ReviewState {
  switch (event.type) {
    case "run-started":
    case "run-resumed":
      return state.runActive ? state : { ...state, runActive: true };
    case "run-finished":
      return state.runActive ? { ...state, runActive: false } : state;
    case "tool-call-started": {
      const { toolName, input } = (event.payload ?? {}) as { toolName?: unknown; input?: unknown };
      return typeof toolName === "string" ? addChanges(state, changesOfToolCall(toolName, input), event.seq) : state;
    }
    case "file-changed":
      return state.runActive ? addChanges(state, changesOfFileChanged(event.payload), event.seq) : state;
    case "changes-kept": {
      const parsed = TaskEventPayloads["changes-kept"].safeParse(event.payload);
      if (!parsed.success) return state;
      const kept = new Set(parsed.data.paths);
      return { ...state, files: state.files.map((file) => (kept.has(file.path) ? { ...file, keptSeq: event.seq } : file)) };
    }
    case "file-rewound": {
      // The agent's change is undone: nothing left to review for that file.
      const parsed = CheckpointEventPayloads["file-rewound"].safeParse(event.payload);
      return parsed.success ? { ...state, files: state.files.filter((file) => file.path !== parsed.data.path) } : state;
    }
    default:
      return state;
  }
}

export function applyReviewEvents(state: ReviewState, events: readonly SessionEvent[]): ReviewState {
  return events.reduce(applyReviewEvent, state);
}

function addChanges(state: ReviewState, changes: FileChange[], seq: number): ReviewState {
  if (changes.length === 0) return state;
  const byPath = new Map(state.files.map((file) => [file.path, file]));
  for (const change of changes) {
    const existing = byPath.get(change.path);
    const merged = existing ? mergeFileChanges([existing.change], [change])[0]! : change;
    byPath.set(change.path, { path: change.path, change: merged, firstChangedSeq: existing?.firstChangedSeq ?? seq, changedSeq: seq, keptSeq: existing?.keptSeq ?? 0 });
  }
  return { ...state, files: [...byPath.values()] };
}

/** The files to review (directories created along the way left out), each kept or not. */
export function reviewFiles(state: ReviewState): Array<ReviewFile & { kept: boolean }> {
  return withoutParentDirectories(state.files).map((file) => ({ ...file, kept: file.keptSeq > file.changedSeq }));
}
