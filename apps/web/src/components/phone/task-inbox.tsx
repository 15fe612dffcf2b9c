"use client";
/** The inbox: the user's tasks across projects, live, filtered by status. */
import type { TaskSummary } from "@codeyard/protocol";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { describeError, type ReadableError } from "@/lib/broker/request-error";
import { elapsedMs, formatElapsed, INBOX_FILTERS, matchesFilter, taskCost, type InboxFilter } from "@/lib/tasks/task-format";
import { useOnConnect, usePhoneClient } from "./phone-client";
import { StatusPill } from "./status-pill";
import { useNow } from "./use-now";

export function TaskInbox() {
  const client = usePhoneClient();
  const [tasks, setTasks] = useState<Map<string, TaskSummary> | null>(null);
  const [filter, setFilter] = useState<InboxFilter>("all");
  const [problem, setProblem] = useState<ReadableError | null>(null);

  useOnConnect(() => {
    client.request("task-list", { limit: 200 }).then(
      ({ tasks: list }) => {
        setProblem(null);
        setTasks(new Map(list.map((task) => [task.id, task])));
      },
      (error: unknown) => setProblem(describeError(error, "Loading your tasks")),
    );
  });
  useEffect(() => client.on("task-updated", ({ task }) => setTasks((current) => new Map(current ?? []).set(task.id, task))), [client]);

  const sorted = useMemo(() => [...(tasks?.values() ?? [])].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)), [tasks]);
  const shown = sorted.filter((task) => matchesFilter(task, filter));
  const now = useNow(sorted.some((task) => task.status === "running"));
  const count = (id: InboxFilter) => sorted.filter((task) => matchesFilter(task, id)).length;

  return (
    <div className="flex flex-1 flex-col">
      <nav aria-label="Filter tasks" className="flex gap-1.5 overflow-x-auto px-3 py-2">
        {INBOX_FILTERS.map((option) => (
          <button
            key={option.id}
            type="button"
            aria-pressed={filter === option.id}
            onClick={() => setFilter(option.id)}
            className={`shrink-0 rounded-full border px-3 py-1.5 text-sm ${filter === option.id ? "border-fg bg-fg text-canvas" : "border-border bg-surface text-muted"}`}
          >
            {option.label}
            {tasks && <span className="ml-1 opacity-70">{count(option.id)}</span>}
          </button>
        ))}
      </nav>
      {problem && (
        <p role="alert" className="mx-3 rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm">
          {problem.message} {problem.hint}
        </p>
      )}
      {!tasks && !problem && <p className="px-4 py-6 text-sm text-muted">Loading tasks…</p>}
      {tasks && shown.length === 0 && (
        <p className="px-4 py-6 text-sm text-muted">
          {sorted.length === 0 ? "No tasks yet. Start one: the agent works on it in the background and tells you when it is done." : "No task in this list."}
        </p>
      )}
      <ul aria-label="Tasks" className="divide-y divide-border border-y border-border bg-surface">
        {shown.map((task) => (
          <TaskRow key={task.id} task={task} now={now} />
        ))}
      </ul>
    </div>
  );
}

function TaskRow({ task, now }: { task: TaskSummary; now: number }) {
  return (
    <li>
      <Link href={`/m/tasks/${task.id}`} className="flex flex-col gap-1 px-4 py-3 active:bg-canvas" aria-label={`${task.prompt.slice(0, 80)} (${task.status})`}>
        <div className="flex items-center gap-2 text-xs text-muted">
          <StatusPill status={task.status} />
          <span className="min-w-0 truncate font-medium text-fg">{task.projectName}</span>
          <span className="ml-auto shrink-0">{formatElapsed(elapsedMs(task, now))}</span>
        </div>
        <p className="line-clamp-2 text-sm">{task.prompt}</p>
        {task.statusReason && task.status !== "running" && (
          <p className={`line-clamp-2 text-xs ${task.status === "waiting" ? "text-warn" : "text-muted"}`}>{task.statusReason}</p>
        )}
        <p className="flex gap-2 text-xs text-muted">
          <span>{taskCost(task)}</span>
          <span aria-hidden>·</span>
          <span>
            {task.changedFiles} file{task.changedFiles === 1 ? "" : "s"} changed
          </span>
        </p>
      </Link>
    </li>
  );
}
