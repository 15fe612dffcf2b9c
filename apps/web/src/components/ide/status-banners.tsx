"use client";
/** What is wrong right now and what to do: connection, session, sandbox. */
import { describeConnection } from "@/lib/broker/connection-state";
import { sandboxBanner } from "@/lib/ide/sandbox-status";
import { useStore } from "./model/use-store";
import { useWorkbench } from "./workbench-context";

export const BANNER_TONES = {
  info: "border-sky-500/40 bg-sky-500/10",
  warn: "border-warn/40 bg-warn/10",
  error: "border-danger/40 bg-danger/10",
} as const;

function Banner({
  tone,
  children,
  action,
}: {
  tone: keyof typeof BANNER_TONES;
  children: React.ReactNode;
  action?: { label: string; run: () => void };
}) {
  return (
    <div
      role={tone === "info" ? "status" : "alert"}
      className={`flex items-center gap-3 border-b px-3 py-1.5 text-sm ${BANNER_TONES[tone]}`}
    >
      <p className="min-w-0 flex-1">{children}</p>
      {action && (
        <button
          type="button"
          onClick={action.run}
          className="shrink-0 rounded-md border border-border bg-surface px-2.5 py-0.5 text-sm hover:bg-canvas"
        >
          {action.label}
        </button>
      )}
    </div>
  );
}

export function StatusBanners({ returnTo }: { returnTo: string }) {
  const workbench = useWorkbench();
  const connectionState = useStore(workbench.client.state);
  const connection = describeConnection(connectionState);
  const sync = useStore(workbench.sync.status);
  const banner = sandboxBanner(useStore(workbench.sandbox));

  if (connectionState.status === "signed-out") {
    return (
      <Banner
        tone="error"
        action={{
          label: "Sign in",
          run: () => window.location.assign(`/sign-in?next=${encodeURIComponent(returnTo)}`),
        }}
      >
        {connection.banner}
      </Banner>
    );
  }
  if (connection.banner) {
    return (
      <Banner
        tone={connection.tone === "error" ? "error" : "warn"}
        action={{ label: "Retry now", run: () => workbench.client.reconnectNow() }}
      >
        {connection.banner}
      </Banner>
    );
  }
  if (sync.status === "error") {
    const { error, fatal } = sync;
    return (
      <Banner
        tone="error"
        action={fatal ? undefined : { label: "Try again", run: () => workbench.wakeSandbox() }}
      >
        {/* The first line: details (a failed build's output) are shown below, in SandboxSteps. */}
        <strong className="font-medium">{error.title}:</strong> {error.message.split("\n")[0]}{" "}
        {error.hint}
      </Banner>
    );
  }
  if (banner) {
    return (
      <Banner
        tone={banner.tone}
        action={
          banner.action ? { label: banner.action, run: () => workbench.wakeSandbox() } : undefined
        }
      >
        {banner.text}
      </Banner>
    );
  }
  if (sync.status === "joining" && connectionState.status === "connected") {
    return (
      <Banner tone="info">Opening the session… (the first time, this starts its sandbox)</Banner>
    );
  }
  return null;
}
