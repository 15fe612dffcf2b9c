"use client";
/** One checkpoint of the timeline, with what can be done from it. */
import { formatDuration } from "@/lib/ide/format";
import { checkpointTitle, formatClock, type CheckpointMarker } from "@/lib/ide/transcript-markers";
import { useWorkbench } from "../workbench-context";

export function CheckpointRow({
  checkpoint,
  latest,
  busy,
}: {
  checkpoint: CheckpointMarker;
  latest: boolean;
  busy: string | null;
}) {
  const workbench = useWorkbench();
  const actions = workbench.checkpoints;
  const title = checkpointTitle(checkpoint);
  const inherited = checkpoint.sessionId !== workbench.sessionId;
  const date = new Date(checkpoint.at);
  return (
    <li
      aria-label={`Checkpoint ${title}`}
      className="relative border-b border-border py-2 pr-3 pl-7 text-xs"
    >
      <span
        aria-hidden
        className={`absolute top-3 left-3 size-2 rounded-full ${latest ? "bg-sky-500" : "bg-muted"}`}
      />
      <p className="flex items-baseline gap-2">
        <span className="min-w-0 flex-1 truncate text-sm font-medium" title={title}>
          {title}
        </span>
        <time
          dateTime={checkpoint.at}
          title={Number.isNaN(date.getTime()) ? undefined : date.toLocaleString()}
          className="shrink-0 text-muted"
        >
          {formatClock(checkpoint.at)}
        </time>
      </p>
      <p className="mt-0.5 flex flex-wrap gap-x-2 text-muted">
        <span
          title={
            checkpoint.environmentChanged
              ? "Installed tools and other changes outside /workspace were captured too"
              : "The environment had not changed since the previous checkpoint; it is shared with it"
          }
        >
          {checkpoint.environmentChanged ? "environment captured" : "files (environment unchanged)"}
        </span>
        <span>· took {formatDuration(Math.round(checkpoint.durationMs))}</span>
        {latest && <span>· latest</span>}
        {inherited && <span>· from the session this branch came from</span>}
      </p>
      <div className="mt-1.5 flex gap-1.5">
        <RowButton
          disabled={busy !== null}
          onClick={() => void actions.rewind(checkpoint)}
          title="Put files, environment and conversation back to this checkpoint (the present is kept as a branch)"
        >
          {busy === `rewind:${checkpoint.checkpointId}` ? "Rewinding…" : "Rewind"}
        </RowButton>
        <RowButton
          disabled={busy !== null}
          onClick={() => void actions.branch(checkpoint)}
          title="A new session with its own sandbox, starting from this checkpoint"
        >
          {busy === `branch:${checkpoint.checkpointId}` ? "Branching…" : "Branch"}
        </RowButton>
        <RowButton
          onClick={() => void actions.compareWithNow(checkpoint)}
          title="What changed in the files since this checkpoint"
        >
          Compare
        </RowButton>
      </div>
    </li>
  );
}

function RowButton({
  onClick,
  disabled,
  title,
  children,
}: {
  onClick: () => void;
  disabled?: boolean;
  title: string;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      title={title}
      className="rounded border border-border px-2 py-0.5 hover:bg-canvas disabled:opacity-50"
    >
      {children}
    </button>
  );
}
