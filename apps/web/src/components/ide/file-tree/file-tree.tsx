"use client";
/**
 * The workspace's files: lazily listed folders; create, rename, delete (confirmed), download;
 * move by dragging rows onto folders; upload by dropping files or folders from the computer.
 */
import { useCallback, useMemo, useState } from "react";
import { parentPath } from "@/lib/ide/paths";
import { dropTarget, visibleRows, type TreeRow } from "@/lib/ide/tree-rows";
import { useStore } from "../model/use-store";
import { Icon } from "../ui/icons";
import { useWorkbench } from "../workbench-context";
import { ContextMenu, type MenuItem } from "./context-menu";
import { TREE_DRAG_TYPE } from "./drag-types";
import { collectDroppedFiles, takeDroppedEntries } from "./dropped-files";
import { NameInput } from "./name-input";
import { TreeRowView } from "./tree-row";

type Editing =
  { mode: "file" | "folder"; dir: string } | { mode: "rename"; path: string; kind: string };

export function FileTree() {
  const workbench = useWorkbench();
  const { tree, files, editor } = workbench;
  const state = useStore(tree.state);
  const activePath = useStore(editor.state).active;
  const rows = useMemo(() => visibleRows(state.dirs, state.expanded), [state]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [menu, setMenu] = useState<{
    x: number;
    y: number;
    row: Extract<TreeRow, { type: "entry" }> | null;
  } | null>(null);
  const [dropDir, setDropDir] = useState<string | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);

  const startCreate = (mode: "file" | "folder", dir: string) => {
    if (dir) tree.expand(dir);
    setEditing({ mode, dir });
  };

  const menuItems = (row: Extract<TreeRow, { type: "entry" }> | null): MenuItem[] => {
    const dir = row ? dropTarget(row) : "";
    const items: MenuItem[] = [
      { label: "New file…", run: () => startCreate("file", dir) },
      { label: "New folder…", run: () => startCreate("folder", dir) },
    ];
    if (!row) return items;
    if (row.kind !== "dir") items.unshift({ label: "Open", run: () => editor.open(row.path) });
    items.push({
      label: "Rename…",
      run: () => setEditing({ mode: "rename", path: row.path, kind: row.kind }),
    });
    if (row.kind !== "dir")
      items.push({ label: "Download", run: () => void files.download(row.path) });
    items.push({
      label: "Delete…",
      danger: true,
      run: () => void files.remove(row.path, row.kind),
    });
    return items;
  };

  const onDrop = (event: React.DragEvent, dir: string) => {
    event.preventDefault();
    event.stopPropagation();
    setDropDir(null);
    const moved = event.dataTransfer.getData(TREE_DRAG_TYPE);
    if (moved) return void files.move(moved, dir);
    if (event.dataTransfer.types.includes("Files")) {
      const dropped = takeDroppedEntries(event.dataTransfer);
      void collectDroppedFiles(dropped).then(({ files: list, truncated }) =>
        files.upload(dir, list, truncated),
      );
    }
  };

  const onDragOver = (event: React.DragEvent, dir: string) => {
    const types = event.dataTransfer.types;
    if (!types.includes(TREE_DRAG_TYPE) && !types.includes("Files")) return;
    event.preventDefault();
    event.stopPropagation();
    event.dataTransfer.dropEffect = types.includes("Files") ? "copy" : "move";
    setDropDir(dir);
  };

  const newEntryInput = (dir: string, depth: number) =>
    editing && editing.mode !== "rename" && editing.dir === dir ? (
      <NameInput
        key="new-entry"
        depth={depth}
        icon={editing.mode === "file" ? "file" : "folder"}
        initial=""
        validate={(name) => files.nameProblem(dir, name)}
        onCancel={() => setEditing(null)}
        onCommit={(name) => {
          setEditing(null);
          void (editing.mode === "file"
            ? files.createFile(dir, name)
            : files.createFolder(dir, name));
        }}
      />
    ) : null;

  return (
    <section aria-label="Files" className="flex h-full min-h-0 flex-col">
      <div className="flex h-8 shrink-0 items-center gap-0.5 px-2 text-xs font-semibold tracking-wide text-muted uppercase">
        <span className="flex-1">Files</span>
        <ToolbarButton label="New file" icon="newFile" onClick={() => startCreate("file", "")} />
        <ToolbarButton
          label="New folder"
          icon="newFolder"
          onClick={() => startCreate("folder", "")}
        />
        <ToolbarButton label="Refresh" icon="refresh" onClick={() => tree.refreshAll()} />
        <ToolbarButton
          label="Collapse all folders"
          icon="collapse"
          onClick={() => tree.collapseAll()}
        />
      </div>
      <div
        role="tree"
        aria-label="Workspace files"
        className={`min-h-0 flex-1 overflow-auto pb-6 text-sm ${dropDir === "" ? "bg-sky-500/10 outline outline-1 -outline-offset-1 outline-sky-500/50" : ""}`}
        onDragOver={(event) => onDragOver(event, "")}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node)) setDropDir(null);
        }}
        onDrop={(event) => onDrop(event, "")}
        onContextMenu={(event) => {
          event.preventDefault();
          setMenu({ x: event.clientX, y: event.clientY, row: null });
        }}
      >
        {newEntryInput("", 0)}
        {rows.map((row) => {
          if (row.type === "message") {
            return (
              <p
                key={row.path}
                style={{ paddingLeft: 28 + row.depth * 12 }}
                className={`py-0.5 text-xs ${row.tone === "error" ? "text-danger" : "text-muted"}`}
              >
                {row.text}
              </p>
            );
          }
          if (editing?.mode === "rename" && editing.path === row.path) {
            return (
              <NameInput
                key={row.path}
                depth={row.depth}
                icon={row.kind === "dir" ? "folder" : "file"}
                initial={row.name}
                validate={(name) => files.nameProblem(parentPath(row.path), name, row.name)}
                onCancel={() => setEditing(null)}
                onCommit={(name) => {
                  setEditing(null);
                  void files.rename(row.path, name);
                }}
              />
            );
          }
          const target = dropTarget(row);
          return (
            <div key={row.path}>
              <TreeRowView
                row={row}
                active={row.path === activePath}
                dropHighlight={
                  dropDir !== null && dropDir !== "" && row.kind === "dir" && dropDir === row.path
                }
                onActivate={() =>
                  row.kind === "dir" ? tree.toggle(row.path) : editor.open(row.path)
                }
                onMenu={(x, y) => setMenu({ x, y, row })}
                onRename={() => setEditing({ mode: "rename", path: row.path, kind: row.kind })}
                onDelete={() => void files.remove(row.path, row.kind)}
                onDragOver={(event) => onDragOver(event, target)}
                onDrop={(event) => onDrop(event, target)}
              />
              {row.kind === "dir" && row.expanded && newEntryInput(row.path, row.depth + 1)}
            </div>
          );
        })}
        <p className="px-3 pt-3 text-xs text-muted">Drop files here to upload them.</p>
      </div>
      {menu && (
        <ContextMenu x={menu.x} y={menu.y} items={menuItems(menu.row)} onClose={closeMenu} />
      )}
    </section>
  );
}

function ToolbarButton({
  label,
  icon,
  onClick,
}: {
  label: string;
  icon: Parameters<typeof Icon>[0]["name"];
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      className="rounded p-1 hover:bg-canvas hover:text-fg"
    >
      <Icon name={icon} className="size-3.5" />
    </button>
  );
}
