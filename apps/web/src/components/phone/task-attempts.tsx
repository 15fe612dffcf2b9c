"use client";
/**
 * A best-of-N task's attempts on a phone, best first (verification, diff size, cost), each with a
 * link to its session and, once all are done, Keep: the kept attempt becomes the task's result.
 */
import { useState } from "react";
import { describeError } from "@/lib/broker/request-error";
import { formatCost } from "@/lib/ide/format";
import { canKeep, rankedAttempts, verifyLabel, type AttemptGroupView } from "@/lib/ide/attempt-groups";
import type { TaskSessionView } from "@/lib/tasks/task-session";
import { useStore } from "../ide/model/use-store";

const TONE = { ok: "text-ok", error: "text-danger", warn: "text-warn", muted: "text-muted" } as const;

export function TaskAttempts({ view }: { view: TaskSessionView }) {
  const groups = useStore(view.attempts);
  const [problem, setProblem] = useState<string | null>(null);
  const group = groups.at(-1);
  if (!group) return null;
  const keep = async (attemptId: string) => {
    setProblem(null);
    try {
      await view.client.request("attempts-keep", { sessionId: view.sessionId, groupId: group.groupId, attemptId });
    } catch (error) {
      setProblem(describeError(error, "Keeping the attempt").message);
    }
  };
  return (
    <section aria-label="Attempts" className="border-b border-border bg-surface px-3 py-2">
      <h2 className="text-xs font-semibold tracking-wide text-muted uppercase">Attempts, best first</h2>
      <ol className="mt-1 flex flex-col divide-y divide-border">
        {rankedAttempts(group).map((attempt) => (
          <AttemptRow key={attempt.attemptId} group={group} attempt={attempt} onKeep={() => void keep(attempt.attemptId)} />
        ))}
      </ol>
      {problem && (
        <p role="alert" className="mt-1 text-sm text-danger">
          {problem}
        </p>
      )}
    </section>
  );
}

function AttemptRow({ group, attempt, onKeep }: { group: AttemptGroupView; attempt: ReturnType<typeof rankedAttempts>[number]; onKeep: () => void }) {
  const verify = verifyLabel(attempt);
  const diff = attempt.diffFiles === null ? "" : ` · ${attempt.diffFiles} file${attempt.diffFiles === 1 ? "" : "s"} +${attempt.diffAdded ?? 0} −${attempt.diffRemoved ?? 0}`;
  return (
    <li data-testid="task-attempt" className="flex items-center gap-2 py-2 text-sm">
      <div className="min-w-0 flex-1">
        <p className="truncate font-medium">
          Attempt {attempt.number} · {attempt.model}
        </p>
        <p className="text-xs">
          <span className={TONE[verify.tone]}>{verify.text}</span>
          <span className="text-muted">
            {diff} · {formatCost(attempt.costUsd, true)}
          </span>
        </p>
      </div>
      {attempt.outcome === "kept" ? (
        <span className="text-xs font-medium text-ok">Kept</span>
      ) : attempt.outcome === "archived" ? (
        <span className="text-xs text-muted">Archived</span>
      ) : canKeep(group, attempt) ? (
        <button type="button" onClick={onKeep} className="rounded-lg bg-sky-600 px-3 py-1.5 text-sm font-medium text-white active:bg-sky-700">
          Keep
        </button>
      ) : null}
    </li>
  );
}
