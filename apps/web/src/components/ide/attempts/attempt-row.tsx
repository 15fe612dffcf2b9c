"use client";
/** One attempt: verification, diff size, cost, its diff and session, and Keep once finished. */
import Link from "next/link";
import { formatCost } from "@/lib/ide/format";
import {
  canKeep,
  isFinished,
  verifyLabel,
  type AttemptGroupView,
  type AttemptView,
} from "@/lib/ide/attempt-groups";
import { useStore } from "../model/use-store";
import { useWorkbench } from "../workbench-context";

const TONE = {
  ok: "border-ok/40 bg-ok/10 text-ok",
  error: "border-danger/40 bg-danger/10 text-danger",
  warn: "border-warn/40 bg-warn/10 text-warn",
  muted: "border-border text-muted",
} as const;

export function AttemptRow({
  group,
  attempt,
  rank,
}: {
  group: AttemptGroupView;
  attempt: AttemptView;
  rank: number;
}) {
  const workbench = useWorkbench();
  const keeping = useStore(workbench.attempts.keeping);
  const verify = verifyLabel(attempt);
  const name = `Attempt ${attempt.number} (${attempt.model})`;
  const showDiff = () =>
    void workbench.checkpoints.showDiff(
      { kind: "checkpoint", checkpointId: group.checkpointId },
      { kind: "session", sessionId: attempt.sessionId },
      {
        title: `${name} ↔ its starting checkpoint`,
        note: "Left (−): the files at the checkpoint the attempts started from. Right (+): the attempt's files.",
      },
    );

  return (
    <li
      aria-label={name}
      className={`rounded-md border px-2 py-1.5 ${attempt.outcome === "kept" ? "border-ok/60" : "border-border"} ${attempt.outcome === "archived" ? "opacity-70" : ""}`}
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <span className="w-5 shrink-0 text-muted" title="Rank">
          {isFinished(attempt) ? `#${rank}` : "–"}
        </span>
        <span className="font-medium">Attempt {attempt.number}</span>
        <span className="truncate font-mono text-muted" title="Model">
          {attempt.model}
        </span>
        <span className={`rounded border px-1.5 ${TONE[verify.tone]}`}>{verify.text}</span>
        {attempt.status === "failed" || attempt.status === "interrupted" ? (
          <span className="text-danger">agent {attempt.status}</span>
        ) : null}
        {attempt.outcome !== "open" && (
          <span
            className={`rounded px-1.5 font-medium ${attempt.outcome === "kept" ? "bg-ok/15 text-ok" : "bg-canvas text-muted"}`}
          >
            {attempt.outcome === "kept" ? "Kept" : "Archived"}
          </span>
        )}
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-x-2 pl-7 text-muted">
        <span title="Lines added and removed against the starting checkpoint">
          {attempt.diffAdded === null ? (
            "diff: —"
          ) : (
            <>
              {attempt.diffFiles} file{attempt.diffFiles === 1 ? "" : "s"}{" "}
              <span className="text-ok">+{attempt.diffAdded}</span>{" "}
              <span className="text-danger">−{attempt.diffRemoved ?? 0}</span>
            </>
          )}
        </span>
        <span title="What the attempt's model calls cost">· {formatCost(attempt.costUsd)}</span>
        <span className="ml-auto flex gap-1.5">
          <button
            type="button"
            onClick={showDiff}
            className="rounded border border-border px-2 py-0.5 text-fg hover:bg-canvas"
          >
            Diff
          </button>
          <Link
            href={workbench.sessionUrl(attempt.sessionId)}
            className="rounded border border-border px-2 py-0.5 text-fg hover:bg-canvas"
          >
            Session
          </Link>
          {canKeep(group, attempt) && (
            <button
              type="button"
              disabled={keeping !== null}
              onClick={() => void workbench.attempts.keep(group, attempt)}
              className="rounded bg-sky-600 px-2 py-0.5 font-medium text-white disabled:opacity-50"
            >
              {keeping === attempt.attemptId ? "Keeping…" : "Keep"}
            </button>
          )}
        </span>
      </div>
      {attempt.verifyOutput && (
        <details className="mt-1 pl-7">
          <summary className="cursor-pointer text-muted">Verify output</summary>
          <pre className="mt-1 max-h-48 overflow-auto rounded bg-canvas p-1.5 font-mono whitespace-pre-wrap">
            {attempt.verifyOutput}
          </pre>
        </details>
      )}
    </li>
  );
}
