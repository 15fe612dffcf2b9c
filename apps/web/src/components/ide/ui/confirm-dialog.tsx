"use client";
import { useEffect, useRef } from "react";
import { useStore } from "../model/use-store";
import { useWorkbench } from "../workbench-context";

export function ConfirmDialog() {
  const { notices } = useWorkbench();
  const request = useStore(notices.confirmation);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (request && !element.open) element.showModal();
    if (!request && element.open) element.close();
  }, [request]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby="confirm-title"
      className="m-auto w-[28rem] max-w-[calc(100vw-2rem)] rounded-xl border border-border bg-surface p-5 text-fg shadow-2xl backdrop:bg-black/40"
      onCancel={(event) => {
        event.preventDefault();
        request?.resolve(false);
      }}
    >
      {request && (
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            request.resolve(true);
          }}
        >
          <h2 id="confirm-title" className="text-base font-semibold">
            {request.title}
          </h2>
          <p className="mt-2 text-sm text-muted">{request.message}</p>
          <div className="mt-5 flex justify-end gap-2">
            <button
              type="button"
              className="rounded-md border border-border px-3 py-1.5 text-sm hover:bg-canvas"
              onClick={() => request.resolve(false)}
            >
              Cancel
            </button>
            <button
              type="submit"
              autoFocus
              className={`rounded-md px-3 py-1.5 text-sm font-medium text-white ${request.danger ? "bg-red-600 hover:bg-red-700" : "bg-sky-600 hover:bg-sky-700"}`}
            >
              {request.confirmLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
