"use client";
/** The files the agent changed in the task's session, each to review: open its diff, keep or rewind it. */
import { useState } from "react";
import { describeError, type ReadableError } from "@/lib/broker/request-error";
import { reviewFiles } from "@/lib/tasks/review";
import type { TaskSessionView } from "@/lib/tasks/task-session";
import { useStore } from "../ide/model/use-store";
import { FileDiff } from "./file-diff";

export function ChangesReview({ view }: { view: TaskSessionView }) {
  const files = reviewFiles(useStore(view.review));
  const [open, setOpen] = useState<string | null>(null);
  const [problem, setProblem] = useState<ReadableError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const opened = files.find((file) => file.path === open);
  const rewound = (text: string) => {
    setNotice(text);
    setOpen(null);
  };
  if (opened) return <FileDiff view={view} file={opened} onBack={() => setOpen(null)} onRewound={rewound} />;
  const noticeView = notice && (
    <p role="status" className="mx-4 mt-2 rounded-md border border-border bg-surface px-3 py-2 text-sm">
      {notice}
    </p>
  );

  const pending = files.filter((file) => !file.kept);
  const keepAll = async () => {
    setProblem(null);
    try {
      await view.client.request("changes-keep", { sessionId: view.sessionId, paths: pending.map((file) => file.path) });
    } catch (error) {
      setProblem(describeError(error, "Keeping the changes"));
    }
  };

  if (files.length === 0) {
    return (
      <>
        {noticeView}
        <p className="p-4 text-sm text-muted">{notice ? "Nothing left to review." : "The agent has not changed any file in this task yet."}</p>
      </>
    );
  }
  return (
    <div className="flex flex-col">
      {noticeView}
      <div className="flex items-center gap-2 px-4 py-2 text-sm">
        <span className="flex-1 text-muted">
          {pending.length ? `${pending.length} of ${files.length} to review` : `All ${files.length} kept`}
        </span>
        {pending.length > 0 && (
          <button type="button" onClick={() => void keepAll()} className="rounded-md border border-border px-3 py-1.5 active:bg-canvas">
            Keep all
          </button>
        )}
      </div>
      {problem && <p role="alert" className="mx-4 mb-2 text-sm text-danger">{problem.message}</p>}
      <ul aria-label="Changed files" className="divide-y divide-border border-y border-border bg-surface">
        {files.map((file) => (
          <li key={file.path}>
            <button type="button" onClick={() => setOpen(file.path)} className="flex w-full items-center gap-2 px-4 py-3 text-left active:bg-canvas">
              <span className="min-w-0 flex-1 truncate font-mono text-sm">{file.path}</span>
              <span className="shrink-0 text-xs text-muted">
                {file.change.written ? "written" : file.change.edits.length ? `${file.change.edits.length} edit${file.change.edits.length === 1 ? "" : "s"}` : "changed"}
              </span>
              <span className={`shrink-0 rounded-full px-2 py-0.5 text-xs ${file.kept ? "bg-ok/15 text-ok" : "bg-warn/15 text-warn"}`}>{file.kept ? "Kept" : "To review"}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
