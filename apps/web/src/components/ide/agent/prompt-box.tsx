"use client";
/**
 * Asks the agent: starts a run (optionally on another model), or — while one is running — sends
 * it a message it reads at its next step. Enter sends, Shift+Enter starts a new line.
 */
import { useEffect, useState } from "react";
import { describeError, type ReadableError } from "@/lib/broker/request-error";
import { Icon } from "../ui/icons";
import { useWorkbench } from "../workbench-context";

export function PromptBox({ activeRunId }: { activeRunId: string | null }) {
  const workbench = useWorkbench();
  const [text, setText] = useState("");
  const [model, setModel] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ReadableError | null>(null);

  useEffect(() => setModel(workbench.memory.model), [workbench]);

  const send = async () => {
    const message = text.trim();
    if (!message || busy) return;
    setBusy(true);
    setProblem(null);
    try {
      if (activeRunId) {
        await workbench.client.request("run-message", {
          sessionId: workbench.sessionId,
          runId: activeRunId,
          text: message,
        });
      } else {
        workbench.memory.model = model.trim();
        await workbench.client.request("run-start", {
          sessionId: workbench.sessionId,
          prompt: message,
          model: model.trim() || undefined,
        });
      }
      setText("");
    } catch (error) {
      setProblem(describeError(error, activeRunId ? "Sending the message" : "Starting the agent"));
    } finally {
      setBusy(false);
    }
  };

  const stop = async () => {
    if (!activeRunId) return;
    try {
      await workbench.client.request("run-stop", {
        sessionId: workbench.sessionId,
        runId: activeRunId,
      });
    } catch (error) {
      setProblem(describeError(error, "Stopping the agent"));
    }
  };

  return (
    <form
      className="shrink-0 border-t border-border p-2"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      {problem && (
        <p
          role="alert"
          className="mb-2 rounded-md border border-danger/40 bg-danger/10 px-2 py-1 text-xs"
        >
          <strong className="font-medium">{problem.title}:</strong> {problem.message} {problem.hint}
        </p>
      )}
      <textarea
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            void send();
          }
        }}
        rows={3}
        aria-label={activeRunId ? "Message to the running agent" : "Task for the agent"}
        placeholder={
          activeRunId
            ? "Tell the running agent something (it reads it at its next step)…"
            : "Ask the agent to do something…"
        }
        className="w-full resize-none rounded-md border border-border bg-canvas px-2 py-1.5 text-sm outline-none focus:border-sky-500"
      />
      <div className="mt-1.5 flex items-center gap-2">
        <input
          value={model}
          onChange={(event) => setModel(event.target.value)}
          disabled={Boolean(activeRunId)}
          aria-label="Model for the next run"
          placeholder="Model (project default)"
          title="Another model of the project's provider, for the next run only"
          className="min-w-0 flex-1 rounded-md border border-border bg-canvas px-2 py-1 text-xs outline-none focus:border-sky-500 disabled:opacity-50"
        />
        {activeRunId && (
          <button
            type="button"
            onClick={() => void stop()}
            className="flex items-center gap-1 rounded-md border border-border px-2 py-1 text-xs hover:bg-canvas"
          >
            <Icon name="stop" className="size-3" /> Stop
          </button>
        )}
        <button
          type="submit"
          disabled={busy || !text.trim()}
          className="flex items-center gap-1 rounded-md bg-sky-600 px-2.5 py-1 text-xs font-medium text-white disabled:opacity-50"
        >
          <Icon name="send" className="size-3" />
          {activeRunId ? "Send" : "Run"}
        </button>
      </div>
    </form>
  );
}
