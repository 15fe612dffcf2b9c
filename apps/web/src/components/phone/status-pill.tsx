/** A task's status as a small coloured pill. */
import type { TaskStatus } from "@codeyard/protocol";
import { STATUS_LABEL, STATUS_TONE } from "@/lib/tasks/task-format";

const TONES = {
  active: "bg-sky-500/15 text-sky-700 dark:text-sky-300",
  ok: "bg-ok/15 text-ok",
  warn: "bg-warn/15 text-warn",
  danger: "bg-danger/15 text-danger",
} as const;

export function StatusPill({ status }: { status: TaskStatus }) {
  return (
    <span data-testid="task-status" className={`inline-flex shrink-0 items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ${TONES[STATUS_TONE[status]]}`}>
      {status === "running" && <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-current" />}
      {STATUS_LABEL[status]}
    </span>
  );
}
