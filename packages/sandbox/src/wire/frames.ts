/**
 * Framing for the broker <-> sandboxd unix-socket protocol.
 * A frame is `[u32 big-endian payload length][u8 kind][payload]`: JSON control messages and raw
 * bytes (stdout, stderr, file content, terminal output) travel on one connection without base64.
 */
import { Buffer } from "node:buffer";

export const FrameKind = { Json: 0, Data: 1, Stderr: 2 } as const;
export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

/** Largest payload a single frame may carry; bigger data is split by the sender. */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;
const HEADER_BYTES = 5;

export type Frame =
  | { kind: typeof FrameKind.Json; json: unknown }
  | { kind: typeof FrameKind.Data | typeof FrameKind.Stderr; data: Buffer };

export class FrameError extends Error {}

export function encodeJson(value: unknown): Buffer {
  return encodeRaw(FrameKind.Json, Buffer.from(JSON.stringify(value), "utf8"));
}

export function encodeData(data: Buffer, kind: typeof FrameKind.Data | typeof FrameKind.Stderr = FrameKind.Data): Buffer[] {
  const frames: Buffer[] = [];
  for (let offset = 0; offset < data.length || (offset === 0 && data.length === 0); offset += MAX_FRAME_BYTES) {
    frames.push(encodeRaw(kind, data.subarray(offset, offset + MAX_FRAME_BYTES)));
    if (data.length === 0) break;
  }
  return frames;
}

function encodeRaw(kind: FrameKind, payload: Buffer): Buffer {
  if (payload.length > MAX_FRAME_BYTES) throw new FrameError(`frame of ${payload.length} bytes exceeds ${MAX_FRAME_BYTES}`);
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header.writeUInt32BE(payload.length, 0);
  header.writeUInt8(kind, 4);
  return Buffer.concat([header, payload]);
}

/** Incremental decoder: feed it socket chunks, get whole frames back. */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Buffer): Frame[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Frame[] = [];
    // While a large frame is still arriving, do not re-concatenate what is buffered on every chunk.
    const first = this.chunks[0]!;
    if (first.length >= HEADER_BYTES) {
      const length = first.readUInt32BE(0);
      if (length > MAX_FRAME_BYTES) throw new FrameError(`incoming frame of ${length} bytes exceeds ${MAX_FRAME_BYTES}`);
      if (this.buffered < HEADER_BYTES + length) return frames;
    }
    let buf = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    let offset = 0;
    while (buf.length - offset >= HEADER_BYTES) {
      const length = buf.readUInt32BE(offset);
      if (length > MAX_FRAME_BYTES) throw new FrameError(`incoming frame of ${length} bytes exceeds ${MAX_FRAME_BYTES}`);
      const kind = buf.readUInt8(offset + 4);
      if (buf.length - offset < HEADER_BYTES + length) break;
      const payload = buf.subarray(offset + HEADER_BYTES, offset + HEADER_BYTES + length);
      offset += HEADER_BYTES + length;
      if (kind === FrameKind.Json) {
        try {
          frames.push({ kind, json: JSON.parse(payload.toString("utf8")) });
        } catch {
          throw new FrameError("incoming JSON frame is not valid JSON");
        }
      } else if (kind === FrameKind.Data || kind === FrameKind.Stderr) {
        frames.push({ kind, data: Buffer.from(payload) });
      } else {
        throw new FrameError(`unknown frame kind ${kind}`);
      }
    }
    buf = buf.subarray(offset);
    this.chunks = buf.length ? [buf] : [];
    this.buffered = buf.length;
    return frames;
  }
}
