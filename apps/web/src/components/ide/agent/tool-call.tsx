"use client";
/** A tool call, collapsed to one line; expanding shows its input and output. */
import { formatDuration } from "@/lib/ide/format";
import { toolLabel, toolSummary } from "@/lib/ide/tool-summary";
import type { TranscriptItem } from "@/lib/ide/transcript";

type ToolItem = Extract<TranscriptItem, { kind: "tool" }>;

export function ToolCall({ item }: { item: ToolItem }) {
  const summary = toolSummary(item.toolName, item.input);
  return (
    <details className="group my-1 rounded-md border border-border text-xs">
      <summary className="flex cursor-pointer list-none items-center gap-2 px-2 py-1 select-none">
        <StatusDot status={item.status} />
        <span className="font-medium">{toolLabel(item.toolName)}</span>
        <span className="min-w-0 flex-1 truncate font-mono text-muted">{summary}</span>
        {item.durationMs !== undefined && (
          <span className="shrink-0 text-muted">{formatDuration(item.durationMs)}</span>
        )}
      </summary>
      <div className="border-t border-border px-2 py-1.5">
        {item.toolName !== "bash" || !summary ? null : (
          <pre className="mb-1 font-mono whitespace-pre-wrap">
            $ {String((item.input as { command?: unknown }).command ?? "")}
          </pre>
        )}
        {item.toolName !== "bash" && <InputView input={item.input} />}
        {item.output !== undefined ? (
          <pre
            className={`max-h-64 overflow-auto rounded bg-canvas p-1.5 font-mono whitespace-pre-wrap ${item.status === "error" ? "text-danger" : ""}`}
          >
            {item.output || "(no output)"}
            {item.truncated ? "\n[output cut short for the model]" : ""}
          </pre>
        ) : (
          <p className="text-muted">Running…</p>
        )}
      </div>
    </details>
  );
}

function InputView({ input }: { input: unknown }) {
  let text: string;
  try {
    text = typeof input === "string" ? input : JSON.stringify(input, null, 2);
  } catch {
    text = String(input);
  }
  if (text.length > 4000) text = `${text.slice(0, 4000)}\n…`;
  return (
    <pre className="mb-1 max-h-40 overflow-auto font-mono whitespace-pre-wrap text-muted">
      {text}
    </pre>
  );
}

function StatusDot({ status }: { status: ToolItem["status"] }) {
  const color =
    status === "running" ? "bg-warn animate-pulse" : status === "error" ? "bg-danger" : "bg-ok";
  return <span aria-label={status} className={`size-2 shrink-0 rounded-full ${color}`} />;
}
