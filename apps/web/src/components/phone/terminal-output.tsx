"use client";
/**
 * The session's terminals, read-mostly: a terminal's screen and live output in a read-only
 * xterm (no keyboard capture on phones), plus a one-line command box. Output is acknowledged as
 * it is rendered, like the IDE's terminal (the broker pauses a terminal nobody reads).
 */
import "@xterm/xterm/css/xterm.css";
import type { Terminal } from "@xterm/xterm";
import { useEffect, useRef, useState } from "react";
import { describeError } from "@/lib/broker/request-error";
import type { TaskSessionView, TerminalSummary } from "@/lib/tasks/task-session";
import { useStore } from "../ide/model/use-store";

export function TerminalOutput({ view }: { view: TaskSessionView }) {
  const terminals = useStore(view.terminals);
  const [selected, setSelected] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const live = terminals?.filter((terminal) => terminal.exitCode === null) ?? [];
  const current = live.find((terminal) => terminal.id === selected) ?? live[0];

  const openNew = async () => {
    setOpening(true);
    setProblem(null);
    try {
      const { terminal } = await view.client.request("terminal-open", { sessionId: view.sessionId, cols: 80, rows: 24 });
      view.terminals.set((list) => [...(list ?? []), terminal]);
      setSelected(terminal.id);
    } catch (error) {
      setProblem(describeError(error, "Opening a terminal").message);
    } finally {
      setOpening(false);
    }
  };

  if (!terminals) return <p className="p-4 text-sm text-muted">Connecting to the sandbox…</p>;
  return (
    <div className="flex flex-col gap-2 p-3">
      <div className="flex items-center gap-2">
        {live.length > 1 ? (
          <select aria-label="Terminal" value={current?.id} onChange={(event) => setSelected(event.target.value)} className="min-w-0 flex-1 rounded-md border border-border bg-surface px-2 py-1.5 text-sm">
            {live.map((terminal, index) => (
              <option key={terminal.id} value={terminal.id}>
                Terminal {index + 1}
              </option>
            ))}
          </select>
        ) : (
          <span className="flex-1 text-sm text-muted">{live.length ? "Terminal 1" : "No terminal is open in this session."}</span>
        )}
        <button type="button" disabled={opening} onClick={() => void openNew()} className="rounded-md border border-border px-3 py-1.5 text-sm active:bg-canvas disabled:opacity-50">
          New terminal
        </button>
      </div>
      {problem && <p className="text-sm text-danger">{problem}</p>}
      {current && <TerminalScreen key={current.id} view={view} terminal={current} />}
    </div>
  );
}

function TerminalScreen({ view, terminal }: { view: TaskSessionView; terminal: TerminalSummary }) {
  const container = useRef<HTMLDivElement>(null);
  const [command, setCommand] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const { client, sessionId } = view;

  useEffect(() => {
    let disposed = false;
    let term: Terminal | undefined;
    let held: Uint8Array[] | null = [];
    const ack = (bytes: number) => void client.request("terminal-ack", { sessionId, terminalId: terminal.id, bytes }).catch(() => undefined);
    const write = (data: Uint8Array) => term?.write(data, () => ack(data.byteLength));
    const off = client.on("terminal-output", ({ sessionId: from, terminalId, data }) => {
      if (from !== sessionId || terminalId !== terminal.id) return;
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer);
      if (held) held.push(bytes);
      else write(bytes);
    });
    void (async () => {
      const { Terminal: XTerm } = await import("@xterm/xterm");
      if (disposed || !container.current) return;
      const dark = window.matchMedia("(prefers-color-scheme: dark)").matches;
      term = new XTerm({
        cols: terminal.cols,
        rows: Math.min(terminal.rows, 40),
        disableStdin: true,
        cursorBlink: false,
        fontSize: 11,
        scrollback: 3000,
        fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
        theme: dark ? { background: "#0e0f12", foreground: "#e8e9ed" } : { background: "#ffffff", foreground: "#17181c" },
      });
      term.open(container.current);
      try {
        const reply = await client.request("terminal-open", { sessionId, terminalId: terminal.id, cols: terminal.cols, rows: terminal.rows });
        if (disposed) return;
        term.write(reply.screen);
      } catch (error) {
        setProblem(describeError(error, "Attaching to the terminal").message);
      }
      for (const chunk of held ?? []) write(chunk);
      held = null;
    })();
    return () => {
      disposed = true;
      off();
      term?.dispose();
      void client.request("terminal-detach", { sessionId, terminalId: terminal.id }).catch(() => undefined);
    };
  }, [client, sessionId, terminal.id, terminal.cols, terminal.rows]);

  const run = async () => {
    const line = command.trim();
    if (!line) return;
    setProblem(null);
    try {
      await client.request("terminal-input", { sessionId, terminalId: terminal.id, data: `${line}\r` });
      setCommand("");
    } catch (error) {
      setProblem(describeError(error, "Sending the command").message);
    }
  };

  return (
    <>
      <div className="overflow-x-auto rounded-md border border-border" data-testid="terminal-output">
        <div ref={container} className="w-max p-1" />
      </div>
      {problem && <p className="text-sm text-danger">{problem}</p>}
      <form
        className="flex gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <input
          value={command}
          onChange={(event) => setCommand(event.target.value)}
          aria-label="Command to run in the terminal"
          placeholder="Run a command…"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          className="min-w-0 flex-1 rounded-md border border-border bg-canvas px-3 py-2 font-mono text-sm"
        />
        <button type="submit" disabled={!command.trim()} className="rounded-md border border-border px-3 py-2 text-sm disabled:opacity-50">
          Run
        </button>
      </form>
    </>
  );
}
