"use client";
/** The compare dialog: a workspace diff (checkpoint or branch against another), file by file. */
import { useEffect, useMemo, useRef } from "react";
import { diffTotals, filePatches } from "@/lib/ide/unified-diff";
import type { CompareState } from "../model/checkpoint-actions";
import { useStore } from "../model/use-store";
import { Icon } from "../ui/icons";
import { useWorkbench } from "../workbench-context";
import { FilePatchView } from "./file-patch-view";

export function WorkspaceDiffDialog() {
  const { checkpoints } = useWorkbench();
  const state = useStore(checkpoints.compare);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (state && !element.open) element.showModal();
    if (!state && element.open) element.close();
  }, [state]);

  return (
    <dialog
      ref={dialog}
      aria-label={state ? `Compare ${state.title}` : "Compare"}
      className="m-auto flex h-[85vh] w-[min(72rem,calc(100vw-2rem))] flex-col rounded-xl border border-border bg-surface p-0 text-fg shadow-2xl backdrop:bg-black/40 [&:not([open])]:hidden"
      onCancel={(event) => {
        event.preventDefault();
        checkpoints.closeCompare();
      }}
    >
      {state && (
        <>
          <header className="flex shrink-0 items-start gap-3 border-b border-border px-4 py-3">
            <div className="min-w-0 flex-1">
              <h2 className="truncate text-base font-semibold">{state.title}</h2>
              <p className="mt-0.5 text-xs text-muted">{state.note}</p>
            </div>
            <button
              type="button"
              aria-label="Close the comparison"
              onClick={() => checkpoints.closeCompare()}
              className="rounded p-1 text-muted hover:text-fg"
            >
              <Icon name="close" />
            </button>
          </header>
          <CompareBody state={state} />
        </>
      )}
    </dialog>
  );
}

function CompareBody({ state }: { state: CompareState }) {
  const patches = useMemo(() => (state.status === "ready" ? filePatches(state.diff) : []), [state]);
  if (state.status === "loading")
    return <p className="p-4 text-sm text-muted">Comparing the files…</p>;
  if (state.status === "error")
    return (
      <p role="alert" className="m-4 rounded-md border border-danger/40 bg-danger/10 p-3 text-sm">
        <strong className="font-medium">{state.error.title}:</strong> {state.error.message}{" "}
        {state.error.hint}
      </p>
    );
  const { diff } = state;
  if (diff.files.length === 0)
    return <p className="p-4 text-sm text-muted">No differences: the files are the same.</p>;
  const totals = diffTotals(diff.files);
  return (
    <div className="flex min-h-0 flex-1">
      <nav
        aria-label="Changed files"
        className="w-64 shrink-0 overflow-y-auto border-r border-border py-2 text-xs"
      >
        <p className="px-3 pb-1 text-muted">
          {diff.files.length} file{diff.files.length === 1 ? "" : "s"} ·{" "}
          <span className="text-ok">+{totals.added}</span>{" "}
          <span className="text-danger">−{totals.removed}</span>
        </p>
        <ul>
          {diff.files.map((file, index) => (
            <li key={file.path}>
              <a
                href={`#diff-file-${index}`}
                className="flex items-center gap-1.5 px-3 py-0.5 hover:bg-canvas"
              >
                <span className="min-w-0 flex-1 truncate" title={file.path}>
                  {file.path}
                </span>
                <span className="shrink-0 text-ok">+{file.added}</span>
                <span className="shrink-0 text-danger">−{file.removed}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="min-w-0 flex-1 overflow-y-auto p-3">
        {diff.truncated && (
          <p className="mb-3 rounded-md border border-warn/40 bg-warn/10 px-3 py-1.5 text-xs">
            The diff is too large to show whole; some files show only their totals.
          </p>
        )}
        {patches.map((patch, index) => (
          <FilePatchView key={patch.file.path} id={`diff-file-${index}`} patch={patch} />
        ))}
      </div>
    </div>
  );
}
