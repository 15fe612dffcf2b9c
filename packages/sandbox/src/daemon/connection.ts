/** One client connection to sandboxd: decodes frames, encodes replies, respects backpressure. */
import type { Socket } from "node:net";
import { encodeData, encodeJson, FrameDecoder, FrameKind, type Frame } from "../wire/frames.js";
import type { DaemonErrorCode, DaemonReply } from "../wire/messages.js";

export class Connection {
  private readonly decoder = new FrameDecoder();
  private frameListener: ((frame: Frame) => void) | undefined;
  private pending: Frame[] = [];
  closed = false;

  constructor(readonly socket: Socket) {
    socket.on("close", () => (this.closed = true));
    socket.on("error", () => (this.closed = true));
  }

  /** Feeds raw bytes; frames go to the listener, or are held until one is set. */
  feed(chunk: Buffer): void {
    for (const frame of this.decoder.push(chunk)) {
      if (this.frameListener && this.pending.length === 0) this.frameListener(frame);
      else this.pending.push(frame);
    }
  }

  /** Holds incoming frames until the next `onFrame`, e.g. while an operation is still starting. */
  holdFrames(): void {
    this.frameListener = undefined;
  }

  onFrame(listener: (frame: Frame) => void): void {
    this.frameListener = listener;
    // Stop as soon as a frame hands the stream to another listener (or holds it).
    while (this.pending.length && this.frameListener === listener) listener(this.pending.shift()!);
  }

  send(reply: DaemonReply): boolean {
    if (this.closed) return false;
    return this.socket.write(encodeJson(reply));
  }

  sendData(data: Buffer, kind: typeof FrameKind.Data | typeof FrameKind.Stderr = FrameKind.Data): boolean {
    if (this.closed) return false;
    let ok = true;
    for (const frame of encodeData(data, kind)) ok = this.socket.write(frame);
    return ok;
  }

  fail(code: DaemonErrorCode, message: string): void {
    this.send({ type: "error", code, message });
    this.end();
  }

  end(): void {
    if (!this.closed) this.socket.end();
  }
}

/** An error the daemon reports to the client with a code and a message a user can act on. */
export class DaemonError extends Error {
  constructor(
    readonly code: DaemonErrorCode,
    message: string,
  ) {
    super(message);
  }
}
