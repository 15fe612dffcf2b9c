"use client";
/** Shown above a file whose disk version changed under unsaved edits, or vanished. */
import type { OpenFile } from "../model/editor-store";
import { useWorkbench } from "../workbench-context";

const TEXT = {
  changed:
    "This file changed on disk (the agent, a terminal or someone else wrote it) while you had unsaved edits.",
  "save-refused":
    "Not saved: the file changed on disk since you opened it, and saving would overwrite that change.",
  deleted: "This file no longer exists on disk. Saving creates it again with your version.",
} as const;

export function ConflictBar({ file }: { file: OpenFile }) {
  const { editor } = useWorkbench();
  const conflict = file.conflict;
  if (!conflict) return null;
  const button = "rounded-md border border-border bg-surface px-2.5 py-0.5 text-sm hover:bg-canvas";
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center gap-2 border-b border-warn/40 bg-warn/10 px-3 py-1.5 text-sm"
    >
      <p className="min-w-0 flex-1">{TEXT[conflict.reason]}</p>
      {conflict.disk !== null && (
        <button type="button" className={button} onClick={() => editor.compareConflict(file.path)}>
          Compare
        </button>
      )}
      {conflict.reason === "save-refused" ? (
        <button
          type="button"
          className={button}
          onClick={() => void editor.save(file.path, { overwrite: true })}
        >
          Overwrite with mine
        </button>
      ) : (
        <button
          type="button"
          className={button}
          onClick={() => editor.resolve(file.path, "keep-mine")}
        >
          Keep mine
        </button>
      )}
      <button
        type="button"
        className={button}
        onClick={() => editor.resolve(file.path, "take-disk")}
      >
        {conflict.disk === null ? "Close file" : "Use the disk version"}
      </button>
    </div>
  );
}
