"use client";
/** The box one terminal tab draws in; xterm.js is loaded into it on first mount. */
import { useEffect, useRef } from "react";
import { useWorkbench } from "../workbench-context";

export function TerminalView({ id, visible }: { id: string; visible: boolean }) {
  const { terminals } = useWorkbench();
  const box = useRef<HTMLDivElement>(null);
  const session = useRef<{ fit(): void; focus(): void } | null>(null);

  useEffect(() => {
    let disposed = false;
    let cleanup = () => undefined as void;
    void import("./xterm-session").then(({ XtermSession }) => {
      if (disposed || !box.current) return;
      const xterm = new XtermSession(box.current, terminals, id);
      session.current = xterm;
      const unregister = terminals.register(id, xterm);
      cleanup = () => {
        unregister();
        xterm.dispose();
      };
    });
    return () => {
      disposed = true;
      session.current = null;
      cleanup();
    };
  }, [terminals, id]);

  useEffect(() => {
    if (visible) session.current?.focus();
  }, [visible]);

  return (
    <div
      ref={box}
      data-terminal-id={id}
      className={`absolute inset-0 py-1 pl-2 ${visible ? "" : "invisible"}`}
    />
  );
}
