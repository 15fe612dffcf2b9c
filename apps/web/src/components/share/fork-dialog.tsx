"use client";
/** Choosing the project to fork a shared session into, from a checkpoint or the latest point. */
import type { ShareCredential } from "@codeyard/protocol";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { buttonStyles, inputStyles } from "@/components/forms/styles";
import { forkSharedSessionAction } from "@/lib/sharing/fork-actions";
import type { ForkTarget } from "@/lib/sharing/fork-request";

export interface ForkPoint {
  checkpointId: string | null;
  label: string;
}

export function ForkDialog({ point, credential, targets, onClose }: { point: ForkPoint | null; credential: ShareCredential; targets: ForkTarget[]; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const [target, setTarget] = useState(targets[0]?.id ?? "");
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (point && !element.open) {
      setMessage(null);
      element.showModal();
    }
    if (!point && element.open) element.close();
  }, [point]);

  async function fork(): Promise<void> {
    if (!point || !target) return;
    setPending(true);
    setMessage(null);
    const result = await forkSharedSessionAction({ credential, checkpointId: point.checkpointId, targetProjectId: target }).catch(() => ({
      ok: false as const,
      message: "The server could not be reached; try again.",
    }));
    setPending(false);
    if (result.ok) router.push(result.url);
    else setMessage(result.message);
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby="fork-title"
      className="m-auto w-[28rem] max-w-[calc(100vw-2rem)] rounded-xl border border-border bg-surface p-5 text-fg shadow-2xl backdrop:bg-black/40"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {point && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void fork();
          }}
          className="flex flex-col gap-4"
        >
          <div>
            <h2 id="fork-title" className="text-base font-semibold">
              Fork {point.label}
            </h2>
            <p className="mt-1 text-sm text-muted">A new session in one of your projects, with its own sandbox from that point and the conversation up to it. This session is not changed.</p>
          </div>
          {targets.length === 0 ? (
            <p className="text-sm">You have no project to fork into yet; create one first.</p>
          ) : (
            <label className="flex flex-col gap-1 text-sm">
              <span className="font-medium">Into project</span>
              <select className={inputStyles} value={target} onChange={(event) => setTarget(event.target.value)}>
                {targets.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name} ({option.orgName})
                  </option>
                ))}
              </select>
            </label>
          )}
          {message && (
            <p role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
              {message}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonStyles.secondary} onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className={buttonStyles.primary} disabled={pending || targets.length === 0}>
              {pending ? "Forking…" : "Fork"}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
