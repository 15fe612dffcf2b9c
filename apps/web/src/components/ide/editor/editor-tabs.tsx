"use client";
import { baseName } from "@/lib/ide/paths";
import { isDirty, tabKey, type EditorState } from "../model/editor-store";
import { Icon } from "../ui/icons";
import { useWorkbench } from "../workbench-context";

export function EditorTabs({ state }: { state: EditorState }) {
  const { editor } = useWorkbench();
  return (
    <div
      role="tablist"
      aria-label="Open files"
      className="flex h-9 shrink-0 items-stretch overflow-x-auto border-b border-border bg-canvas"
    >
      {state.tabs.map((tab) => {
        const key = tabKey(tab);
        const active = key === state.active;
        const file = tab.kind === "file" ? state.files[tab.path] : undefined;
        const dirty = isDirty(file);
        const conflict = Boolean(file?.conflict);
        const label = tab.kind === "file" ? baseName(tab.path) : tab.title;
        return (
          <div
            key={key}
            role="tab"
            aria-selected={active}
            title={tab.kind === "file" ? tab.path : tab.note}
            tabIndex={active ? 0 : -1}
            onClick={() => editor.activate(key)}
            onAuxClick={(event) => event.button === 1 && void editor.close(key)}
            onKeyDown={(event) =>
              (event.key === "Enter" || event.key === " ") && editor.activate(key)
            }
            className={`group flex max-w-56 shrink-0 cursor-pointer items-center gap-1.5 border-r border-border px-3 text-sm ${active ? "bg-surface text-fg" : "text-muted hover:text-fg"}`}
          >
            {tab.kind === "diff" && <Icon name="diff" className="size-3.5 shrink-0" />}
            <span className={`truncate ${conflict ? "text-warn" : ""}`}>{label}</span>
            <button
              type="button"
              aria-label={dirty ? `${label} has unsaved changes; close` : `Close ${label}`}
              onClick={(event) => {
                event.stopPropagation();
                void editor.close(key);
              }}
              className="relative flex size-4 shrink-0 items-center justify-center rounded hover:bg-border"
            >
              {dirty && (
                <span aria-hidden className="size-2 rounded-full bg-fg group-hover:hidden" />
              )}
              <Icon
                name="close"
                className={`size-3 ${dirty ? "hidden group-hover:block" : active ? "" : "opacity-0 group-hover:opacity-100"}`}
              />
            </button>
          </div>
        );
      })}
    </div>
  );
}
