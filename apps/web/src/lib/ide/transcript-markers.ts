/**
 * The session events between agent runs that the transcript shows as one-line markers:
 * checkpoints, rewinds, branches, best-of-N attempts started and kept. Checkpoint markers are
 * also the agent panel's checkpoint timeline.
 */
import { CheckpointEventPayloads, type SessionEvent } from "@codeyard/protocol";

interface Placed {
  /** The event's seq (a checkpoint's own position in the log). */
  seq: number;
  at: string;
}

export type CheckpointMarker = Placed & {
  kind: "checkpoint";
  checkpointId: string;
  /** The session the checkpoint was taken in (an ancestor's, in a branch). */
  sessionId: string;
  label: string | null;
  environmentChanged: boolean;
  durationMs: number;
};

export type TranscriptMarker =
  | CheckpointMarker
  | (Placed & {
      kind: "rewound";
      checkpointId: string;
      /** Label of the checkpoint gone back to, when the log still shows it. */
      label: string | null;
      futureSessionId: string;
    })
  | (Placed & { kind: "branch"; sessionId: string; checkpointId: string; title: string })
  | (Placed & {
      kind: "attempts";
      groupId: string;
      prompt: string;
      attempts: Array<{ attemptId: string; sessionId: string; model: string }>;
    })
  | (Placed & { kind: "attempt-kept"; groupId: string; sessionId: string; model: string | null });

/** The marker an event stands for (null for other events), given the markers before it. */
export function markerOf(
  event: SessionEvent,
  previous: readonly TranscriptMarker[],
): TranscriptMarker | null {
  const place = { seq: event.seq, at: event.at };
  switch (event.type) {
    case "checkpoint-created": {
      const parsed = CheckpointEventPayloads["checkpoint-created"].safeParse(event.payload);
      if (!parsed.success) return null;
      const { checkpointId, sessionId, label, environmentChanged, durationMs } = parsed.data;
      return {
        kind: "checkpoint",
        ...place,
        checkpointId,
        sessionId,
        label,
        environmentChanged,
        durationMs,
      };
    }
    case "conversation-rewound": {
      const parsed = CheckpointEventPayloads["conversation-rewound"].safeParse(event.payload);
      if (!parsed.success) return null;
      const { checkpointId, futureSessionId } = parsed.data;
      const target = findCheckpoint(previous, checkpointId);
      return {
        kind: "rewound",
        ...place,
        checkpointId,
        futureSessionId,
        label: target ? checkpointTitle(target) : null,
      };
    }
    case "branch-created": {
      const parsed = CheckpointEventPayloads["branch-created"].safeParse(event.payload);
      return parsed.success ? { kind: "branch", ...place, ...parsed.data } : null;
    }
    case "attempts-started": {
      const parsed = CheckpointEventPayloads["attempts-started"].safeParse(event.payload);
      if (!parsed.success) return null;
      const { groupId, prompt, attempts } = parsed.data;
      return { kind: "attempts", ...place, groupId, prompt, attempts };
    }
    case "attempt-kept": {
      const parsed = CheckpointEventPayloads["attempt-kept"].safeParse(event.payload);
      if (!parsed.success) return null;
      const { groupId, attemptId, sessionId } = parsed.data;
      const started = previous.find(
        (marker) => marker.kind === "attempts" && marker.groupId === groupId,
      );
      const model =
        started?.kind === "attempts"
          ? (started.attempts.find((attempt) => attempt.attemptId === attemptId)?.model ?? null)
          : null;
      return { kind: "attempt-kept", ...place, groupId, sessionId, model };
    }
    default:
      return null;
  }
}

export function findCheckpoint(
  markers: readonly TranscriptMarker[],
  checkpointId: string,
): CheckpointMarker | undefined {
  return markers.find(
    (marker): marker is CheckpointMarker =>
      marker.kind === "checkpoint" && marker.checkpointId === checkpointId,
  );
}

export function checkpointsOf(markers: readonly TranscriptMarker[]): CheckpointMarker[] {
  return markers.filter((marker): marker is CheckpointMarker => marker.kind === "checkpoint");
}

/** What a checkpoint is called in the UI: its label, or when it was taken. */
export function checkpointTitle(checkpoint: Pick<CheckpointMarker, "label" | "at">): string {
  return checkpoint.label ?? `Checkpoint of ${formatClock(checkpoint.at)}`;
}

/** HH:MM:SS of an ISO time, in the browser's time zone. */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}
