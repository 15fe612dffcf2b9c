"use client";
/**
 * The IDE's global shortcuts, taken in the capture phase so Ctrl/Cmd+S and P never reach the
 * browser (save page, print). Inside a terminal the keys belong to the shell (Ctrl+P is its
 * history), except saving (Ctrl+S would freeze the terminal with XOFF) and the panel keys.
 */
import { useEffect } from "react";
import { isMacPlatform, matchShortcut, type ShortcutId } from "@/lib/ide/shortcuts";
import type { Workbench } from "./model/workbench";

const TERMINAL_PASSTHROUGH = new Set<ShortcutId>(["save", "toggle-terminal", "new-terminal"]);

export function useShortcuts(workbench: Workbench): void {
  useEffect(() => {
    const mac = isMacPlatform();
    const onKeyDown = (event: KeyboardEvent) => {
      const id = matchShortcut(event, mac);
      if (!id) return;
      const inTerminal = event.target instanceof Element && Boolean(event.target.closest(".xterm"));
      if (inTerminal && !TERMINAL_PASSTHROUGH.has(id)) return;
      event.preventDefault();
      event.stopPropagation();
      const { editor, layout, terminals } = workbench;
      switch (id) {
        case "save": {
          const path = editor.activeFilePath();
          if (path) void editor.save(path);
          break;
        }
        case "quick-open":
          workbench.openQuickOpen();
          break;
        case "search":
          workbench.showSearch();
          break;
        case "close-tab": {
          const active = editor.state.get().active;
          if (active) void editor.close(active);
          break;
        }
        case "toggle-terminal":
          layout.set((state) => ({ ...state, terminalOpen: !state.terminalOpen }));
          break;
        case "new-terminal":
          layout.set((state) => ({ ...state, terminalOpen: true }));
          terminals.newTerminal();
          break;
      }
    };
    window.addEventListener("keydown", onKeyDown, true);
    return () => window.removeEventListener("keydown", onKeyDown, true);
  }, [workbench]);
}
