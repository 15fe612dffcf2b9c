/**
 * The broker-side API of one sandbox's daemon: exec, terminals and files over its unix socket.
 * Every call opens its own connection, so calls never block one another.
 */
import { EventEmitter } from "node:events";
import { Duplex } from "node:stream";
import { SandboxError } from "../errors.js";
import type { DaemonRequest, DirEntry, ExecExit, FileChange, FileStat, ListeningProcess, SearchMatch, TerminalInfo } from "../wire/messages.js";
import { DaemonCall } from "./daemon-call.js";

export interface ExecOptions {
  /** argv, run directly; or `shell`, run with `bash -c`. */
  argv?: string[];
  shell?: string;
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Output beyond this many bytes (stdout + stderr) is dropped and `truncated` is set. */
  maxOutputBytes?: number;
  stdin?: Buffer | string;
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  /** Aborting kills the command and its process group. */
  signal?: AbortSignal;
}

export type ExecResult = Omit<ExecExit, "type"> & { stdout: string; stderr: string };

export interface SearchOptions {
  query: string;
  regex?: boolean;
  caseSensitive?: boolean;
  glob?: string;
  path?: string;
  maxResults?: number;
}

export class SandboxClient {
  constructor(readonly socketPath: string) {}

  private call(request: DaemonRequest): Promise<DaemonCall> {
    return DaemonCall.open(this.socketPath, request);
  }

  async hello(): Promise<{ version: number; pid: number; uptimeMs: number }> {
    const call = await this.call({ op: "hello" });
    try {
      const { version, pid, uptimeMs } = await call.expect("hello");
      return { version, pid, uptimeMs };
    } finally {
      call.close();
    }
  }

  async exec(options: ExecOptions): Promise<ExecResult> {
    if (!options.argv && !options.shell) throw new SandboxError("invalid_request", "exec needs argv or shell.");
    const call = await this.call({
      op: "exec",
      argv: options.argv,
      shell: options.argv ? undefined : options.shell,
      cwd: options.cwd,
      env: options.env,
      timeoutMs: options.timeoutMs,
      maxOutputBytes: options.maxOutputBytes,
      stdin: options.stdin !== undefined,
    });
    const abort = () => call.control({ type: "kill", signal: "SIGKILL" });
    options.signal?.addEventListener("abort", abort, { once: true });
    try {
      await call.expect("started");
      if (options.signal?.aborted) abort();
      if (options.stdin !== undefined) {
        await call.write(Buffer.from(options.stdin));
        call.control({ type: "stdin-end" });
      }
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      for (;;) {
        const frame = await call.next();
        if (!frame) throw new SandboxError("unavailable", "The sandbox stopped while the command was running.");
        if (frame.kind !== "json") {
          (frame.kind === "stdout" ? stdout : stderr).push(frame.data);
          (frame.kind === "stdout" ? options.onStdout : options.onStderr)?.(frame.data);
        } else if (frame.reply.type === "exit") {
          const { type: _type, ...exit } = frame.reply;
          return { ...exit, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") };
        }
      }
    } finally {
      options.signal?.removeEventListener("abort", abort);
      call.close();
    }
  }

  /** Opens a new terminal, or attaches to `id` if it exists (a new one with that id otherwise). */
  async openTerminal(options: { id?: string; cols: number; rows: number; argv?: string[]; cwd?: string; env?: Record<string, string> }): Promise<TerminalSession> {
    const call = await this.call({ op: "terminal-open", ...options });
    try {
      const { terminal, created } = await call.expect("terminal");
      const { bytes } = await call.expect("screen");
      const screen = (await call.readBytes(bytes)).toString("utf8");
      return new TerminalSession(call, terminal, created, screen);
    } catch (error) {
      call.close();
      throw error;
    }
  }

  async listTerminals(): Promise<TerminalInfo[]> {
    return (await this.simple({ op: "terminal-list" }, "terminals")).terminals;
  }

  async killTerminal(id: string): Promise<void> {
    await this.simple({ op: "terminal-kill", id }, "ok");
  }

  /** The terminal's current screen and scrollback, serialized as escape sequences. */
  async terminalScreen(id: string): Promise<string> {
    const call = await this.call({ op: "terminal-screen", id });
    try {
      const { bytes } = await call.expect("screen");
      return (await call.readBytes(bytes)).toString("utf8");
    } finally {
      call.close();
    }
  }

  async list(path: string): Promise<DirEntry[]> {
    return (await this.simple({ op: "fs-list", path }, "entries")).entries;
  }

  async stat(path: string): Promise<FileStat> {
    return (await this.simple({ op: "fs-stat", path }, "stat")).stat;
  }

  async readFile(path: string, options: { maxBytes?: number } = {}): Promise<{ stat: FileStat; content: Buffer }> {
    const call = await this.call({ op: "fs-read", path, maxBytes: options.maxBytes });
    try {
      const { stat } = await call.expect("file");
      const parts: Buffer[] = [];
      for (;;) {
        const frame = await call.next();
        if (!frame) throw new SandboxError("unavailable", "The sandbox closed the connection while sending the file.");
        if (frame.kind === "json") break;
        parts.push(frame.data);
      }
      return { stat, content: Buffer.concat(parts) };
    } finally {
      call.close();
    }
  }

  async writeFile(path: string, content: Buffer | string, options: { mkdirs?: boolean; expectedMtimeMs?: number } = {}): Promise<FileStat> {
    const data = Buffer.from(content);
    const call = await this.call({ op: "fs-write", path, size: data.length, ...options });
    try {
      if (data.length) await call.write(data);
      return (await call.expect("written")).stat;
    } finally {
      call.close();
    }
  }

  async mkdir(path: string, options: { recursive?: boolean } = {}): Promise<void> {
    await this.simple({ op: "fs-mkdir", path, recursive: options.recursive }, "ok");
  }

  async rename(from: string, to: string, options: { overwrite?: boolean } = {}): Promise<void> {
    await this.simple({ op: "fs-rename", from, to, overwrite: options.overwrite }, "ok");
  }

  async delete(path: string, options: { recursive?: boolean } = {}): Promise<void> {
    await this.simple({ op: "fs-delete", path, recursive: options.recursive }, "ok");
  }

  async search(options: SearchOptions): Promise<{ matches: SearchMatch[]; truncated: boolean }> {
    const { matches, truncated } = await this.simple({ op: "fs-search", ...options }, "matches");
    return { matches, truncated };
  }

  /** Calls `onChanges` with batches of changed paths until `close()`. */
  async watch(path: string | undefined, onChanges: (changes: FileChange[]) => void, onEnd?: (error?: Error) => void): Promise<{ close(): void }> {
    const call = await this.call({ op: "fs-watch", path });
    await call.expect("ok");
    void (async () => {
      try {
        for (let frame = await call.next(); frame; frame = await call.next()) {
          if (frame.kind === "json" && frame.reply.type === "changes") onChanges(frame.reply.changes);
        }
        onEnd?.();
      } catch (error) {
        onEnd?.(error as Error);
      }
    })();
    return { close: () => call.close() };
  }

  /**
   * A byte stream to 127.0.0.1:`port` inside the sandbox (tunnelled through the daemon), e.g. to
   * proxy an app preview. Fails with `not_found` when nothing listens there.
   */
  async connectTcp(port: number): Promise<Duplex> {
    const call = await this.call({ op: "tcp-connect", port });
    try {
      await call.expect("ok");
    } catch (error) {
      call.close();
      throw error;
    }
    let reading = false;
    const stream: Duplex = new Duplex({
      read() {
        if (reading) return;
        reading = true;
        void (async () => {
          try {
            for (;;) {
              const frame = await call.next();
              if (!frame) return void stream.push(null);
              if (frame.kind !== "json" && !stream.push(frame.data)) break;
            }
          } catch (error) {
            stream.destroy(error as Error);
          } finally {
            reading = false;
          }
        })();
      },
      write(chunk: Buffer, _encoding, callback) {
        call.write(chunk).then(() => callback(), callback);
      },
      final(callback) {
        call.close();
        callback();
      },
      destroy(error, callback) {
        call.close();
        callback(error);
      },
    });
    return stream;
  }

  /** Processes listening on TCP ports in the sandbox, with their command line, cwd and added env. */
  async listListeners(): Promise<ListeningProcess[]> {
    return (await this.simple({ op: "listeners-list" }, "listeners")).listeners;
  }

  /**
   * Starts `command` (run with `bash -c`) detached in its own session, outliving this call and
   * any client; its output is appended to /tmp/codeyard-process-<logName>.log in the sandbox.
   */
  async startProcess(options: { command: string; cwd: string; env?: Record<string, string>; logName: string }): Promise<{ pid: number; logPath: string }> {
    const { pid, logPath } = await this.simple({ op: "process-start", ...options }, "process-started");
    return { pid, logPath };
  }

  private async simple<T extends "terminals" | "ok" | "entries" | "stat" | "matches" | "listeners" | "process-started">(request: DaemonRequest, type: T) {
    const call = await this.call(request);
    try {
      return await call.expect(type);
    } finally {
      call.close();
    }
  }
}

/**
 * A client's view of one terminal: the screen at attach time, then live output as "data" events.
 * `pause()`/`resume()` push back on the PTY itself (never buffering without bound). Detaching
 * leaves the terminal running in the sandbox.
 */
export class TerminalSession extends EventEmitter<{ data: [Buffer]; exit: [number | null]; error: [Error] }> {
  private paused = false;
  private resumeWaiter: (() => void) | undefined;

  constructor(
    private readonly call: DaemonCall,
    readonly info: TerminalInfo,
    readonly created: boolean,
    readonly screen: string,
  ) {
    super();
    void this.pump();
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        if (this.paused) await new Promise<void>((resolve) => (this.resumeWaiter = resolve));
        const frame = await this.call.next();
        if (!frame) return void this.emit("exit", null);
        if (frame.kind !== "json") this.emit("data", frame.data);
        else if (frame.reply.type === "terminal-exit") return void this.emit("exit", frame.reply.exitCode);
      }
    } catch (error) {
      this.emit("error", error as Error);
    }
  }

  write(data: string | Buffer): Promise<void> {
    return this.call.write(Buffer.from(data));
  }

  resize(cols: number, rows: number): void {
    this.call.control({ type: "resize", cols, rows });
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.resumeWaiter?.();
    this.resumeWaiter = undefined;
  }

  /** Stops receiving output; the terminal keeps running in the sandbox. */
  detach(): void {
    this.call.close();
  }
}
