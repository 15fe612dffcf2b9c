"use client";
/** A new background task: project, prompt, model (optional) and attempts. */
import { MAX_TASK_ATTEMPTS } from "@codeyard/protocol";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonStyles, inputStyles } from "@/components/forms/styles";
import { describeError, type ReadableError } from "@/lib/broker/request-error";
import type { ComposerProject } from "@/lib/tasks/task-projects";
import { usePhoneClient } from "./phone-client";

export function TaskComposer({ projects }: { projects: ComposerProject[] }) {
  const client = usePhoneClient();
  const router = useRouter();
  const [projectId, setProjectId] = useState(projects[0]?.id ?? "");
  const [prompt, setPrompt] = useState("");
  const [model, setModel] = useState("");
  const [attempts, setAttempts] = useState(1);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ReadableError | null>(null);
  const project = projects.find((candidate) => candidate.id === projectId);

  if (projects.length === 0) {
    return <p className="p-4 text-sm text-muted">You have no project yet. Create one on a computer first (Projects → New project); tasks run in a project&apos;s sandbox.</p>;
  }

  const submit = async () => {
    if (busy || !prompt.trim() || !projectId) return;
    setBusy(true);
    setProblem(null);
    try {
      const { task } = await client.request("task-create", { projectId, prompt: prompt.trim(), model: model.trim() || undefined, attempts }, { timeoutMs: 120_000 });
      router.push(`/m/tasks/${task.id}`);
    } catch (error) {
      setProblem(describeError(error, "Starting the task"));
      setBusy(false);
    }
  };

  return (
    <form
      className="flex flex-col gap-4 p-4"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label className="flex flex-col gap-1 text-sm font-medium">
        Project
        <select value={projectId} onChange={(event) => setProjectId(event.target.value)} className={`${inputStyles} py-2.5 text-base`}>
          {projects.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name} ({candidate.orgName})
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        What should the agent do?
        <textarea
          value={prompt}
          onChange={(event) => setPrompt(event.target.value)}
          rows={6}
          required
          placeholder="Fix the failing checkout test and tell me what was wrong."
          className={`${inputStyles} text-base`}
        />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Model
        <input
          value={model}
          onChange={(event) => setModel(event.target.value)}
          placeholder={project?.model ? `${project.model} (project default)` : "No default model: set one in the project's settings"}
          autoCapitalize="none"
          autoCorrect="off"
          className={`${inputStyles} text-base`}
        />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Attempts
        <input
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_TASK_ATTEMPTS}
          value={attempts}
          onChange={(event) => setAttempts(Math.min(MAX_TASK_ATTEMPTS, Math.max(1, Number(event.target.value) || 1)))}
          className={`${inputStyles} w-24 text-base`}
        />
        <span className="text-xs font-normal text-muted">More than 1: the task runs in parallel sandboxes (with the project's verify command) and waits for you to keep the best.</span>
      </label>
      {problem && (
        <p role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm">
          <strong className="font-medium">{problem.title}:</strong> {problem.message} {problem.hint}
        </p>
      )}
      <button type="submit" disabled={busy || !prompt.trim()} className={`${buttonStyles.primary} py-3 text-base`}>
        {busy ? "Starting…" : "Start task"}
      </button>
      <p className="text-xs text-muted">The agent works in a new session of the project, in its sandbox. You can close this page: you are notified when it finishes or needs you.</p>
    </form>
  );
}
