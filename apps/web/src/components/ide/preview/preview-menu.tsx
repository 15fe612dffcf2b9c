"use client";
/**
 * App preview: lists the ports listening in the sandbox and opens each on its own origin (a new
 * tab), never on the IDE's. The links carry a short-lived capability the preview proxy turns into
 * a cookie of that origin. While open, the list refreshes itself, so a server just started appears.
 */
import { useEffect, useState } from "react";
import type { BrokerClient } from "@/lib/broker/broker-client";
import { describeError } from "@/lib/broker/request-error";

interface PreviewPort {
  port: number;
  url: string;
  pathUrl: string;
}

const REFRESH_MS = 3000;

/** Shared by the IDE header and the phone view. */
export function PreviewMenu({ client, sessionId }: { client: BrokerClient; sessionId: string }) {
  const [open, setOpen] = useState(false);
  const [ports, setPorts] = useState<PreviewPort[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function refresh(): Promise<void> {
    setError(null);
    try {
      const reply = await client.request("preview-list", { sessionId });
      setPorts(reply.ports);
    } catch (caught) {
      setError(describeError(caught, "list the running servers").message);
    }
  }

  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [open, client, sessionId]);

  return (
    <div className="relative">
      <button
        type="button"
        className="rounded-md border border-border px-2 py-1 text-muted hover:text-fg"
        aria-expanded={open}
        onClick={() => {
          setOpen(!open);
          if (!open) void refresh();
        }}
      >
        Preview
      </button>
      {open && (
        <div className="absolute right-0 z-20 mt-1 w-72 rounded border border-border bg-surface p-2 text-xs shadow-lg" role="dialog" aria-label="App preview">
          <div className="mb-1 flex items-center justify-between">
            <span className="font-medium">Servers in the sandbox</span>
            <button type="button" className="text-muted hover:text-fg" onClick={() => void refresh()}>
              Refresh
            </button>
          </div>
          {error && <p className="text-danger">{error}</p>}
          {ports?.length === 0 && <p className="text-muted">Nothing is listening yet. Start a server (for example on port 3000), then refresh.</p>}
          <ul>
            {ports?.map((entry) => (
              <li key={entry.port} className="flex items-center justify-between gap-2 py-0.5">
                <a href={entry.url} target="_blank" rel="noopener noreferrer" className="text-fg underline">
                  Port {entry.port}
                </a>
                <a href={entry.pathUrl} target="_blank" rel="noopener noreferrer" className="text-muted hover:text-fg" title="Same app under a path, for apps that cannot run on their own origin">
                  path mode
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
