"use client";
import type { FormState } from "./form-state";

/** The form's overall result: an alert for errors, a polite status for success. */
export function FormAlert({ state, className }: { state: FormState; className?: string }) {
  if (!state.message || state.status === "idle") return <div role="status" aria-live="polite" className="sr-only" />;
  const error = state.status === "error";
  return (
    <p
      role={error ? "alert" : "status"}
      className={`rounded-md border px-3 py-2 text-sm ${error ? "border-danger/40 bg-danger/10 text-danger" : "border-ok/40 bg-ok/10 text-ok"} ${className ?? ""}`}
    >
      {state.message}
    </p>
  );
}
