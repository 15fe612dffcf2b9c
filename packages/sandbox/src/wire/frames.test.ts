import { describe, expect, it } from "vitest";
import { encodeData, encodeJson, FrameDecoder, FrameError, FrameKind, MAX_FRAME_BYTES } from "./frames.js";

describe("frames", () => {
  it("round-trips JSON and binary frames split at arbitrary chunk boundaries", () => {
    const binary = Buffer.from([0, 1, 2, 255, 10, 13]);
    const wire = Buffer.concat([encodeJson({ op: "hello", n: 1 }), ...encodeData(binary), ...encodeData(Buffer.from("err"), FrameKind.Stderr)]);
    for (const step of [1, 2, 3, 7, wire.length]) {
      const decoder = new FrameDecoder();
      const frames = [];
      for (let offset = 0; offset < wire.length; offset += step) frames.push(...decoder.push(wire.subarray(offset, offset + step)));
      expect(frames).toEqual([
        { kind: FrameKind.Json, json: { op: "hello", n: 1 } },
        { kind: FrameKind.Data, data: binary },
        { kind: FrameKind.Stderr, data: Buffer.from("err") },
      ]);
    }
  });

  it("splits data larger than one frame and keeps every byte", () => {
    const big = Buffer.alloc(MAX_FRAME_BYTES * 2 + 5, 7);
    const frames = encodeData(big);
    expect(frames).toHaveLength(3);
    const decoded = new FrameDecoder().push(Buffer.concat(frames));
    expect(Buffer.concat(decoded.map((frame) => ("data" in frame ? frame.data : Buffer.alloc(0)))).equals(big)).toBe(true);
  });

  it("rejects oversized, unknown and non-JSON frames", () => {
    const oversized = Buffer.alloc(5);
    oversized.writeUInt32BE(MAX_FRAME_BYTES + 1, 0);
    expect(() => new FrameDecoder().push(oversized)).toThrow(FrameError);
    const unknown = Buffer.from([0, 0, 0, 1, 9, 65]);
    expect(() => new FrameDecoder().push(unknown)).toThrow(/unknown frame kind/);
    const badJson = Buffer.from([0, 0, 0, 1, 0, 123]);
    expect(() => new FrameDecoder().push(badJson)).toThrow(/not valid JSON/);
  });
});
