/**
 * Keyboard shortcuts of the IDE. Browsers keep Ctrl/Cmd+W, T and N for themselves, so tab and
 * terminal shortcuts avoid them; Ctrl/Cmd+P and S are taken from the browser (print, save page).
 */
export type ShortcutId =
  "save" | "quick-open" | "search" | "close-tab" | "toggle-terminal" | "new-terminal";

export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

interface Spec {
  /** Ctrl on Windows/Linux, Cmd on macOS. */
  mod?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  alt?: boolean;
  key?: string;
  code?: string;
}

const SHORTCUTS: Record<ShortcutId, Spec> = {
  save: { mod: true, key: "s" },
  "quick-open": { mod: true, key: "p" },
  search: { mod: true, shift: true, key: "f" },
  "close-tab": { alt: true, code: "KeyW" },
  "toggle-terminal": { ctrl: true, code: "Backquote" },
  "new-terminal": { ctrl: true, shift: true, code: "Backquote" },
};

export function matchShortcut(event: KeyLike, isMac: boolean): ShortcutId | null {
  for (const [id, spec] of Object.entries(SHORTCUTS) as [ShortcutId, Spec][])
    if (matches(event, spec, isMac)) return id;
  return null;
}

function matches(event: KeyLike, spec: Spec, isMac: boolean): boolean {
  const wantCtrl = Boolean(spec.ctrl || (spec.mod && !isMac));
  const wantMeta = Boolean(spec.mod && isMac);
  if (event.ctrlKey !== wantCtrl || event.metaKey !== wantMeta) return false;
  if (event.shiftKey !== Boolean(spec.shift) || event.altKey !== Boolean(spec.alt)) return false;
  if (spec.code) return event.code === spec.code;
  return event.key.toLowerCase() === spec.key;
}

/** How a shortcut is written for this platform, e.g. "Ctrl+Shift+F" or "⌘⇧F". */
export function shortcutLabel(id: ShortcutId, isMac: boolean): string {
  const spec = SHORTCUTS[id];
  const key =
    spec.code === "Backquote" ? "`" : spec.code === "KeyW" ? "W" : (spec.key ?? "").toUpperCase();
  if (isMac)
    return `${spec.ctrl ? "⌃" : ""}${spec.alt ? "⌥" : ""}${spec.shift ? "⇧" : ""}${spec.mod ? "⌘" : ""}${key}`;
  return [
    spec.ctrl || spec.mod ? "Ctrl" : "",
    spec.alt ? "Alt" : "",
    spec.shift ? "Shift" : "",
    key,
  ]
    .filter(Boolean)
    .join("+");
}

export function isMacPlatform(): boolean {
  return (
    typeof navigator !== "undefined" &&
    /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)
  );
}
