"use client";
/**
 * The task's agent transcript (the IDE's run renderer: streamed text, collapsed tool calls,
 * todos) with the reply box under it; follows new output while the reader is at the bottom.
 */
import type { TaskSummary } from "@codeyard/protocol";
import { useEffect, useLayoutEffect, useRef } from "react";
import type { RunView as Run } from "@/lib/ide/transcript";
import type { TaskSessionView } from "@/lib/tasks/task-session";
import { RunView } from "../ide/agent/run-view";
import { useStore } from "../ide/model/use-store";
import { ReplyBox } from "./reply-box";

export function TaskTranscript({ view, task, onReview }: { view: TaskSessionView; task: TaskSummary; onReview: () => void }) {
  const transcript = useStore(view.transcript);
  const sync = useStore(view.sync.status);
  const pinned = useRef(true);

  useEffect(() => {
    const onScroll = () => (pinned.current = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 120);
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => window.removeEventListener("scroll", onScroll);
  }, []);
  useLayoutEffect(() => {
    if (pinned.current) window.scrollTo({ top: document.documentElement.scrollHeight });
  }, [transcript]);

  const changes = (run: Run) =>
    run.changes.length > 0 ? (
      <button type="button" onClick={onReview} className="mt-2 w-full rounded-md border border-border px-3 py-2 text-left text-xs active:bg-canvas">
        {run.changes.length} file{run.changes.length === 1 ? "" : "s"} changed · <span className="text-sky-600 dark:text-sky-400">Review</span>
      </button>
    ) : null;

  return (
    <div className="flex flex-1 flex-col">
      <div className="flex-1 bg-surface pb-2">
        {sync.status === "error" && <p className="px-3 py-2 text-sm text-danger">{sync.error.message}</p>}
        {transcript.runs.length === 0 && sync.status !== "error" && <p className="p-4 text-sm text-muted">{sync.status === "joining" ? "Loading the transcript…" : "The agent is starting…"}</p>}
        {transcript.runs.map((run) => (
          <RunView key={run.runId} run={run} changes={changes} />
        ))}
      </div>
      <ReplyBox view={view} activeRunId={transcript.activeRunId} waiting={task.status === "waiting"} />
    </div>
  );
}
