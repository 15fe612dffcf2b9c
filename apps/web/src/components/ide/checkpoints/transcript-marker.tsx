"use client";
/** One line in the conversation for a checkpoint, a rewind, a branch, or attempts started/kept. */
import Link from "next/link";
import type { ReactNode } from "react";
import { checkpointTitle, formatClock, type TranscriptMarker } from "@/lib/ide/transcript-markers";
import type { AgentView } from "../model/workbench";
import { useWorkbench } from "../workbench-context";

export function TranscriptMarkerView({ marker }: { marker: TranscriptMarker }) {
  const workbench = useWorkbench();
  const show = (view: AgentView) => () => workbench.agentView.set(view);
  switch (marker.kind) {
    case "checkpoint":
      return (
        <Line symbol="◆" at={marker.at} label="Checkpoint">
          Checkpoint <strong className="font-medium">{checkpointTitle(marker)}</strong>
          <Action onClick={show("timeline")}>Timeline</Action>
        </Line>
      );
    case "rewound":
      return (
        <Line symbol="↺" at={marker.at} label="Rewind" tone="warn">
          Rewound to{" "}
          <strong className="font-medium">
            {marker.label ? `“${marker.label}”` : "a checkpoint"}
          </strong>
          . What came after is kept as{" "}
          <Link
            className="text-sky-600 hover:underline"
            href={workbench.sessionUrl(marker.futureSessionId)}
          >
            a branch
          </Link>
          .
        </Line>
      );
    case "branch":
      return (
        <Line symbol="↳" at={marker.at} label="Branch">
          Branched into{" "}
          <Link
            className="text-sky-600 hover:underline"
            href={workbench.sessionUrl(marker.sessionId)}
          >
            {marker.title}
          </Link>
        </Line>
      );
    case "attempts":
      return (
        <Line symbol="⁂" at={marker.at} label="Attempts">
          {marker.attempts.length} attempt{marker.attempts.length === 1 ? "" : "s"} of “
          <span className="italic">{marker.prompt.slice(0, 120)}</span>”
          <Action onClick={show("attempts")}>Attempts</Action>
        </Line>
      );
    case "attempt-kept":
      return (
        <Line symbol="✓" at={marker.at} label="Attempt kept" tone="ok">
          Kept the attempt{marker.model ? ` by ${marker.model}` : ""}; its work continues here.
        </Line>
      );
  }
}

function Line({
  symbol,
  at,
  label,
  tone,
  children,
}: {
  symbol: string;
  at: string;
  label: string;
  tone?: "ok" | "warn";
  children: ReactNode;
}) {
  return (
    <p
      aria-label={label}
      className="flex items-baseline gap-1.5 border-b border-border bg-canvas/60 px-3 py-1.5 text-xs text-muted"
    >
      <span aria-hidden className={tone === "ok" ? "text-ok" : tone === "warn" ? "text-warn" : ""}>
        {symbol}
      </span>
      <span className="min-w-0 flex-1">{children}</span>
      <time dateTime={at} className="shrink-0">
        {formatClock(at)}
      </time>
    </p>
  );
}

function Action({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" onClick={onClick} className="ml-1.5 text-sky-600 hover:underline">
      {children}
    </button>
  );
}
