"use client";
/** The agent: every run of the session as a transcript, and the prompt box. */
import { useEffect, useLayoutEffect, useRef } from "react";
import { formatCost, formatTokens } from "@/lib/ide/format";
import { sessionTotals } from "@/lib/ide/transcript";
import { useStore } from "../model/use-store";
import { useWorkbench } from "../workbench-context";
import { ChangedFiles } from "./changed-files";
import { PromptBox } from "./prompt-box";
import { RunView } from "./run-view";

export function AgentPanel() {
  const workbench = useWorkbench();
  const transcript = useStore(workbench.transcript);
  const totals = sessionTotals(transcript);
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && pinned.current) element.scrollTop = element.scrollHeight;
  }, [transcript]);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const onScroll = () =>
      (pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 80);
    element.addEventListener("scroll", onScroll, { passive: true });
    return () => element.removeEventListener("scroll", onScroll);
  }, []);

  return (
    <section aria-label="Agent" className="flex h-full min-h-0 flex-col bg-surface">
      <div className="flex h-8 shrink-0 items-center gap-2 border-b border-border px-3 text-xs">
        <span className="font-semibold tracking-wide text-muted uppercase">Agent</span>
        {totals.tokens > 0 && (
          <span className="ml-auto text-muted" title="Tokens and cost of every run in this session">
            {formatTokens(totals.tokens)} tokens · {formatCost(totals.costUsd, totals.costComplete)}
          </span>
        )}
      </div>
      <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto">
        {transcript.runs.length === 0 ? (
          <div className="p-4 text-sm text-muted">
            <p>
              Describe a task and the agent works on it in this session&apos;s sandbox: it reads and
              edits files and runs commands. You see each step here, and the files it changes.
            </p>
          </div>
        ) : (
          transcript.runs.map((run) => (
            <RunView key={run.runId} run={run} changes={(shown) => <ChangedFiles run={shown} />} />
          ))
        )}
      </div>
      <PromptBox activeRunId={transcript.activeRunId} />
    </section>
  );
}
