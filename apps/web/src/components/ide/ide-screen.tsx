"use client";
/**
 * The IDE for one session: files (left), editor over terminals (middle), agent (right). All state
 * lives in one Workbench (model/workbench.ts) created for the page's lifetime.
 */
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { AgentPanel } from "./agent/agent-panel";
import { WorkspaceDiffDialog } from "./checkpoints/workspace-diff-dialog";
import { EditorArea } from "./editor/editor-area";
import { preloadCodeEditor } from "./editor/lazy-editors";
import { FileTree } from "./file-tree/file-tree";
import { IdeHeader } from "./ide-header";
import { useStore } from "./model/use-store";
import { Workbench } from "./model/workbench";
import { QuickOpen } from "./quick-open/quick-open";
import { SearchPanel } from "./search/search-panel";
import { SandboxSteps } from "./sandbox-steps";
import { StatusBanners } from "./status-banners";
import { TerminalPanel } from "./terminal/terminal-panel";
import { ConfirmDialog } from "./ui/confirm-dialog";
import { Icon } from "./ui/icons";
import { SplitHandle } from "./ui/split-handle";
import { Toasts } from "./ui/toasts";
import { usePanelSizes } from "./ui/use-panel-sizes";
import { useShortcuts } from "./use-shortcuts";
import { WorkbenchContext, useWorkbench } from "./workbench-context";

export interface IdeScreenProps {
  brokerUrl: string;
  projectId: string;
  projectName: string;
  sessionId: string;
  sessionTitle: string;
  /** The project's verify command and model: defaults of the attempts form. */
  verifyCommand: string | null;
  defaultModel: string | null;
}

export function IdeScreen(props: IdeScreenProps) {
  const { brokerUrl, sessionId, projectId, verifyCommand, defaultModel } = props;
  const router = useRouter();
  // Created in the effect (not during render) so a development double mount gets a fresh one.
  const [workbench, setWorkbench] = useState<Workbench | null>(null);

  useEffect(() => {
    const created = new Workbench({ brokerUrl, sessionId, projectId, verifyCommand, defaultModel });
    created.navigate = (url) => router.push(url);
    created.start();
    setWorkbench(created);
    preloadCodeEditor();
    const flush = () => created.editor.flushBackups();
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      created.dispose();
    };
  }, [brokerUrl, sessionId, projectId, verifyCommand, defaultModel, router]);

  if (!workbench) {
    return (
      <div className="flex h-dvh items-center justify-center bg-canvas text-sm text-muted">
        Opening the IDE…
      </div>
    );
  }
  return (
    <WorkbenchContext.Provider value={workbench}>
      <Shortcuts workbench={workbench} />
      <div className="flex h-dvh flex-col overflow-hidden bg-canvas text-fg">
        <IdeHeader projectName={props.projectName} sessionTitle={props.sessionTitle} />
        <StatusBanners returnTo={`/projects/${props.projectId}/sessions/${sessionId}`} />
        <SandboxSteps projectId={props.projectId} />
        <Panels />
        <QuickOpen />
        <WorkspaceDiffDialog />
        <ConfirmDialog />
        <Toasts />
      </div>
    </WorkbenchContext.Provider>
  );
}

function Shortcuts({ workbench }: { workbench: Workbench }) {
  useShortcuts(workbench);
  return null;
}

function Panels() {
  const workbench = useWorkbench();
  const layout = useStore(workbench.layout);
  const [sizes, setSizes] = usePanelSizes();
  return (
    <div className="flex min-h-0 flex-1">
      <aside style={{ width: sizes.side }} className="flex shrink-0 flex-col bg-surface">
        <div
          role="tablist"
          aria-label="Side panel"
          className="flex h-8 shrink-0 border-b border-border text-xs"
        >
          {(["files", "search"] as const).map((side) => (
            <button
              key={side}
              type="button"
              role="tab"
              aria-selected={layout.side === side}
              onClick={() =>
                side === "search"
                  ? workbench.showSearch()
                  : workbench.layout.set((state) => ({ ...state, side }))
              }
              className={`flex-1 capitalize ${layout.side === side ? "border-b-2 border-sky-500 text-fg" : "text-muted hover:text-fg"}`}
            >
              {side}
            </button>
          ))}
        </div>
        <div className="min-h-0 flex-1">
          {layout.side === "files" ? <FileTree /> : <SearchPanel />}
        </div>
      </aside>
      <SplitHandle
        axis="x"
        size={sizes.side}
        direction={1}
        min={160}
        max={600}
        label="Resize the side panel"
        onResize={(side) => setSizes({ side })}
      />
      <main className="flex min-w-0 flex-1 flex-col">
        <div className="min-h-0 flex-1">
          <EditorArea />
        </div>
        {layout.terminalOpen ? (
          <SplitHandle
            axis="y"
            size={sizes.terminal}
            direction={-1}
            min={80}
            max={900}
            label="Resize the terminal panel"
            onResize={(terminal) => setSizes({ terminal })}
          />
        ) : (
          <button
            type="button"
            onClick={() => workbench.layout.set((state) => ({ ...state, terminalOpen: true }))}
            className="flex h-7 shrink-0 items-center gap-1.5 border-t border-border bg-surface px-3 text-xs text-muted hover:text-fg"
          >
            <Icon name="terminal" className="size-3.5" /> Terminals
          </button>
        )}
        <div
          style={{ height: sizes.terminal }}
          className={layout.terminalOpen ? "shrink-0" : "hidden"}
        >
          <TerminalPanel />
        </div>
      </main>
      <SplitHandle
        axis="x"
        size={sizes.agent}
        direction={-1}
        min={280}
        max={900}
        label="Resize the agent panel"
        onResize={(agent) => setSizes({ agent })}
      />
      <aside style={{ width: sizes.agent }} className="shrink-0">
        <AgentPanel />
      </aside>
    </div>
  );
}
