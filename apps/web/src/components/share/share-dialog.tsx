"use client";
/**
 * "Share" in the IDE: create a read-only link to this session (members of the organization, or
 * anyone with the link), with an optional expiry; list the session's links, revoke or re-issue
 * them. A link's URL holds a token the server keeps only hashed, so it is shown once — right
 * after creating or re-issuing it.
 */
import { useEffect, useRef, useState } from "react";
import { buttonStyles, inputStyles } from "@/components/forms/styles";
import { copyText } from "@/components/ide/ui/clipboard";
import { SHARE_EXPIRY_LABELS, type ShareExpiry, type ShareSettings } from "@/lib/sharing/schemas";
import type { ShareLinkView, SharePanelData } from "@/lib/sharing/manage-shares";
import { createShareAction, loadSharePanelAction, reissueShareAction, revokeShareAction, type ActionResult } from "@/lib/sharing/share-actions";

const STATUS_TEXT: Record<ShareLinkView["status"], string> = {
  active: "Active",
  revoked: "Revoked",
  expired: "Expired",
  suspended: "Suspended (link sharing is off)",
};

export function ShareButton({ sessionId }: { sessionId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="rounded-md border border-border px-2 py-1 text-muted hover:text-fg" onClick={() => setOpen(true)}>
        Share
      </button>
      <ShareDialog sessionId={sessionId} open={open} onClose={() => setOpen(false)} />
    </>
  );
}

function ShareDialog({ sessionId, open, onClose }: { sessionId: string; open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [panel, setPanel] = useState<(SharePanelData & { memberUrl: string }) | null>(null);
  const [settings, setSettings] = useState<ShareSettings>({ visibility: "organization", expiry: "never" });
  const [fresh, setFresh] = useState<{ url: string; note: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function refresh(): Promise<void> {
    const result = await loadSharePanelAction(sessionId).catch(unreachable);
    if (result.ok) setPanel(result.data);
    else setError(result.message);
  }

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setFresh(null);
      setError(null);
      element.showModal();
      void refresh();
    }
    if (!open && element.open) element.close();
  }, [open]);

  async function run<T>(work: () => Promise<ActionResult<T>>, after: (data: T) => void): Promise<void> {
    setPending(true);
    setError(null);
    const result = await work().catch(unreachable);
    setPending(false);
    if (result.ok) after(result.data);
    else setError(result.message);
    await refresh();
  }

  const linkAllowed = panel?.linkSharesAllowed ?? false;
  return (
    <dialog
      ref={dialog}
      aria-labelledby="share-title"
      className="m-auto w-[34rem] max-w-[calc(100vw-2rem)] rounded-xl border border-border bg-surface p-5 text-sm text-fg shadow-2xl backdrop:bg-black/40"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="flex flex-col gap-4">
        <div>
          <h2 id="share-title" className="text-base font-semibold">
            Share this session
          </h2>
          <p className="mt-1 text-muted">A read-only view of the conversation — prompts, tool calls, outputs, diffs — that follows it live. Viewers never touch the sandbox; secrets are redacted.</p>
        </div>
        <form
          className="grid gap-2 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
          onSubmit={(event) => {
            event.preventDefault();
            void run(
              () => createShareAction(sessionId, settings),
              (data) => setFresh({ url: data.url, note: "New link created." }),
            );
          }}
        >
          <label className="flex flex-col gap-1">
            <span className="font-medium">Who can open it</span>
            <select className={inputStyles} value={settings.visibility} onChange={(event) => setSettings({ ...settings, visibility: event.target.value as ShareSettings["visibility"] })}>
              <option value="organization">Members of the organization</option>
              <option value="link" disabled={!linkAllowed}>
                Anyone with the link{linkAllowed ? "" : " (turned off)"}
              </option>
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-medium">Expiry</span>
            <select className={inputStyles} value={settings.expiry} onChange={(event) => setSettings({ ...settings, expiry: event.target.value as ShareExpiry })}>
              {(Object.keys(SHARE_EXPIRY_LABELS) as ShareExpiry[]).map((expiry) => (
                <option key={expiry} value={expiry}>
                  {SHARE_EXPIRY_LABELS[expiry]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className={buttonStyles.primary} disabled={pending}>
            Create link
          </button>
        </form>
        {panel && !linkAllowed && <p className="text-xs text-muted">Sharing with anyone by link is turned off for this organization; an owner or admin can allow it in the organization settings.</p>}
        {fresh && (
          <div className="flex flex-col gap-1 rounded-md border border-ok/40 bg-ok/10 p-2">
            <p>{fresh.note} Copy it now: it is shown only once (re-issue the link to get a new one).</p>
            <div className="flex gap-2">
              <input readOnly aria-label="Share link" className={`${inputStyles} font-mono text-xs`} value={fresh.url} onFocus={(event) => event.currentTarget.select()} />
              <button type="button" className={buttonStyles.secondary} onClick={() => void copyText(fresh.url)}>
                Copy
              </button>
            </div>
          </div>
        )}
        {error && (
          <p role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-danger">
            {error}
          </p>
        )}
        <section aria-label="Share links">
          <h3 className="mb-1 font-medium">Links of this session</h3>
          {!panel ? (
            <p className="text-muted">Loading…</p>
          ) : panel.links.length === 0 ? (
            <p className="text-muted">Not shared yet.</p>
          ) : (
            <ul className="divide-y divide-border rounded-md border border-border">
              {panel.links.map((link) => (
                <li key={link.id} className="flex flex-wrap items-center gap-2 px-2 py-1.5" data-testid="share-link-row" data-status={link.status}>
                  <span className="min-w-0 flex-1">
                    <span className="font-medium">{link.visibility === "link" ? "Anyone with the link" : link.visibility === "organization" ? "Organization" : "Revoked link"}</span>
                    <span className="ml-2 text-xs text-muted">
                      {STATUS_TEXT[link.status]} · {link.expiresAt ? `expires ${new Date(link.expiresAt).toLocaleString()}` : "no expiry"} · by {link.createdByName}
                    </span>
                  </span>
                  {link.canManage && (
                    <>
                      <button
                        type="button"
                        className="rounded-md border border-border px-2 py-0.5 text-xs hover:bg-canvas"
                        disabled={pending}
                        title="A new URL with the settings chosen above; the old one stops working"
                        onClick={() => void run(() => reissueShareAction(link.id, settings), (data) => setFresh({ url: data.url, note: "Link re-issued: the old URL no longer works." }))}
                      >
                        Re-issue
                      </button>
                      {link.status !== "revoked" && (
                        <button
                          type="button"
                          className="rounded-md border border-danger/60 px-2 py-0.5 text-xs text-danger hover:bg-danger/10"
                          disabled={pending}
                          onClick={() => void run(() => revokeShareAction(link.id), () => setFresh(null))}
                        >
                          Revoke
                        </button>
                      )}
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          {panel?.links.some((link) => link.status === "active") && (
            <p className="mt-2 text-xs text-muted">
              Members also find it on the organization&apos;s Team page, at <span className="font-mono">{panel.memberUrl}</span>.
            </p>
          )}
        </section>
        <div className="flex justify-end">
          <button type="button" className={buttonStyles.secondary} onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    </dialog>
  );
}

function unreachable(): { ok: false; message: string } {
  return { ok: false, message: "The server could not be reached; check your connection and try again." };
}
