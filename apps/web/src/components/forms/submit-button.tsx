"use client";
import { useFormStatus } from "react-dom";
import type { ButtonHTMLAttributes, ReactNode } from "react";
import { buttonStyles, type ButtonVariant } from "./styles";

/** A submit button that says what it is doing while its form's action runs. */
export function SubmitButton({
  children,
  pendingLabel,
  pending: pendingProp,
  variant = "primary",
  className,
  ...button
}: { children: ReactNode; pendingLabel?: ReactNode; pending?: boolean; variant?: ButtonVariant } & ButtonHTMLAttributes<HTMLButtonElement>) {
  // Forms dispatched by hand (useFormAction) pass `pending`; plain form actions report it through useFormStatus.
  const status = useFormStatus();
  const pending = pendingProp || status.pending;
  return (
    <button type="submit" disabled={pending || button.disabled} aria-busy={pending || undefined} className={`${buttonStyles[variant]} ${className ?? ""}`} {...button}>
      {pending ? (pendingLabel ?? children) : children}
    </button>
  );
}
