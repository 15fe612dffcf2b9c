"use client";
/** The unread-notification count in the header, live; opens the notification list. */
import Link from "next/link";
import { useEffect, useState } from "react";
import { useOnConnect, usePhoneClient } from "./phone-client";

export function NotificationBell() {
  const client = usePhoneClient();
  const [unread, setUnread] = useState(0);
  useOnConnect(() => {
    client.request("notification-list", { limit: 1 }).then(({ unread: count }) => setUnread(count), () => undefined);
  });
  useEffect(() => client.on("notification-added", () => setUnread((count) => count + 1)), [client]);
  return (
    <Link href="/m/notifications" aria-label={`Notifications${unread ? ` (${unread} unread)` : ""}`} className="relative flex size-9 items-center justify-center rounded-full text-muted active:bg-canvas">
      <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden>
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 && <span className="absolute top-1 right-1 min-w-4 rounded-full bg-danger px-1 text-center text-[10px] leading-4 font-semibold text-white">{unread > 99 ? "99+" : unread}</span>}
    </Link>
  );
}
