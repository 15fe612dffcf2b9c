"use client";
/**
 * One changed file, read-only: its current content against what it was before the agent's
 * changes (as far as the log tells: see lib/ide/diff-before), then Keep, or Rewind (the file goes
 * back to the checkpoint before the agent first changed it).
 */
import { useEffect, useState } from "react";
import { BrokerRequestError, describeError } from "@/lib/broker/request-error";
import { beforeContent } from "@/lib/ide/diff-before";
import { diffLines, diffStats, withContext } from "@/lib/diff/line-diff";
import type { ReviewFile } from "@/lib/tasks/review";
import { rewindFile } from "@/lib/tasks/rewind";
import type { TaskSessionView } from "@/lib/tasks/task-session";
import { DiffRows } from "./diff-rows";

type Loaded = { kind: "text"; content: string } | { kind: "deleted" } | { kind: "binary" } | { kind: "error"; message: string };

export function FileDiff({ view, file, onBack, onRewound }: { view: TaskSessionView; file: ReviewFile & { kept: boolean }; onBack: () => void; onRewound: (notice: string) => void }) {
  const { client, sessionId } = view;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string } | null>(null);

  useEffect(() => {
    let cancelled = false;
    client.request("file-read", { sessionId, path: file.path }).then(
      (reply) => !cancelled && setLoaded(reply.encoding === "base64" ? { kind: "binary" } : { kind: "text", content: reply.content }),
      (error: unknown) => {
        if (cancelled) return;
        if (error instanceof BrokerRequestError && error.code === "not_found") setLoaded({ kind: "deleted" });
        else setLoaded({ kind: "error", message: describeError(error, "Reading the file").message });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, sessionId, file.path, file.changedSeq]);

  const keep = async () => {
    setMessage(null);
    try {
      await client.request("changes-keep", { sessionId, paths: [file.path] });
    } catch (error) {
      setMessage({ tone: "error", text: describeError(error, "Keeping the change").message });
    }
  };
  const rewind = async () => {
    setMessage(null);
    try {
      const { deleted } = await rewindFile(client, { sessionId, path: file.path, firstChangedSeq: file.firstChangedSeq });
      onRewound(deleted ? `${file.path} did not exist before the agent's changes: it was removed.` : `${file.path} is back to how it was before the agent's changes.`);
    } catch (error) {
      setMessage({ tone: "error", text: describeError(error, "Rewinding the file").message });
    }
  };

  const current = loaded?.kind === "text" ? loaded.content : "";
  const before = beforeContent(file.change, current, undefined);
  const lines = loaded?.kind === "text" || loaded?.kind === "deleted" ? diffLines(before.content, current) : [];
  const stats = diffStats(lines);
  const note =
    before.kind === "reconstructed"
      ? `Before: the file with the agent's edits undone${before.exact ? "" : " (approximate: an edited text occurs more than once)"}.`
      : before.kind === "unknown"
        ? `Before: unknown — ${before.reason} Shown as new.`
        : "";

  return (
    <section aria-label={`Changes to ${file.path}`} className="flex flex-col">
      <div className="flex items-center gap-2 border-b border-border bg-surface px-3 py-2">
        <button type="button" onClick={onBack} className="rounded-md px-2 py-1 text-sm text-muted active:bg-canvas">
          ← Files
        </button>
        <span className="min-w-0 flex-1 truncate font-mono text-sm">{file.path}</span>
        {lines.length > 0 && (
          <span className="shrink-0 font-mono text-xs">
            <span className="text-ok">+{stats.added}</span> <span className="text-danger">−{stats.removed}</span>
          </span>
        )}
      </div>
      {note && <p className="px-3 py-1.5 text-xs text-muted">{note}</p>}
      {!loaded && <p className="p-4 text-sm text-muted">Loading…</p>}
      {loaded?.kind === "binary" && <p className="p-4 text-sm text-muted">A binary file: its changes cannot be shown as text.</p>}
      {loaded?.kind === "error" && <p className="p-4 text-sm text-danger">{loaded.message}</p>}
      {loaded?.kind === "deleted" && <p className="px-3 py-1.5 text-xs text-muted">The file no longer exists.</p>}
      {lines.length > 0 && <DiffRows rows={withContext(lines)} label={`Diff of ${file.path}`} />}
      {loaded?.kind === "text" && lines.length === 0 && <p className="p-4 text-sm text-muted">No difference to show.</p>}
      {message && (
        <p role={message.tone === "error" ? "alert" : "status"} className={`mx-3 mt-3 rounded-md border px-3 py-2 text-sm ${message.tone === "error" ? "border-danger/40 bg-danger/10" : "border-border bg-surface"}`}>
          {message.text}
        </p>
      )}
      <div className="sticky bottom-0 mt-3 flex gap-2 border-t border-border bg-surface/95 p-3 backdrop-blur">
        <button type="button" onClick={() => void rewind()} className="flex-1 rounded-lg border border-border py-2.5 text-sm active:bg-canvas">
          Rewind
        </button>
        <button type="button" onClick={() => void keep()} disabled={file.kept} className="flex-1 rounded-lg bg-sky-600 py-2.5 text-sm font-medium text-white disabled:bg-ok/80 disabled:opacity-100">
          {file.kept ? "Kept ✓" : "Keep"}
        </button>
      </div>
    </section>
  );
}
