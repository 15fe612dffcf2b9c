"use client";
/**
 * Steering from the phone: a message to the running agent (read at its next step), or — when no
 * run is going (done, waiting for an answer) — a reply that starts the next run of the same
 * conversation. Stop ends the running agent.
 */
import { useState } from "react";
import { describeError, type ReadableError } from "@/lib/broker/request-error";
import type { TaskSessionView } from "@/lib/tasks/task-session";

export function ReplyBox({ view, activeRunId, waiting }: { view: TaskSessionView; activeRunId: string | null; waiting: boolean }) {
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ReadableError | null>(null);
  const { client, sessionId } = view;

  const send = async () => {
    const message = text.trim();
    if (!message || busy) return;
    setBusy(true);
    setProblem(null);
    try {
      if (activeRunId) await client.request("run-message", { sessionId, runId: activeRunId, text: message });
      else await client.request("run-start", { sessionId, prompt: message });
      setText("");
    } catch (error) {
      setProblem(describeError(error, activeRunId ? "Sending the message" : "Replying"));
    } finally {
      setBusy(false);
    }
  };

  const stop = async () => {
    if (!activeRunId) return;
    try {
      await client.request("run-stop", { sessionId, runId: activeRunId });
    } catch (error) {
      setProblem(describeError(error, "Stopping the agent"));
    }
  };

  return (
    <form
      className="sticky bottom-0 z-10 border-t border-border bg-surface/95 p-2 backdrop-blur"
      style={{ paddingBottom: "max(0.5rem, env(safe-area-inset-bottom))" }}
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      {problem && (
        <p role="alert" className="mb-2 rounded-md border border-danger/40 bg-danger/10 px-2 py-1 text-xs">
          <strong className="font-medium">{problem.title}:</strong> {problem.message} {problem.hint}
        </p>
      )}
      <div className="flex items-end gap-2">
        <textarea
          value={text}
          onChange={(event) => setText(event.target.value)}
          rows={2}
          aria-label={activeRunId ? "Message to the running agent" : "Reply to the agent"}
          placeholder={activeRunId ? "Tell the agent something…" : waiting ? "Answer the agent…" : "Ask for a follow-up…"}
          className="min-w-0 flex-1 resize-none rounded-lg border border-border bg-canvas px-3 py-2 text-base outline-none focus:border-sky-500"
        />
        <div className="flex flex-col gap-1.5">
          {activeRunId && (
            <button type="button" onClick={() => void stop()} className="rounded-lg border border-border px-3 py-2 text-sm active:bg-canvas">
              Stop
            </button>
          )}
          <button type="submit" disabled={busy || !text.trim()} className="rounded-lg bg-sky-600 px-3 py-2 text-sm font-medium text-white disabled:opacity-50">
            Send
          </button>
        </div>
      </div>
    </form>
  );
}
