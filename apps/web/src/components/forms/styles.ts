/** Shared class names, so links styled as buttons and real buttons look the same. */
const base =
  "inline-flex items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-fg disabled:cursor-not-allowed disabled:opacity-60 aria-disabled:cursor-not-allowed aria-disabled:opacity-60";

export const buttonStyles = {
  primary: `${base} bg-fg text-canvas hover:bg-fg/85`,
  secondary: `${base} border border-border bg-surface text-fg hover:bg-canvas`,
  danger: `${base} border border-danger/60 text-danger hover:bg-danger/10`,
  ghost: `${base} text-muted hover:bg-canvas hover:text-fg`,
} as const;

export type ButtonVariant = keyof typeof buttonStyles;

export const inputStyles =
  "block w-full rounded-md border border-border bg-canvas px-2.5 py-1.5 text-sm text-fg placeholder:text-muted/70 focus-visible:border-fg/50 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-fg/30 aria-[invalid=true]:border-danger disabled:opacity-60";

export const cardStyles = "rounded-lg border border-border bg-surface";
