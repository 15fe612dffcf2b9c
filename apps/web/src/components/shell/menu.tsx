/**
 * A drop-down menu on the HTML popover API: the browser handles opening, Escape, clicking outside
 * and the top layer, so it works without client JavaScript. Menus hang from the fixed top bar, so
 * a fixed position below it is enough (no anchor positioning needed).
 */
import type { ReactNode } from "react";

export function Menu({
  id,
  label,
  trigger,
  align,
  children,
}: {
  id: string;
  /** Accessible name of the trigger button. */
  label: string;
  trigger: ReactNode;
  align: "left" | "right";
  children: ReactNode;
}) {
  return (
    <>
      <button
        type="button"
        popoverTarget={id}
        aria-label={label}
        className="flex min-w-0 items-center gap-1.5 rounded-md px-2 py-1 text-sm hover:bg-canvas focus-visible:outline-2 focus-visible:outline-fg"
      >
        {trigger}
        <svg viewBox="0 0 16 16" aria-hidden className="size-3.5 shrink-0 text-muted" fill="currentColor">
          <path d="M4.2 6.2a.75.75 0 0 1 1.06 0L8 8.94l2.74-2.74a.75.75 0 1 1 1.06 1.06l-3.27 3.27a.75.75 0 0 1-1.06 0L4.2 7.26a.75.75 0 0 1 0-1.06Z" />
        </svg>
      </button>
      <div
        id={id}
        popover="auto"
        // Inline so it overrides the popover's default centring (inset: 0; margin: auto).
        style={{ inset: "auto", top: "2.75rem", [align]: "0.5rem" }}
        className="fixed m-0 w-64 max-w-[calc(100vw-1rem)] rounded-lg border border-border bg-surface p-1 text-sm text-fg shadow-lg"
      >
        {children}
      </div>
    </>
  );
}

export function MenuHeading({ children }: { children: ReactNode }) {
  return <div className="px-2 pt-1.5 pb-1 text-xs font-medium text-muted">{children}</div>;
}

export const menuItemStyles =
  "flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left hover:bg-canvas focus-visible:bg-canvas focus-visible:outline-none";

export function MenuSeparator() {
  return <div role="separator" className="my-1 h-px bg-border" />;
}
