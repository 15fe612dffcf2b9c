"use client";
import type { TreeRow } from "@/lib/ide/tree-rows";
import { Icon } from "../ui/icons";
import { TREE_DRAG_TYPE } from "./drag-types";

export function TreeRowView({
  row,
  active,
  dropHighlight,
  onActivate,
  onMenu,
  onRename,
  onDelete,
  onDragOver,
  onDrop,
}: {
  row: Extract<TreeRow, { type: "entry" }>;
  active: boolean;
  dropHighlight: boolean;
  onActivate: () => void;
  onMenu: (x: number, y: number) => void;
  onRename: () => void;
  onDelete: () => void;
  onDragOver: (event: React.DragEvent) => void;
  onDrop: (event: React.DragEvent) => void;
}) {
  const isDir = row.kind === "dir";
  return (
    <div
      role="treeitem"
      aria-expanded={isDir ? row.expanded : undefined}
      aria-selected={active}
      tabIndex={0}
      draggable
      data-path={row.path}
      style={{ paddingLeft: 8 + row.depth * 12 }}
      className={`group flex cursor-pointer items-center gap-1 py-0.5 pr-1 outline-none select-none focus-visible:ring-1 focus-visible:ring-sky-500 focus-visible:ring-inset ${
        active ? "bg-sky-500/15" : dropHighlight ? "bg-sky-500/20" : "hover:bg-canvas"
      }`}
      onClick={onActivate}
      onKeyDown={(event) => {
        if (event.key === "Enter") onActivate();
        else if (event.key === "F2") onRename();
        else if (event.key === "Delete") onDelete();
        else if (event.key === "ContextMenu" || (event.shiftKey && event.key === "F10")) {
          const box = event.currentTarget.getBoundingClientRect();
          onMenu(box.left + 24, box.bottom);
        } else return;
        event.preventDefault();
      }}
      onContextMenu={(event) => {
        event.preventDefault();
        event.stopPropagation();
        onMenu(event.clientX, event.clientY);
      }}
      onDragStart={(event) => {
        event.dataTransfer.setData(TREE_DRAG_TYPE, row.path);
        event.dataTransfer.effectAllowed = "move";
      }}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <span className="flex size-3.5 shrink-0 items-center justify-center text-muted">
        {isDir && (
          <Icon
            name="chevron"
            className={`size-3 transition-transform ${row.expanded ? "rotate-90" : ""}`}
          />
        )}
      </span>
      <Icon
        name={isDir ? "folder" : "file"}
        className={`size-4 shrink-0 ${isDir ? "text-sky-600 dark:text-sky-400" : "text-muted"}`}
      />
      <span className={`min-w-0 flex-1 truncate ${row.kind === "symlink" ? "italic" : ""}`}>
        {row.name}
      </span>
      {row.loading && <span className="text-xs text-muted">…</span>}
      <button
        type="button"
        aria-label={`Actions for ${row.name}`}
        tabIndex={-1}
        onClick={(event) => {
          event.stopPropagation();
          const box = event.currentTarget.getBoundingClientRect();
          onMenu(box.left, box.bottom);
        }}
        className="rounded p-0.5 text-muted opacity-0 group-hover:opacity-100 hover:bg-border hover:text-fg"
      >
        <Icon name="dots" className="size-3.5" />
      </button>
    </div>
  );
}
