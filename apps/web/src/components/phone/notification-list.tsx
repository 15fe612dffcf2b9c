"use client";
/** Every notification in the app (the fallback for browsers without push), newest first. */
import type { NotificationSummary } from "@codeyard/protocol";
import Link from "next/link";
import { useEffect, useState } from "react";
import { describeError, type ReadableError } from "@/lib/broker/request-error";
import { timeAgo } from "@/lib/projects/format";
import { useOnConnect, usePhoneClient } from "./phone-client";

export function NotificationList() {
  const client = usePhoneClient();
  const [items, setItems] = useState<NotificationSummary[] | null>(null);
  const [problem, setProblem] = useState<ReadableError | null>(null);

  useOnConnect(() => {
    client.request("notification-list", { limit: 100 }).then(
      ({ notifications }) => setItems(notifications),
      (error: unknown) => setProblem(describeError(error, "Loading notifications")),
    );
  });
  useEffect(
    () => client.on("notification-added", ({ notification }) => setItems((list) => [notification, ...(list ?? []).filter((item) => item.id !== notification.id)])),
    [client],
  );

  const markRead = async (ids?: string[]) => {
    const at = new Date().toISOString();
    setItems((list) => list?.map((item) => (!ids || ids.includes(item.id) ? { ...item, readAt: item.readAt ?? at } : item)) ?? null);
    await client.request("notification-read", { ids }).catch((error: unknown) => setProblem(describeError(error, "Marking as read")));
  };

  const unread = items?.filter((item) => !item.readAt).length ?? 0;
  const now = new Date();
  return (
    <div className="flex flex-col">
      <div className="flex items-center gap-2 px-4 py-2 text-sm">
        <span className="flex-1 text-muted">{items ? (unread ? `${unread} unread` : "All read") : "Loading…"}</span>
        {unread > 0 && (
          <button type="button" onClick={() => void markRead()} className="rounded-md border border-border px-3 py-1.5 active:bg-canvas">
            Mark all read
          </button>
        )}
      </div>
      {problem && <p role="alert" className="mx-4 mb-2 text-sm text-danger">{problem.message}</p>}
      {items?.length === 0 && <p className="px-4 py-2 text-sm text-muted">Nothing yet. You are told here (and by push, if you turn it on) when a task finishes, fails or needs you.</p>}
      <ul aria-label="Notifications" className="divide-y divide-border border-y border-border bg-surface">
        {items?.map((item) => (
          <li key={item.id}>
            <Link href={item.url} onClick={() => void markRead([item.id])} className="flex gap-3 px-4 py-3 active:bg-canvas">
              <span aria-label={item.readAt ? "read" : "unread"} className={`mt-1.5 size-2 shrink-0 rounded-full ${item.readAt ? "bg-transparent" : "bg-sky-500"}`} />
              <span className="flex min-w-0 flex-1 flex-col gap-0.5">
                <span className="text-sm font-medium">{item.title}</span>
                <span className="line-clamp-2 text-sm text-muted">{item.body}</span>
                <time dateTime={item.createdAt} className="text-xs text-muted">
                  {timeAgo(new Date(item.createdAt), now)}
                </time>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
