"use client";
/**
 * The checkpoint timeline: every checkpoint of the conversation as it stands (newest first), each
 * with Rewind, Branch and Compare, and "Checkpoint now". The agent leaves one after every turn.
 */
import { useMemo, useState } from "react";
import { checkpointsOf, type TranscriptMarker } from "@/lib/ide/transcript-markers";
import { useStore } from "../model/use-store";
import { useWorkbench } from "../workbench-context";
import { CheckpointRow } from "./checkpoint-row";

export function CheckpointTimeline({ markers }: { markers: readonly TranscriptMarker[] }) {
  const workbench = useWorkbench();
  const busy = useStore(workbench.checkpoints.busy);
  const checkpoints = useMemo(() => checkpointsOf(markers).reverse(), [markers]);
  const [label, setLabel] = useState("");

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <form
        className="flex shrink-0 items-center gap-2 border-b border-border p-2"
        onSubmit={(event) => {
          event.preventDefault();
          void workbench.checkpoints.create(label).then((taken) => taken && setLabel(""));
        }}
      >
        <input
          value={label}
          onChange={(event) => setLabel(event.target.value)}
          maxLength={200}
          aria-label="Checkpoint label"
          placeholder="Label (optional)"
          className="min-w-0 flex-1 rounded-md border border-border bg-canvas px-2 py-1 text-xs outline-none focus:border-sky-500"
        />
        <button
          type="submit"
          disabled={busy !== null}
          className="shrink-0 rounded-md bg-sky-600 px-2.5 py-1 text-xs font-medium text-white disabled:opacity-50"
        >
          {busy === "checkpoint" ? "Taking…" : "Checkpoint now"}
        </button>
      </form>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {checkpoints.length === 0 ? (
          <p className="p-4 text-sm text-muted">
            No checkpoints yet. The agent leaves one after every turn; take one now to keep this
            state of files and environment. From a checkpoint you can rewind, branch off into a new
            session, or compare it with the files now.
          </p>
        ) : (
          <ol aria-label="Checkpoints" className="relative">
            {checkpoints.map((checkpoint, index) => (
              <CheckpointRow
                key={checkpoint.checkpointId}
                checkpoint={checkpoint}
                latest={index === 0}
                busy={busy}
              />
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}
