"use client";
import Link from "next/link";
import { describeConnection } from "@/lib/broker/connection-state";
import { isMacPlatform, shortcutLabel } from "@/lib/ide/shortcuts";
import { useStore } from "./model/use-store";
import { ShareButton } from "../share/share-dialog";
import { PreviewMenu } from "./preview/preview-menu";
import { Icon } from "./ui/icons";
import { useWorkbench } from "./workbench-context";

const TONE_DOT = { ok: "bg-ok", warn: "bg-warn", error: "bg-danger" } as const;
const SANDBOX_LABEL = {
  unknown: "",
  starting: "Sandbox starting",
  running: "Sandbox running",
  paused: "Sandbox paused",
  stopped: "Sandbox stopped",
  failed: "Sandbox failed",
} as const;

export function IdeHeader({
  projectName,
  sessionTitle,
}: {
  projectName: string;
  sessionTitle: string;
}) {
  const workbench = useWorkbench();
  const connectionState = useStore(workbench.client.state);
  const connection = describeConnection(connectionState);
  const sandbox = useStore(workbench.sandbox);
  const mac = isMacPlatform();
  return (
    <header className="flex h-10 shrink-0 items-center gap-3 border-b border-border bg-surface px-3 text-sm">
      <nav aria-label="Breadcrumb" className="flex min-w-0 items-center gap-1.5">
        <Link href="/projects" className="truncate text-muted hover:text-fg" title="All projects">
          {projectName}
        </Link>
        <span className="text-muted">/</span>
        <span className="truncate font-medium">{sessionTitle || "Untitled session"}</span>
      </nav>
      <div className="ml-auto flex items-center gap-2">
        <button
          type="button"
          onClick={() => workbench.openQuickOpen()}
          className="flex items-center gap-2 rounded-md border border-border px-2 py-1 text-muted hover:text-fg"
          title="Go to file"
        >
          <Icon name="search" className="size-3.5" />
          <span>Go to file…</span>
          <kbd className="font-mono text-xs">{shortcutLabel("quick-open", mac)}</kbd>
        </button>
        <PreviewMenu client={workbench.client} sessionId={workbench.sessionId} />
        <ShareButton sessionId={workbench.sessionId} />
        {connectionState.status === "connected" && SANDBOX_LABEL[sandbox.state] && (
          <span className="hidden items-center gap-1.5 text-muted md:flex" title={sandbox.message}>
            <span
              aria-hidden
              className={`size-2 rounded-full ${sandbox.state === "running" ? "bg-ok" : sandbox.state === "failed" ? "bg-danger" : "bg-warn"}`}
            />
            {SANDBOX_LABEL[sandbox.state]}
          </span>
        )}
        <span className="flex items-center gap-1.5 text-muted" data-testid="connection-state">
          <span aria-hidden className={`size-2 rounded-full ${TONE_DOT[connection.tone]}`} />
          {connection.label}
        </span>
      </div>
    </header>
  );
}
