/** One request/stream on a fresh unix-socket connection to sandboxd. */
import { connect, type Socket } from "node:net";
import { SandboxError } from "../errors.js";
import { encodeData, encodeJson, FrameDecoder, FrameKind, type Frame } from "../wire/frames.js";
import * as v from "valibot";
import { DaemonReply, type DaemonRequest, type StreamControl } from "../wire/messages.js";

export type ReplyFrame = { kind: "json"; reply: DaemonReply } | { kind: "stdout" | "stderr"; data: Buffer };

export class DaemonCall {
  private readonly decoder = new FrameDecoder();
  private readonly queue: ReplyFrame[] = [];
  private waiter: { resolve: (frame: ReplyFrame | null) => void; reject: (error: Error) => void } | undefined;
  private failure: Error | undefined;
  private ended = false;
  private paused = false;
  /** Consumers read at their own pace; past this many queued frames the socket is paused. */
  private static readonly HIGH_WATER_FRAMES = 64;

  private constructor(private readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("end", () => this.finish());
    socket.on("close", () => this.finish());
    socket.on("error", (error) => this.fail(new SandboxError("unavailable", `The sandbox daemon connection failed: ${error.message}`, { cause: error })));
  }

  static open(socketPath: string, request: DaemonRequest, timeoutMs = 10_000): Promise<DaemonCall> {
    return new Promise((resolve, reject) => {
      const socket = connect(socketPath);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new SandboxError("unavailable", "The sandbox daemon did not accept the connection in time (is the sandbox paused or stopped?)."));
      }, timeoutMs);
      socket.once("connect", () => {
        clearTimeout(timer);
        socket.write(encodeJson(request));
        resolve(new DaemonCall(socket));
      });
      socket.once("error", (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new SandboxError("unavailable", `The sandbox daemon is not reachable (${error.code ?? error.message}); the sandbox may be stopped or still starting.`, { cause: error }));
      });
    });
  }

  private onData(chunk: Buffer): void {
    let frames: Frame[];
    try {
      frames = this.decoder.push(chunk);
    } catch (error) {
      this.fail(new SandboxError("internal", `The sandbox daemon sent an unreadable frame: ${(error as Error).message}`));
      this.socket.destroy();
      return;
    }
    for (const frame of frames) {
      if (frame.kind === FrameKind.Json) {
        const parsed = v.safeParse(DaemonReply, frame.json);
        if (!parsed.success) {
          this.fail(new SandboxError("internal", "The sandbox daemon sent a reply this broker does not understand (version mismatch?)."));
          this.socket.destroy();
          return;
        }
        this.push({ kind: "json", reply: parsed.output });
      } else {
        this.push({ kind: frame.kind === FrameKind.Stderr ? "stderr" : "stdout", data: frame.data });
      }
    }
    if (this.queue.length > DaemonCall.HIGH_WATER_FRAMES && !this.paused) {
      this.paused = true;
      this.socket.pause();
    }
  }

  private push(frame: ReplyFrame): void {
    if (this.waiter) {
      const { resolve } = this.waiter;
      this.waiter = undefined;
      resolve(frame);
    } else {
      this.queue.push(frame);
    }
  }

  private finish(): void {
    this.ended = true;
    if (this.waiter && this.queue.length === 0) {
      const { resolve } = this.waiter;
      this.waiter = undefined;
      resolve(null);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    if (this.waiter) {
      const { reject } = this.waiter;
      this.waiter = undefined;
      reject(error);
    }
  }

  /** The next frame, or null when the daemon closed the stream. Error replies throw. */
  async next(): Promise<ReplyFrame | null> {
    let frame = this.queue.shift();
    if (this.paused && this.queue.length < DaemonCall.HIGH_WATER_FRAMES / 2) {
      this.paused = false;
      this.socket.resume();
    }
    if (!frame) {
      if (this.failure) throw this.failure;
      if (this.ended) return null;
      frame = (await new Promise<ReplyFrame | null>((resolve, reject) => (this.waiter = { resolve, reject }))) ?? undefined;
      if (!frame) return null;
    }
    if (frame.kind === "json" && frame.reply.type === "error") throw new SandboxError(frame.reply.code, frame.reply.message);
    return frame;
  }

  /** The next JSON reply of the given type; anything else is a protocol error. */
  async expect<T extends DaemonReply["type"]>(type: T): Promise<Extract<DaemonReply, { type: T }>> {
    const frame = await this.next();
    if (!frame) throw new SandboxError("unavailable", `The sandbox daemon closed the connection before replying (expected ${type}).`);
    if (frame.kind !== "json" || frame.reply.type !== type) {
      throw new SandboxError("internal", `Unexpected reply from the sandbox daemon (expected ${type}).`);
    }
    return frame.reply as Extract<DaemonReply, { type: T }>;
  }

  /** Reads data frames until `bytes` have arrived. */
  async readBytes(bytes: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let total = 0;
    while (total < bytes) {
      const frame = await this.next();
      if (!frame || frame.kind === "json") throw new SandboxError("internal", "The sandbox daemon sent fewer bytes than announced.");
      parts.push(frame.data);
      total += frame.data.length;
    }
    return Buffer.concat(parts);
  }

  control(message: StreamControl): void {
    if (!this.socket.destroyed) this.socket.write(encodeJson(message));
  }

  /** Sends raw bytes (stdin, terminal input, file content); resolves when the socket can take more. */
  async write(data: Buffer): Promise<void> {
    for (const frame of encodeData(data)) {
      if (this.socket.destroyed) throw new SandboxError("unavailable", "The sandbox daemon connection is closed.");
      if (!this.socket.write(frame)) await new Promise((resolve) => this.socket.once("drain", resolve));
    }
  }

  close(): void {
    this.socket.destroy();
  }
}
