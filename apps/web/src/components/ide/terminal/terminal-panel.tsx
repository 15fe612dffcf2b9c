"use client";
/** The bottom panel: terminal tabs (several shells in the sandbox), a new-terminal button. */
import { isMacPlatform, shortcutLabel } from "@/lib/ide/shortcuts";
import type { TerminalTabState } from "../model/terminal-manager";
import { useStore } from "../model/use-store";
import { Icon } from "../ui/icons";
import { useWorkbench } from "../workbench-context";
import { TerminalView } from "./terminal-view";

const STATUS_TEXT: Partial<Record<TerminalTabState["status"], string>> = {
  attaching: "connecting…",
  detached: "disconnected",
  exited: "exited",
  error: "error",
};

export function TerminalPanel() {
  const workbench = useWorkbench();
  const { terminals } = workbench;
  const { tabs, active } = useStore(terminals.state);
  const activeTab = tabs.find((tab) => tab.id === active);
  const mac = isMacPlatform();
  return (
    <section aria-label="Terminals" className="flex h-full min-h-0 flex-col bg-surface">
      <div
        role="tablist"
        aria-label="Terminals"
        className="flex h-8 shrink-0 items-stretch border-b border-border text-sm"
      >
        {tabs.map((tab) => (
          <div
            key={tab.id}
            role="tab"
            aria-selected={tab.id === active}
            tabIndex={tab.id === active ? 0 : -1}
            onClick={() => terminals.activate(tab.id)}
            onKeyDown={(event) => event.key === "Enter" && terminals.activate(tab.id)}
            className={`group flex cursor-pointer items-center gap-1.5 border-r border-border px-3 ${tab.id === active ? "bg-canvas text-fg" : "text-muted hover:text-fg"}`}
          >
            <Icon name="terminal" className="size-3.5" />
            <span>{tab.title}</span>
            {STATUS_TEXT[tab.status] && (
              <span className={`text-xs ${tab.status === "error" ? "text-danger" : "text-muted"}`}>
                {STATUS_TEXT[tab.status]}
              </span>
            )}
            <button
              type="button"
              aria-label={`Close ${tab.title} (ends its shell)`}
              title="Close (ends the shell)"
              onClick={(event) => {
                event.stopPropagation();
                void terminals.close(tab.id);
              }}
              className="rounded p-0.5 opacity-0 group-hover:opacity-100 hover:bg-border"
            >
              <Icon name="close" className="size-3" />
            </button>
          </div>
        ))}
        <button
          type="button"
          aria-label="New terminal"
          title={`New terminal (${shortcutLabel("new-terminal", mac)})`}
          onClick={() => terminals.newTerminal()}
          className="px-2 text-muted hover:text-fg"
        >
          <Icon name="plus" className="size-3.5" />
        </button>
        <span className="ml-auto hidden items-center pr-3 text-xs text-muted lg:flex">
          Copy {mac ? "⌘C" : "Ctrl+Shift+C"} · Paste {mac ? "⌘V" : "Ctrl+Shift+V"}
        </span>
      </div>
      {activeTab?.status === "error" && activeTab.message && (
        <p
          role="alert"
          className="flex items-center gap-2 border-b border-danger/40 bg-danger/10 px-3 py-1 text-sm"
        >
          <span className="flex-1">{activeTab.message}</span>
          <button
            type="button"
            className="rounded border border-border bg-surface px-2 text-xs"
            onClick={() => workbench.wakeSandbox()}
          >
            Reconnect
          </button>
        </p>
      )}
      <div className="relative min-h-0 flex-1 bg-[#ffffff] dark:bg-[#0e0f12]">
        {tabs.map((tab) => (
          <TerminalView key={tab.id} id={tab.id} visible={tab.id === active} />
        ))}
        {tabs.length === 0 && (
          <button
            type="button"
            onClick={() => terminals.newTerminal()}
            className="m-3 rounded-md border border-border px-3 py-1 text-sm text-muted hover:text-fg"
          >
            Open a terminal
          </button>
        )}
      </div>
    </section>
  );
}
