"use client";
/** The conversation: every run of the session and the markers between them, and the prompt box. */
import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import { transcriptEntries, type Transcript } from "@/lib/ide/transcript";
import { TranscriptMarkerView } from "../checkpoints/transcript-marker";
import { PromptBox } from "./prompt-box";
import { ChangedFiles } from "./changed-files";
import { RunView } from "./run-view";

export function ChatView({ transcript }: { transcript: Transcript }) {
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const entries = useMemo(() => transcriptEntries(transcript), [transcript]);

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
    <>
      <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto">
        {entries.length === 0 ? (
          <div className="p-4 text-sm text-muted">
            <p>
              Describe a task and the agent works on it in this session&apos;s sandbox: it reads and
              edits files and runs commands. You see each step here, and the files it changes.
            </p>
          </div>
        ) : (
          entries.map((entry) =>
            entry.kind === "run" ? (
              <RunView key={entry.run.runId} run={entry.run} changes={(run) => <ChangedFiles run={run} />} />
            ) : (
              <TranscriptMarkerView key={`marker:${entry.marker.seq}`} marker={entry.marker} />
            ),
          )
        )}
      </div>
      <PromptBox activeRunId={transcript.activeRunId} />
    </>
  );
}
