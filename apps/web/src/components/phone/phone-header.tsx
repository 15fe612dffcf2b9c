"use client";
/** The top bar of a phone screen: back link, title, actions, and the connection state. */
import Link from "next/link";
import type { ReactNode } from "react";
import { describeConnection } from "@/lib/broker/connection-state";
import { useConnectionStatus } from "./phone-client";

export function PhoneHeader({ title, back, actions, children }: { title: ReactNode; back?: string; actions?: ReactNode; children?: ReactNode }) {
  const connection = describeConnection(useConnectionStatus());
  return (
    <header className="sticky top-0 z-20 border-b border-border bg-surface/95 backdrop-blur">
      <div className="flex h-12 items-center gap-2 px-3">
        {back && (
          <Link href={back} aria-label="Back" className="-ml-1 flex size-9 items-center justify-center rounded-full text-lg text-muted active:bg-canvas">
            ←
          </Link>
        )}
        <h1 className="min-w-0 flex-1 truncate text-base font-semibold">{title}</h1>
        {actions}
        <span
          role="status"
          data-testid="connection-state"
          title={connection.label}
          aria-label={connection.label}
          className={`size-2 shrink-0 rounded-full ${connection.tone === "ok" ? "bg-ok" : connection.tone === "warn" ? "bg-warn" : "bg-danger"}`}
        />
      </div>
      {children}
      {connection.banner && <p className="border-t border-border bg-warn/10 px-3 py-1.5 text-xs">{connection.banner}</p>}
    </header>
  );
}
