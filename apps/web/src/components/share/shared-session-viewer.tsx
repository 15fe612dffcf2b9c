"use client";
/**
 * The read-only page of a shared session, readable on a phone: every run as the IDE renders it
 * (markdown answers, collapsible tool calls and outputs), per-run diffs from the log, and the
 * session's checkpoints, each with a "Fork" action. It follows the session live over a viewer
 * connection (share-follow): no sandbox is started or touched, and nothing can be changed.
 */
import type { ShareCredential } from "@codeyard/protocol";
import Link from "next/link";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { buttonStyles } from "@/components/forms/styles";
import { RunView } from "@/components/ide/agent/run-view";
import { useStore } from "@/components/ide/model/use-store";
import { BrokerClient } from "@/lib/broker/broker-client";
import { describeConnection } from "@/lib/broker/connection-state";
import { SessionSync } from "@/lib/broker/session-sync";
import { formatCost, formatTokens } from "@/lib/ide/format";
import { sessionTotals } from "@/lib/ide/transcript";
import type { ForkTarget } from "@/lib/sharing/fork-request";
import { shareSource } from "@/lib/sharing/share-source";
import { applyViewerEvents, emptyViewerState, viewerTimeline, type CheckpointMark } from "@/lib/sharing/viewer-timeline";
import { ForkDialog, type ForkPoint } from "./fork-dialog";
import { RunDiffs } from "./run-diffs";

export interface SharedSessionViewerProps {
  brokerUrl: string;
  credential: ShareCredential;
  session: { id: string; title: string; projectName: string; orgName: string; ownerName: string };
  visibility: "organization" | "link";
  /** Where "sign in to fork" comes back to; null when the viewer is signed in. */
  signInPath: string | null;
  forkTargets: ForkTarget[];
}

const TONE_DOT = { ok: "bg-ok", warn: "bg-warn", error: "bg-danger" } as const;

export function SharedSessionViewer(props: SharedSessionViewerProps) {
  const { brokerUrl, credential, session } = props;
  const [follow, setFollow] = useState<{ client: BrokerClient; sync: SessionSync } | null>(null);
  const [state, setState] = useState(emptyViewerState);
  const [closed, setClosed] = useState<string | null>(null);
  const [forkPoint, setForkPoint] = useState<ForkPoint | null>(null);
  const credentialKey = JSON.stringify(credential);

  useEffect(() => {
    const parsedCredential = JSON.parse(credentialKey) as ShareCredential;
    const client = new BrokerClient(brokerUrl, { viewer: true });
    const sync = new SessionSync(client, session.id, shareSource(client, parsedCredential, session.id));
    setState(emptyViewerState);
    const offEvents = sync.onEvents((events) => setState((current) => applyViewerEvents(current, events)));
    const offClosed = client.on("share-closed", (event) => {
      if (event.sessionId !== session.id) return;
      setClosed(event.message);
      sync.close();
    });
    sync.start();
    client.connect();
    setFollow({ client, sync });
    return () => {
      offEvents();
      offClosed();
      sync.close();
      client.close();
    };
  }, [brokerUrl, credentialKey, session.id]);

  useFollowScroll(state.lastSeq);

  const timeline = viewerTimeline(state);
  const totals = sessionTotals(state.transcript);
  const live = state.transcript.activeRunId !== null;
  const latestLabel = "the latest point";
  const openFork = (point: ForkPoint) => setForkPoint(point);

  return (
    <main className="mx-auto flex w-full max-w-3xl flex-col px-0 pb-16 sm:px-4">
      <header className="flex flex-col gap-1 border-b border-border px-3 py-4">
        <p className="text-xs text-muted">
          Shared session · {props.visibility === "organization" ? `members of ${session.orgName}` : "anyone with the link"} · read-only
        </p>
        <h1 className="text-xl font-semibold tracking-tight break-words">{session.title || "Untitled session"}</h1>
        <p className="text-sm text-muted">
          {session.projectName} · by {session.ownerName}
        </p>
        <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted">
          {live ? (
            <span className="flex items-center gap-1.5 font-medium text-fg" data-testid="live-state">
              <span aria-hidden className="size-2 animate-pulse rounded-full bg-warn" /> Live: the agent is working
            </span>
          ) : (
            <span data-testid="live-state">Not running</span>
          )}
          {follow && <ConnectionLabel client={follow.client} />}
          {totals.tokens > 0 && (
            <span>
              {formatTokens(totals.tokens)} tokens · {formatCost(totals.costUsd, totals.costComplete)}
            </span>
          )}
        </div>
      </header>

      {follow && <SyncBanner sync={follow.sync} closed={closed} />}

      {timeline.length === 0 ? (
        <p className="px-3 py-6 text-sm text-muted">Nothing has happened in this session yet. New runs appear here as they happen.</p>
      ) : (
        timeline.map((entry) =>
          entry.kind === "run" ? (
            <RunView key={entry.run.runId} run={entry.run} changes={(run) => <RunDiffs run={run} />} />
          ) : (
            <CheckpointRow key={entry.checkpoint.checkpointId} checkpoint={entry.checkpoint} signInPath={props.signInPath} onFork={openFork} />
          ),
        )
      )}

      <footer className="flex flex-wrap items-center gap-2 px-3 pt-4 text-sm">
        {props.signInPath ? (
          <Link href={`/sign-in?next=${encodeURIComponent(props.signInPath)}`} className={buttonStyles.secondary}>
            Sign in to fork this session
          </Link>
        ) : (
          <button type="button" className={buttonStyles.secondary} onClick={() => openFork({ checkpointId: null, label: latestLabel })}>
            Fork from the latest point
          </button>
        )}
      </footer>
      <ForkDialog point={forkPoint} credential={credential} targets={props.forkTargets} onClose={() => setForkPoint(null)} />
    </main>
  );
}

function CheckpointRow({ checkpoint, signInPath, onFork }: { checkpoint: CheckpointMark; signInPath: string | null; onFork: (point: ForkPoint) => void }) {
  const label = checkpoint.label ? `checkpoint “${checkpoint.label}”` : `the checkpoint at event ${checkpoint.seq}`;
  return (
    <div className="flex items-center gap-2 border-b border-border px-3 py-2 text-xs" aria-label="Checkpoint">
      <span aria-hidden className="text-muted">
        ◆
      </span>
      <span className="min-w-0 flex-1 truncate text-muted">Checkpoint{checkpoint.label ? `: ${checkpoint.label}` : ""}</span>
      {!signInPath && (
        <button type="button" className="rounded-md border border-border px-2 py-0.5 hover:bg-surface" onClick={() => onFork({ checkpointId: checkpoint.checkpointId, label })}>
          Fork from here
        </button>
      )}
    </div>
  );
}

function ConnectionLabel({ client }: { client: BrokerClient }) {
  const connection = describeConnection(useStore(client.state));
  return (
    <span className="flex items-center gap-1.5" data-testid="connection-state">
      <span aria-hidden className={`size-2 rounded-full ${TONE_DOT[connection.tone]}`} />
      {connection.label}
    </span>
  );
}

function SyncBanner({ sync, closed }: { sync: SessionSync; closed: string | null }) {
  const status = useStore(sync.status);
  const message = closed ?? (status.status === "error" ? `${status.error.message}${status.error.hint ? ` ${status.error.hint}` : ""}` : null);
  if (!message) return null;
  return (
    <p role="alert" className="mx-3 mt-3 rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
      {message}
    </p>
  );
}

/** Keeps the page scrolled to the newest event while the reader is at the bottom (live following). */
function useFollowScroll(lastSeq: number): void {
  // Not at first: a finished conversation is read from the top; scrolling to the end pins it.
  const pinned = useRef(false);
  useEffect(() => {
    const onScroll = () => {
      const { scrollHeight, scrollTop, clientHeight } = document.documentElement;
      pinned.current = scrollHeight - scrollTop - clientHeight < 120;
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => window.removeEventListener("scroll", onScroll);
  }, []);
  useLayoutEffect(() => {
    if (pinned.current && lastSeq > 0) window.scrollTo({ top: document.documentElement.scrollHeight });
  }, [lastSeq]);
}
