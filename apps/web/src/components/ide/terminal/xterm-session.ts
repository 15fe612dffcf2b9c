/**
 * One terminal tab's xterm.js view, attached to a terminal in the sandbox. Loaded on demand (xterm
 * is large). Flow control: every chunk of output is acknowledged (`terminal-ack`) only once xterm
 * has parsed it — the broker stops sending past 256 KiB unacknowledged, which pauses the PTY.
 * On (re)attach the broker sends the serialized screen first; output that arrives before it is
 * held back and written after it.
 */
import "@xterm/xterm/css/xterm.css";
import { MAX_TERMINAL_INPUT_BYTES } from "@codeyard/protocol";
import { FitAddon } from "@xterm/addon-fit";
import { WebglAddon } from "@xterm/addon-webgl";
import { Terminal, type ITheme } from "@xterm/xterm";
import { describeError } from "@/lib/broker/request-error";
import type { TerminalHandle, TerminalManager } from "../model/terminal-manager";
import { copyText } from "../ui/clipboard";

const ACK_BATCH_BYTES = 32 * 1024;
const ACK_DELAY_MS = 50;
const INPUT_CHUNK = Math.min(MAX_TERMINAL_INPUT_BYTES / 4, 16 * 1024);
const RESIZE_DELAY_MS = 60;
const MAX_PENDING_INPUT = 16 * 1024;

const DARK: ITheme = {
  background: "#0e0f12",
  foreground: "#e8e9ed",
  cursor: "#e8e9ed",
  selectionBackground: "#3a3f4b",
};
const LIGHT: ITheme = {
  background: "#ffffff",
  foreground: "#17181c",
  cursor: "#17181c",
  selectionBackground: "#c8d3f5",
};

export class XtermSession implements TerminalHandle {
  private readonly term: Terminal;
  private readonly fitAddon = new FitAddon();
  private readonly observer: ResizeObserver;
  private phase: "idle" | "attaching" | "live" | "exited" | "disposed" = "idle";
  private held: Uint8Array[] = [];
  /** Keys typed while (re)attaching, sent once the terminal is live again. */
  private pendingInput = "";
  private unacked = 0;
  private ackTimer: ReturnType<typeof setTimeout> | undefined;
  private resizeTimer: ReturnType<typeof setTimeout> | undefined;
  private attachGeneration = 0;
  private readonly cleanups: Array<() => void> = [];

  constructor(
    private readonly container: HTMLElement,
    private readonly manager: TerminalManager,
    readonly id: string,
  ) {
    const scheme = window.matchMedia("(prefers-color-scheme: dark)");
    this.term = new Terminal({
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
      fontSize: 13,
      scrollback: 5000,
      cursorBlink: true,
      allowProposedApi: false,
      theme: scheme.matches ? DARK : LIGHT,
    });
    // Follows the OS theme when it changes while the terminal is open.
    const onScheme = () => (this.term.options.theme = scheme.matches ? DARK : LIGHT);
    scheme.addEventListener("change", onScheme);
    this.term.loadAddon(this.fitAddon);
    this.term.open(container);
    this.loadRenderer();
    this.fitAddon.fit();
    this.term.attachCustomKeyEventHandler((event) => this.onKey(event));
    const input = this.term.onData((data) => this.send(data));
    const binary = this.term.onBinary((data) => this.send(data));
    const resize = this.term.onResize(({ cols, rows }) => {
      if (this.phase === "live") void this.request("terminal-resize", { cols, rows });
    });
    this.cleanups.push(
      () => scheme.removeEventListener("change", onScheme),
      () => input.dispose(),
      () => binary.dispose(),
      () => resize.dispose(),
    );
    this.observer = new ResizeObserver(() => {
      clearTimeout(this.resizeTimer);
      this.resizeTimer = setTimeout(() => this.fit(), RESIZE_DELAY_MS);
    });
    this.observer.observe(container);
  }

  /** WebGL when the browser has it; xterm's DOM renderer otherwise, and after a lost context. */
  private loadRenderer(): void {
    try {
      const webgl = new WebglAddon();
      webgl.onContextLoss(() => webgl.dispose());
      this.term.loadAddon(webgl);
    } catch {
      // No WebGL2 here: the DOM renderer stays.
    }
  }

  private request<
    N extends "terminal-input" | "terminal-resize" | "terminal-ack" | "terminal-detach",
  >(name: N, extra: Record<string, unknown>) {
    const payload = { sessionId: this.manager.sessionId, terminalId: this.id, ...extra };
    return this.manager.client.request(name, payload as never).catch((error: unknown) => {
      if (name === "terminal-input" && this.phase === "live")
        this.manager.setStatus(
          this.id,
          "error",
          describeError(error, "Typing into the terminal").message,
        );
    });
  }

  attach(): void {
    if (this.phase === "disposed") return;
    const generation = ++this.attachGeneration;
    this.phase = "attaching";
    this.held = [];
    this.unacked = 0;
    clearTimeout(this.ackTimer);
    this.manager.setStatus(this.id, "attaching");
    const { cols, rows } = this.size();
    this.manager.client
      .request("terminal-open", {
        sessionId: this.manager.sessionId,
        terminalId: this.id,
        cols,
        rows,
      })
      .then(({ terminal, screen }) => {
        if (generation !== this.attachGeneration) return;
        this.term.reset();
        if (terminal.cols !== this.term.cols || terminal.rows !== this.term.rows)
          this.term.resize(terminal.cols, terminal.rows);
        this.term.write(screen, () => {
          if (generation !== this.attachGeneration) return;
          if (terminal.exitCode !== null) return this.exited(terminal.exitCode);
          this.phase = "live";
          const held = this.held;
          this.held = [];
          const typed = this.pendingInput;
          this.pendingInput = "";
          for (const chunk of held) this.writeLive(chunk);
          this.manager.setStatus(this.id, "attached");
          this.fit();
          if (typed) this.send(typed);
        });
      })
      .catch((error: unknown) => {
        if (generation !== this.attachGeneration) return;
        this.phase = "idle";
        this.manager.setStatus(
          this.id,
          "error",
          describeError(error, "Opening the terminal").message,
        );
      });
  }

  receive(data: Uint8Array): void {
    if (this.phase === "attaching") this.held.push(data);
    else if (this.phase === "live") this.writeLive(data);
  }

  private writeLive(data: Uint8Array): void {
    this.term.write(data, () => this.acknowledge(data.length));
  }

  private acknowledge(bytes: number): void {
    if (this.phase !== "live") return;
    this.unacked += bytes;
    if (this.unacked >= ACK_BATCH_BYTES) return this.flushAck();
    this.ackTimer ??= setTimeout(() => this.flushAck(), ACK_DELAY_MS);
  }

  private flushAck(): void {
    clearTimeout(this.ackTimer);
    this.ackTimer = undefined;
    if (this.unacked === 0 || this.phase !== "live") return;
    const bytes = this.unacked;
    this.unacked = 0;
    void this.request("terminal-ack", { bytes });
  }

  private send(data: string): void {
    if (this.phase === "exited" || this.phase === "disposed") return;
    if (this.phase !== "live") {
      this.pendingInput = (this.pendingInput + data).slice(-MAX_PENDING_INPUT);
      return;
    }
    for (let i = 0; i < data.length; i += INPUT_CHUNK)
      void this.request("terminal-input", { data: data.slice(i, i + INPUT_CHUNK) });
  }

  exited(exitCode: number | null): void {
    if (this.phase === "disposed") return;
    this.phase = "exited";
    const how = exitCode === null ? "ended" : `exited with code ${exitCode}`;
    this.term.write(
      `\r\n\x1b[2m[The shell ${how}. Close this tab, or open a new terminal.]\x1b[0m\r\n`,
    );
    this.manager.setStatus(this.id, "exited");
  }

  detached(): void {
    if (this.phase !== "live" && this.phase !== "attaching") return;
    this.attachGeneration++;
    this.phase = "idle";
    this.manager.setStatus(this.id, "detached");
  }

  /**
   * Ctrl+Shift+C copies, Ctrl+Shift+V pastes (through the browser's paste event), and Ctrl+C
   * copies when text is selected — otherwise it reaches the shell as ^C.
   */
  private onKey(event: KeyboardEvent): boolean {
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    if (mod && event.shiftKey && key === "c") {
      if (event.type === "keydown") this.copySelection();
      event.preventDefault();
      return false;
    }
    if (mod && event.shiftKey && key === "v") return false;
    if (event.metaKey && !event.ctrlKey && (key === "c" || key === "v")) {
      if (key === "c" && event.type === "keydown") this.copySelection();
      return false;
    }
    if (
      event.ctrlKey &&
      !event.shiftKey &&
      !event.altKey &&
      key === "c" &&
      this.term.hasSelection()
    ) {
      if (event.type === "keydown") {
        this.copySelection();
        this.term.clearSelection();
      }
      event.preventDefault();
      return false;
    }
    return true;
  }

  private copySelection(): void {
    const text = this.term.getSelection();
    if (text) void copyText(text);
  }

  private size(): { cols: number; rows: number } {
    const proposed = this.container.offsetWidth > 0 ? this.fitAddon.proposeDimensions() : undefined;
    const cols = proposed && Number.isFinite(proposed.cols) ? proposed.cols : this.term.cols;
    const rows = proposed && Number.isFinite(proposed.rows) ? proposed.rows : this.term.rows;
    return { cols: Math.max(2, Math.min(1000, cols)), rows: Math.max(2, Math.min(500, rows)) };
  }

  /** Fits the terminal to its box (a hidden tab keeps its size until shown). */
  fit(): void {
    if (
      this.phase === "disposed" ||
      this.container.offsetWidth === 0 ||
      this.container.offsetHeight === 0
    )
      return;
    const { cols, rows } = this.size();
    if (cols !== this.term.cols || rows !== this.term.rows) this.term.resize(cols, rows);
  }

  focus(): void {
    this.fit();
    this.term.focus();
  }

  dispose(): void {
    if (this.phase === "disposed") return;
    const wasAttached = this.phase === "live";
    this.flushAck();
    this.phase = "disposed";
    this.attachGeneration++;
    clearTimeout(this.resizeTimer);
    this.observer.disconnect();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    if (wasAttached)
      void this.manager.client
        .request("terminal-detach", { sessionId: this.manager.sessionId, terminalId: this.id })
        .catch(() => undefined);
    this.term.dispose();
  }
}
