"use client";
/** Tabs and the active tab's content: the Monaco editor, a diff, or what stands in for them. */
import { useEffect } from "react";
import { isMacPlatform, shortcutLabel } from "@/lib/ide/shortcuts";
import { tabKey, type OpenFile } from "../model/editor-store";
import { useStore } from "../model/use-store";
import { useWorkbench } from "../workbench-context";
import { ConflictBar } from "./conflict-bar";
import { EditorTabs } from "./editor-tabs";
import { disposeMonacoModel, LazyCodeEditor, LazyDiffView } from "./lazy-editors";

export function EditorArea() {
  const { editor } = useWorkbench();
  const state = useStore(editor.state);
  const active = state.tabs.find((tab) => tabKey(tab) === state.active);

  useEffect(() => {
    editor.onFileClosed = disposeMonacoModel;
  }, [editor]);

  return (
    <section aria-label="Editor" className="flex h-full min-h-0 flex-col bg-surface">
      {state.tabs.length > 0 && <EditorTabs state={state} />}
      <div className="min-h-0 flex-1">
        {!active && <EmptyEditor />}
        {active?.kind === "diff" && (
          <div className="flex h-full flex-col">
            <p className="shrink-0 border-b border-border px-3 py-1 text-xs text-muted">
              {active.note}
            </p>
            <div className="min-h-0 flex-1">
              <LazyDiffView
                key={active.id}
                id={active.id}
                path={active.path}
                before={active.before}
                after={active.after}
              />
            </div>
          </div>
        )}
        {active?.kind === "file" && state.files[active.path] && (
          <FileView file={state.files[active.path]!} reveal={state.reveal} />
        )}
      </div>
    </section>
  );
}

function FileView({
  file,
  reveal,
}: {
  file: OpenFile;
  reveal?: { path: string; line: number; column: number; nonce: number };
}) {
  const { editor } = useWorkbench();
  if (file.status === "loading") return <Centered>Opening {file.path}…</Centered>;
  if (file.status === "error")
    return <Centered>{file.error ?? "This file could not be opened."}</Centered>;
  if (file.status === "binary")
    return (
      <Centered>{file.path} is a binary file; download it from the file tree to view it.</Centered>
    );
  return (
    <div className="flex h-full flex-col">
      <ConflictBar file={file} />
      <div className="min-h-0 flex-1">
        <LazyCodeEditor
          path={file.path}
          value={file.content}
          reveal={reveal}
          onChange={(path, value) => editor.setContent(path, value)}
        />
      </div>
    </div>
  );
}

function Centered({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex h-full items-center justify-center p-6 text-center text-sm text-muted">
      {children}
    </div>
  );
}

function EmptyEditor() {
  const workbench = useWorkbench();
  const mac = isMacPlatform();
  return (
    <div className="flex h-full flex-col items-center justify-center gap-3 p-6 text-sm text-muted">
      <p>No file is open.</p>
      <ul className="grid grid-cols-[max-content_max-content] gap-x-4 gap-y-1">
        <li className="contents">
          <button
            type="button"
            className="text-left hover:text-fg"
            onClick={() => workbench.openQuickOpen()}
          >
            Go to file
          </button>
          <kbd className="font-mono">{shortcutLabel("quick-open", mac)}</kbd>
        </li>
        <li className="contents">
          <button
            type="button"
            className="text-left hover:text-fg"
            onClick={() => workbench.showSearch()}
          >
            Search in files
          </button>
          <kbd className="font-mono">{shortcutLabel("search", mac)}</kbd>
        </li>
        <li className="contents">
          <span>Save</span>
          <kbd className="font-mono">{shortcutLabel("save", mac)}</kbd>
        </li>
        <li className="contents">
          <span>Close tab</span>
          <kbd className="font-mono">{shortcutLabel("close-tab", mac)}</kbd>
        </li>
        <li className="contents">
          <span>Toggle terminal</span>
          <kbd className="font-mono">{shortcutLabel("toggle-terminal", mac)}</kbd>
        </li>
      </ul>
    </div>
  );
}
