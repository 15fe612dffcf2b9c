"use client";
/**
 * The agent: the conversation (chat), the checkpoint timeline, the session's branches and its
 * best-of-N attempts, as tabs of one panel.
 */
import { formatCost, formatTokens } from "@/lib/ide/format";
import { isGroupRunning } from "@/lib/ide/attempt-groups";
import { sessionTotals } from "@/lib/ide/transcript";
import { AttemptsView } from "../attempts/attempts-view";
import { BranchTreeView } from "../checkpoints/branch-tree-view";
import { CheckpointTimeline } from "../checkpoints/checkpoint-timeline";
import type { AgentView } from "../model/workbench";
import { useStore } from "../model/use-store";
import { useWorkbench } from "../workbench-context";
import { ChatView } from "./chat-view";

const TABS: ReadonlyArray<{ view: AgentView; label: string }> = [
  { view: "chat", label: "Chat" },
  { view: "timeline", label: "Timeline" },
  { view: "branches", label: "Branches" },
  { view: "attempts", label: "Attempts" },
];

export function AgentPanel() {
  const workbench = useWorkbench();
  const transcript = useStore(workbench.transcript);
  const view = useStore(workbench.agentView);
  const groups = useStore(workbench.attempts.groups);
  const totals = sessionTotals(transcript);
  const attemptsRunning = groups.some(isGroupRunning);

  return (
    <section aria-label="Agent" className="flex h-full min-h-0 flex-col bg-surface">
      <div className="flex h-8 shrink-0 items-center gap-2 border-b border-border pr-3 text-xs">
        <div role="tablist" aria-label="Agent views" className="flex h-full">
          {TABS.map((tab) => (
            <button
              key={tab.view}
              type="button"
              role="tab"
              aria-selected={view === tab.view}
              onClick={() => workbench.agentView.set(tab.view)}
              className={`flex items-center gap-1 px-2.5 ${view === tab.view ? "border-b-2 border-sky-500 text-fg" : "text-muted hover:text-fg"}`}
            >
              {tab.label}
              {tab.view === "attempts" && attemptsRunning && (
                <span
                  aria-label="(running)"
                  className="inline-block size-1.5 animate-pulse rounded-full bg-warn"
                />
              )}
            </button>
          ))}
        </div>
        {totals.tokens > 0 && (
          <span
            className="ml-auto truncate text-muted"
            title="Tokens and cost of every run in this session"
          >
            {formatTokens(totals.tokens)} tokens · {formatCost(totals.costUsd, totals.costComplete)}
          </span>
        )}
      </div>
      {view === "chat" && <ChatView transcript={transcript} />}
      {view === "timeline" && <CheckpointTimeline markers={transcript.markers} />}
      {view === "branches" && <BranchTreeView />}
      {view === "attempts" && <AttemptsView />}
    </section>
  );
}
