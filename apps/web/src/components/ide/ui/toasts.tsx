"use client";
import { useStore } from "../model/use-store";
import { useWorkbench } from "../workbench-context";
import { Icon } from "./icons";

export function Toasts() {
  const { notices } = useWorkbench();
  const list = useStore(notices.list);
  return (
    <div
      aria-live="polite"
      className="pointer-events-none fixed bottom-4 left-4 z-50 flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2"
    >
      {list.map((notice) => (
        <div
          key={notice.id}
          role={notice.tone === "error" ? "alert" : "status"}
          className={`pointer-events-auto rounded-lg border bg-surface p-3 text-sm shadow-lg ${notice.tone === "error" ? "border-danger/50" : "border-border"}`}
        >
          <div className="flex items-start gap-2">
            <span
              aria-hidden
              className={`mt-1.5 size-2 shrink-0 rounded-full ${notice.tone === "error" ? "bg-danger" : "bg-ok"}`}
            />
            <div className="min-w-0 flex-1">
              <p className="font-medium">{notice.title}</p>
              {notice.message && <p className="mt-0.5 break-words text-muted">{notice.message}</p>}
              {notice.hint && <p className="mt-0.5 text-muted">{notice.hint}</p>}
              {notice.action && (
                <button
                  type="button"
                  className="mt-2 rounded border border-border px-2 py-0.5 text-xs hover:bg-canvas"
                  onClick={() => {
                    notices.dismiss(notice.id);
                    notice.action!.run();
                  }}
                >
                  {notice.action.label}
                </button>
              )}
            </div>
            <button
              type="button"
              aria-label="Dismiss"
              className="rounded p-0.5 text-muted hover:text-fg"
              onClick={() => notices.dismiss(notice.id)}
            >
              <Icon name="close" className="size-3.5" />
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
