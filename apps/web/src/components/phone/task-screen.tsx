"use client";
/**
 * One task on the phone: its status, the live transcript with a reply box, the review of the
 * files it changed, the session's terminals (read-mostly) and its app previews.
 */
import type { TaskSummary } from "@codeyard/protocol";
import { useEffect, useState } from "react";
import { describeError, type ReadableError } from "@/lib/broker/request-error";
import { elapsedMs, formatElapsed, taskCost } from "@/lib/tasks/task-format";
import { reviewFiles } from "@/lib/tasks/review";
import { TaskSessionView } from "@/lib/tasks/task-session";
import { useStore } from "../ide/model/use-store";
import { PreviewMenu } from "../ide/preview/preview-menu";
import { ChangesReview } from "./changes-review";
import { PhoneHeader } from "./phone-header";
import { useOnConnect, usePhoneClient } from "./phone-client";
import { StatusPill } from "./status-pill";
import { TaskAttempts } from "./task-attempts";
import { TaskTranscript } from "./task-transcript";
import { TerminalOutput } from "./terminal-output";
import { useNow } from "./use-now";

type Tab = "agent" | "changes" | "terminal";

export function TaskScreen({ taskId }: { taskId: string }) {
  const client = usePhoneClient();
  const [task, setTask] = useState<TaskSummary | null>(null);
  const [problem, setProblem] = useState<ReadableError | null>(null);
  const [view, setView] = useState<TaskSessionView | null>(null);
  const [tab, setTab] = useState<Tab>("agent");

  useOnConnect(() => {
    client.request("task-get", { taskId }).then(
      (reply) => {
        setProblem(null);
        setTask(reply.task);
      },
      (error: unknown) => setProblem(describeError(error, "Opening the task")),
    );
  });
  useEffect(() => client.on("task-updated", ({ task: updated }) => updated.id === taskId && setTask(updated)), [client, taskId]);

  const sessionId = task?.sessionId ?? null;
  useEffect(() => {
    if (!sessionId) return;
    const created = new TaskSessionView(client, sessionId);
    created.start();
    setView(created);
    return () => created.dispose();
  }, [client, sessionId]);

  if (!task) {
    return (
      <>
        <PhoneHeader title="Task" back="/m" />
        {problem ? (
          <p role="alert" className="m-4 rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm">
            {problem.message}
          </p>
        ) : (
          <p className="p-4 text-sm text-muted">Loading the task…</p>
        )}
      </>
    );
  }
  return (
    <>
      <PhoneHeader title={task.projectName} back="/m" actions={sessionId ? <PreviewMenu client={client} sessionId={sessionId} /> : null}>
        <TaskMeta task={task} />
        {view && <Tabs view={view} tab={tab} onTab={setTab} />}
      </PhoneHeader>
      {!view ? (
        <p className="p-4 text-sm text-muted">This task has no session any more.</p>
      ) : tab === "agent" ? (
        <>
          <TaskAttempts view={view} />
          <TaskTranscript view={view} task={task} onReview={() => setTab("changes")} />
        </>
      ) : tab === "changes" ? (
        <ChangesReview view={view} />
      ) : (
        <TerminalOutput view={view} />
      )}
    </>
  );
}

function TaskMeta({ task }: { task: TaskSummary }) {
  const now = useNow(task.status === "running");
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-1 px-3 pb-2 text-xs text-muted">
      <StatusPill status={task.status} />
      <span>{formatElapsed(elapsedMs(task, now))}</span>
      <span aria-hidden>·</span>
      <span data-testid="task-cost">{taskCost(task)}</span>
      <span aria-hidden>·</span>
      <span>
        {task.changedFiles} file{task.changedFiles === 1 ? "" : "s"}
      </span>
      {task.model && (
        <>
          <span aria-hidden>·</span>
          <span className="truncate">{task.model}</span>
        </>
      )}
    </div>
  );
}

function Tabs({ view, tab, onTab }: { view: TaskSessionView; tab: Tab; onTab: (tab: Tab) => void }) {
  const review = useStore(view.review);
  const files = reviewFiles(review);
  const pending = files.filter((file) => !file.kept).length;
  const tabs: Array<{ id: Tab; label: string; badge?: boolean }> = [
    { id: "agent", label: "Agent" },
    { id: "changes", label: `Changes${files.length ? ` (${files.length})` : ""}`, badge: pending > 0 },
    { id: "terminal", label: "Terminal" },
  ];
  return (
    <div role="tablist" aria-label="Task views" className="flex border-t border-border text-sm">
      {tabs.map((entry) => (
        <button
          key={entry.id}
          type="button"
          role="tab"
          aria-selected={tab === entry.id}
          onClick={() => onTab(entry.id)}
          className={`flex-1 py-2.5 ${tab === entry.id ? "border-b-2 border-sky-500 font-medium text-fg" : "text-muted"}`}
        >
          {entry.label}
          {entry.badge && <span aria-label="to review" className="ml-1 inline-block size-1.5 rounded-full bg-warn align-middle" />}
        </button>
      ))}
    </div>
  );
}
