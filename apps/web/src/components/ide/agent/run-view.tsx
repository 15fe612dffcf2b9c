"use client";
/**
 * One agent run: the request, the streamed answer, tool calls, todos, changed files, usage. The
 * IDE, the shared-session viewer and the phone view render runs with it, each showing the run's
 * changed files its own way (`changes`).
 */
import type { ReactNode } from "react";
import { formatCost, formatTokens } from "@/lib/ide/format";
import type { RunView as Run, TranscriptItem } from "@/lib/ide/transcript";
import { MarkdownText } from "./markdown-text";
import { ToolCall } from "./tool-call";

const STATUS_TEXT = {
  running: "Working…",
  done: "Done",
  failed: "Failed",
  stopped: "Stopped",
  interrupted: "Interrupted",
} as const;

export function RunView({ run, changes }: { run: Run; changes?: (run: Run) => ReactNode }) {
  const tokens = run.usage
    ? run.usage.total.inputTokens +
      run.usage.total.outputTokens +
      run.usage.total.cacheReadTokens +
      run.usage.total.cacheWriteTokens
    : 0;
  const running = run.status === "running";
  return (
    <article className="border-b border-border px-3 py-3" aria-label="Agent run">
      <div className="ml-6 rounded-lg bg-sky-500/10 px-3 py-2 text-sm whitespace-pre-wrap">
        {run.prompt}
      </div>
      <div className="mt-2 text-sm">
        {run.items.map((item, index) => (
          <Item key={itemKey(item, index)} item={item} running={running} />
        ))}
      </div>
      {run.todos.length > 0 && (
        <ul className="mt-2 rounded-md border border-border px-2 py-1 text-xs" aria-label="Todos">
          {run.todos.map((todo) => (
            <li
              key={todo.id}
              className={`flex gap-1.5 ${todo.status === "completed" ? "text-muted line-through" : ""}`}
            >
              <span aria-hidden>
                {todo.status === "completed" ? "✓" : todo.status === "in_progress" ? "▸" : "○"}
              </span>
              {todo.content}
            </li>
          ))}
        </ul>
      )}
      {run.question && (
        <div role="note" className="mt-2 rounded-lg border border-warn/40 bg-warn/10 px-3 py-2 text-sm">
          <p className="text-xs font-medium text-warn">The agent asks</p>
          <p className="mt-0.5 whitespace-pre-wrap">{run.question}</p>
        </div>
      )}
      {changes?.(run)}
      <p className="mt-2 flex flex-wrap items-center gap-x-2 text-xs text-muted">
        <span
          className={
            run.status === "failed" ? "text-danger" : run.status === "running" ? "text-fg" : ""
          }
        >
          {run.status === "running" && (
            <span
              aria-hidden
              className="mr-1 inline-block size-1.5 animate-pulse rounded-full bg-warn align-middle"
            />
          )}
          {run.question ? "Waiting for your answer" : STATUS_TEXT[run.status]}
        </span>
        <span>· {run.model.model}</span>
        {run.usage && tokens > 0 && (
          <span title="Tokens in, out and cached, and the cost of this run">
            · {formatTokens(tokens)} tokens ·{" "}
            {formatCost(run.usage.totalCostUsd, run.usage.costComplete)}
          </span>
        )}
      </p>
      {run.finishMessage && (
        <p className={`mt-1 text-xs ${run.status === "failed" ? "text-danger" : "text-muted"}`}>
          {run.finishMessage}
        </p>
      )}
    </article>
  );
}

function itemKey(item: TranscriptItem, index: number): string {
  if (item.kind === "message" || item.kind === "user") return `${item.kind}:${item.messageId}`;
  if (item.kind === "tool") return `tool:${item.toolCallId}`;
  return `notice:${index}`;
}

/** Shown at the end of text still streaming. */
const CARET = "▍";

function Item({ item, running }: { item: TranscriptItem; running: boolean }) {
  switch (item.kind) {
    case "message":
      return (
        <div className="break-words">
          {item.text || item.streaming ? (
            <MarkdownText text={item.streaming ? `${item.text}${CARET}` : item.text} />
          ) : null}
        </div>
      );
    case "tool":
      return <ToolCall item={item} />;
    case "user":
      return (
        <div className="my-2 ml-6 rounded-lg bg-sky-500/10 px-3 py-1.5 whitespace-pre-wrap">
          {item.text}
          {!item.delivered && (
            <span className="ml-2 text-xs text-muted">
              {running ? "(queued for the next step)" : "(never reached the model)"}
            </span>
          )}
        </div>
      );
    case "notice":
      return (
        <p
          className={`my-1 text-xs ${item.tone === "error" ? "text-danger" : item.tone === "warn" ? "text-warn" : "text-muted"}`}
        >
          {item.text}
        </p>
      );
  }
}
