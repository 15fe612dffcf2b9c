import Link from "next/link";
import { NotificationBell } from "@/components/phone/notification-bell";
import { PhoneHeader } from "@/components/phone/phone-header";
import { TaskInbox } from "@/components/phone/task-inbox";

export default function InboxPage() {
  return (
    <>
      <PhoneHeader
        title="Tasks"
        actions={
          <>
            <NotificationBell />
            <Link href="/m/devices" aria-label="Notification settings" className="flex size-9 items-center justify-center rounded-full text-muted active:bg-canvas">
              <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" aria-hidden>
                <path d="M4 6h16M4 12h16M4 18h16" />
              </svg>
            </Link>
          </>
        }
      />
      <TaskInbox />
      <div className="sticky bottom-0 mt-auto p-3" style={{ paddingBottom: "max(0.75rem, env(safe-area-inset-bottom))" }}>
        <Link href="/m/new" className="flex w-full items-center justify-center rounded-xl bg-sky-600 py-3 text-base font-medium text-white shadow-lg active:bg-sky-700">
          New task
        </Link>
      </div>
    </>
  );
}
