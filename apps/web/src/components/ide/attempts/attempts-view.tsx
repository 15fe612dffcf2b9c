"use client";
/**
 * Best-of-N: the form that starts N attempts of one task, and every group of attempts of this
 * session (newest first), each ranked by verification, diff size and cost.
 */
import { useState } from "react";
import { useStore } from "../model/use-store";
import { useWorkbench } from "../workbench-context";
import { AttemptGroupCard } from "./attempt-group-card";
import { AttemptsComposer } from "./attempts-composer";

export function AttemptsView() {
  const workbench = useWorkbench();
  const groups = useStore(workbench.attempts.groups);
  const [composing, setComposing] = useState(groups.length === 0);

  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      {composing ? (
        <AttemptsComposer
          onStarted={() => setComposing(false)}
          onCancel={groups.length > 0 ? () => setComposing(false) : undefined}
        />
      ) : (
        <div className="border-b border-border p-2">
          <button
            type="button"
            onClick={() => setComposing(true)}
            className="rounded-md bg-sky-600 px-2.5 py-1 text-xs font-medium text-white"
          >
            New attempts…
          </button>
        </div>
      )}
      {[...groups].reverse().map((group) => (
        <AttemptGroupCard key={group.groupId} group={group} />
      ))}
    </div>
  );
}
