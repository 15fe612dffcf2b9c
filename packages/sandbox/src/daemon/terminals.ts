/**
 * Terminals that outlive their clients. Each runs in a PTY; its output feeds a headless xterm that
 * keeps the screen and scrollback, so a client that (re)attaches first receives the serialized
 * screen and then the live stream, with nothing lost or repeated in between.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { Writable } from "node:stream";
import type { SerializeAddon } from "@xterm/addon-serialize";
import type { Terminal as HeadlessTerminal } from "@xterm/headless";
import { FrameKind } from "../wire/frames.js";
import * as v from "valibot";
import { StreamControl, type TerminalInfo, type TerminalOpenRequest } from "../wire/messages.js";
import { DaemonError, type Connection } from "./connection.js";
import { killProcessGroup } from "./process-group.js";
import { PTY_HELPER_SOURCE } from "./pty-helper.js";
import { resolveCwd } from "./workspace-fs.js";

const MAX_TERMINALS = 32;
const SCROLLBACK_LINES = 5000;
/** An attached client that falls this far behind is dropped (it can reattach) instead of buffering. */
const MAX_CLIENT_BACKLOG_BYTES = 8 * 1024 * 1024;

/** xterm is loaded with the first terminal: an idle sandbox does not pay for it. */
async function loadXterm() {
  const [{ Terminal }, { SerializeAddon }] = await Promise.all([import("@xterm/headless"), import("@xterm/addon-serialize")]);
  return { Terminal, SerializeAddon };
}
type Xterm = Awaited<ReturnType<typeof loadXterm>>;

class Terminal {
  readonly screen: HeadlessTerminal;
  private readonly serializer: SerializeAddon;
  private readonly clients = new Set<Connection>();
  private readonly blockedBy = new Set<Connection>();
  exitCode: number | null = null;

  constructor(
    xterm: Xterm,
    readonly id: string,
    readonly argv: string[],
    readonly process: ChildProcess,
    public cols: number,
    public rows: number,
  ) {
    this.serializer = new xterm.SerializeAddon();
    this.screen = new xterm.Terminal({ cols, rows, scrollback: SCROLLBACK_LINES, allowProposedApi: true });
    this.screen.loadAddon(this.serializer);
    process.stdout?.on("data", (chunk: Buffer) => this.onOutput(chunk));
    process.stderr?.on("data", (chunk: Buffer) => this.onOutput(chunk));
  }

  info(): TerminalInfo {
    return { id: this.id, cols: this.cols, rows: this.rows, argv: this.argv, pid: this.process.pid ?? 0, exitCode: this.exitCode };
  }

  private onOutput(chunk: Buffer): void {
    this.screen.write(chunk);
    for (const client of this.clients) {
      if (client.socket.writableLength > MAX_CLIENT_BACKLOG_BYTES) {
        this.detach(client);
        client.fail("unavailable", "This terminal client fell too far behind and was detached; reattach to get the current screen.");
        continue;
      }
      if (!client.sendData(chunk, FrameKind.Data) && !this.blockedBy.has(client)) {
        this.blockedBy.add(client);
        this.process.stdout?.pause();
        client.socket.once("drain", () => this.unblock(client));
      }
    }
  }

  private unblock(client: Connection): void {
    this.blockedBy.delete(client);
    if (this.blockedBy.size === 0) this.process.stdout?.resume();
  }

  /** Serialized screen (with scrollback), after every byte received so far has been parsed. */
  async serialize(): Promise<string> {
    await new Promise<void>((resolve) => this.screen.write("", resolve));
    return this.serializer.serialize({ scrollback: SCROLLBACK_LINES });
  }

  async attach(client: Connection): Promise<void> {
    // Hold new output until the snapshot is taken, so the client sees each byte exactly once.
    this.process.stdout?.pause();
    try {
      const snapshot = Buffer.from(await this.serialize(), "utf8");
      client.send({ type: "screen", bytes: snapshot.length });
      client.sendData(snapshot, FrameKind.Data);
      if (this.exitCode !== null) {
        client.send({ type: "terminal-exit", exitCode: this.exitCode });
        client.end();
        return;
      }
      this.clients.add(client);
    } finally {
      if (this.blockedBy.size === 0) this.process.stdout?.resume();
    }
    client.onFrame((frame) => {
      if (frame.kind === FrameKind.Data) {
        this.process.stdin?.write(frame.data);
        return;
      }
      if (frame.kind !== FrameKind.Json) return;
      const control = v.safeParse(StreamControl, frame.json);
      if (control.success && control.output.type === "resize") this.resize(control.output.cols, control.output.rows);
      if (control.success && control.output.type === "kill") this.kill();
    });
    client.socket.once("close", () => this.detach(client));
  }

  detach(client: Connection): void {
    this.clients.delete(client);
    if (this.blockedBy.has(client)) this.unblock(client);
  }

  resize(cols: number, rows: number): void {
    this.cols = cols;
    this.rows = rows;
    this.screen.resize(cols, rows);
    (this.process.stdio[3] as Writable | null)?.write(`${rows} ${cols}\n`);
  }

  onExit(exitCode: number | null): void {
    this.exitCode = exitCode ?? 128;
    void this.screen.write("", () => {
      for (const client of this.clients) {
        client.send({ type: "terminal-exit", exitCode: this.exitCode });
        client.end();
      }
      this.clients.clear();
    });
  }

  kill(): void {
    if (this.process.pid && this.exitCode === null) killProcessGroup(this.process.pid, "SIGHUP");
  }
}

export class TerminalRegistry {
  private readonly terminals = new Map<string, Terminal>();

  list(): TerminalInfo[] {
    return [...this.terminals.values()].map((terminal) => terminal.info());
  }

  get(id: string): Terminal {
    const terminal = this.terminals.get(id);
    if (!terminal) throw new DaemonError("not_found", `There is no terminal "${id}" in this sandbox (it may have been closed).`);
    return terminal;
  }

  async open(conn: Connection, request: TerminalOpenRequest): Promise<void> {
    let terminal = request.id ? this.terminals.get(request.id) : undefined;
    const created = !terminal;
    if (!terminal) {
      if (this.terminals.size >= MAX_TERMINALS) throw new DaemonError("too_large", `A sandbox can have at most ${MAX_TERMINALS} terminals; close one first.`);
      terminal = await this.create(request);
    } else if (terminal.cols !== request.cols || terminal.rows !== request.rows) {
      terminal.resize(request.cols, request.rows);
    }
    conn.send({ type: "terminal", terminal: terminal.info(), created });
    await terminal.attach(conn);
  }

  private async create(request: TerminalOpenRequest): Promise<Terminal> {
    const id = request.id ?? `t${randomBytes(6).toString("hex")}`;
    const argv = request.argv ?? ["bash", "-l"];
    const xterm = await loadXterm();
    const child = spawn("python3", ["-c", PTY_HELPER_SOURCE, String(request.rows), String(request.cols), ...argv], {
      cwd: await resolveCwd(request.cwd),
      env: { ...process.env, TERM: "xterm-256color", COLORTERM: "truecolor", ...request.env },
      detached: true,
      stdio: ["pipe", "pipe", "pipe", "pipe"],
    });
    if (child.pid === undefined) throw new DaemonError("unavailable", "The terminal could not start (the sandbox may be at its process limit).");
    const terminal = new Terminal(xterm, id, argv, child, request.cols, request.rows);
    child.stdin?.on("error", () => undefined);
    child.once("close", (code) => terminal.onExit(code));
    this.terminals.set(id, terminal);
    return terminal;
  }

  kill(id: string): void {
    const terminal = this.get(id);
    terminal.kill();
    this.terminals.delete(id);
  }
}
