"use client";
/** One group of attempts: its task, how far it got, and its attempts ranked best first. */
import { useEffect, useMemo } from "react";
import { isFinished, rankedAttempts, type AttemptGroupView } from "@/lib/ide/attempt-groups";
import { checkpointTitle, findCheckpoint, formatClock } from "@/lib/ide/transcript-markers";
import { useStore } from "../model/use-store";
import { useWorkbench } from "../workbench-context";
import { AttemptRow } from "./attempt-row";

export function AttemptGroupCard({ group }: { group: AttemptGroupView }) {
  const workbench = useWorkbench();
  const verifyCommands = useStore(workbench.attempts.verifyCommands);
  const markers = useStore(workbench.transcript).markers;
  const ranked = useMemo(() => rankedAttempts(group), [group]);
  const finished = group.attempts.filter(isFinished).length;
  const checkpoint = findCheckpoint(markers, group.checkpointId);
  const verifyCommand = verifyCommands[group.groupId];

  useEffect(() => {
    void workbench.attempts.loadVerifyCommand(group.groupId);
  }, [workbench, group.groupId]);

  return (
    <section
      aria-label={`Attempts: ${group.prompt}`}
      className="border-b border-border p-3 text-xs"
    >
      <p className="text-sm font-medium break-words whitespace-pre-wrap">{group.prompt}</p>
      <p className="mt-0.5 text-muted">
        {group.attempts.length} attempt{group.attempts.length === 1 ? "" : "s"} · started{" "}
        {formatClock(group.startedAt)}
        {checkpoint && <> · from “{checkpointTitle(checkpoint)}”</>} ·{" "}
        {finished === group.attempts.length ? "all finished" : `${finished} finished`}
      </p>
      <p className="mt-0.5 text-muted">
        Verify:{" "}
        {verifyCommand === undefined ? (
          "…"
        ) : verifyCommand === null ? (
          "none (attempts are ranked by diff size and cost)"
        ) : (
          <code className="font-mono">{verifyCommand}</code>
        )}
      </p>
      <ol aria-label="Ranked attempts" className="mt-2 space-y-1.5">
        {ranked.map((attempt, index) => (
          <AttemptRow key={attempt.attemptId} group={group} attempt={attempt} rank={index + 1} />
        ))}
      </ol>
    </section>
  );
}
