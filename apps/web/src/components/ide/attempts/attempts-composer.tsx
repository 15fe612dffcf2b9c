"use client";
/**
 * The form for N attempts: the task, how many (1–8), a model per attempt (blank: the project's),
 * and the verify command each attempt's sandbox runs when its agent is done (exit code 0 passes).
 */
import { MAX_ATTEMPTS } from "@codeyard/protocol";
import { useState } from "react";
import type { ReadableError } from "@/lib/broker/request-error";
import { defaultVerifyCommand } from "@/lib/ide/verify-command";
import { useStore } from "../model/use-store";
import { useWorkbench } from "../workbench-context";

const FIELD =
  "w-full rounded-md border border-border bg-canvas px-2 py-1 text-xs outline-none focus:border-sky-500";

export function AttemptsComposer({
  onStarted,
  onCancel,
}: {
  onStarted: () => void;
  onCancel?: () => void;
}) {
  const workbench = useWorkbench();
  const { verifyCommand: projectVerify, defaultModel = null } = workbench.options;
  const rootEntries = useStore(workbench.tree.state).dirs.get("")?.entries;
  const [prompt, setPrompt] = useState("");
  const [count, setCount] = useState(3);
  const [models, setModels] = useState<string[]>(Array(MAX_ATTEMPTS).fill(""));
  /** null until the user edits it: the field then follows the suggestion. */
  const [verify, setVerify] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ReadableError | null>(null);
  const suggested = defaultVerifyCommand(
    projectVerify,
    (rootEntries ?? []).filter((entry) => entry.kind === "file").map((entry) => entry.name),
  );
  const verifyValue = verify ?? suggested;

  const start = async () => {
    if (!prompt.trim() || busy) return;
    setBusy(true);
    setProblem(null);
    const failed = await workbench.attempts.start(
      { prompt, count, models, verifyCommand: verifyValue },
      defaultModel,
    );
    setBusy(false);
    setProblem(failed);
    if (!failed) {
      setPrompt("");
      onStarted();
    }
  };

  return (
    <form
      aria-label="New attempts"
      className="space-y-2 border-b border-border p-3 text-xs"
      onSubmit={(event) => {
        event.preventDefault();
        void start();
      }}
    >
      <p className="text-muted">
        Run one task several times in parallel, each attempt in its own sandbox from a checkpoint
        taken now. The verify command decides which attempts pass; you keep the one you want.
      </p>
      {problem && (
        <p role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-2 py-1">
          <strong className="font-medium">{problem.title}:</strong> {problem.message} {problem.hint}
        </p>
      )}
      <textarea
        value={prompt}
        onChange={(event) => setPrompt(event.target.value)}
        rows={3}
        aria-label="Task for the attempts"
        placeholder="What each attempt should do…"
        className={`${FIELD} resize-none text-sm`}
      />
      <label className="flex items-center gap-2">
        <span className="w-28 shrink-0 text-muted">Attempts</span>
        <input
          type="number"
          min={1}
          max={MAX_ATTEMPTS}
          value={count}
          onChange={(event) =>
            setCount(Math.min(MAX_ATTEMPTS, Math.max(1, Number(event.target.value) || 1)))
          }
          aria-label="Number of attempts"
          className={`${FIELD} w-16`}
        />
      </label>
      <fieldset className="space-y-1">
        <legend className="mb-1 text-muted">
          Models (blank: {defaultModel ?? "the project's"})
        </legend>
        {Array.from({ length: count }, (_, index) => (
          <label key={index} className="flex items-center gap-2">
            <span className="w-28 shrink-0 text-muted">Attempt {index + 1}</span>
            <input
              value={models[index]}
              onChange={(event) =>
                setModels((current) =>
                  current.map((m, i) => (i === index ? event.target.value : m)),
                )
              }
              aria-label={`Model for attempt ${index + 1}`}
              placeholder={defaultModel ?? "Project default"}
              className={FIELD}
            />
          </label>
        ))}
      </fieldset>
      <label className="flex items-center gap-2">
        <span className="w-28 shrink-0 text-muted">Verify command</span>
        <input
          value={verifyValue}
          onChange={(event) => setVerify(event.target.value)}
          aria-label="Verify command"
          placeholder="e.g. npm test (blank: no verification)"
          className={`${FIELD} font-mono`}
        />
      </label>
      <div className="flex justify-end gap-2">
        {onCancel && (
          <button
            type="button"
            onClick={onCancel}
            className="rounded-md border border-border px-2.5 py-1 hover:bg-canvas"
          >
            Cancel
          </button>
        )}
        <button
          type="submit"
          disabled={busy || !prompt.trim()}
          className="rounded-md bg-sky-600 px-2.5 py-1 font-medium text-white disabled:opacity-50"
        >
          {busy ? "Starting…" : `Start ${count} attempt${count === 1 ? "" : "s"}`}
        </button>
      </div>
    </form>
  );
}
