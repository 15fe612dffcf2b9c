// Draws the app icons of the installable phone app (public/icons/*.png) from the Codeyard mark
// (components/shell/logo.tsx): white strokes on the accent colour, with a margin that keeps the
// mark inside the safe zone of maskable icons. Run: node apps/web/scripts/make-app-icons.mjs
import { Buffer } from "node:buffer";
import { writeFileSync } from "node:fs";
import { URL } from "node:url";
import { deflateSync } from "node:zlib";

const BACKGROUND = [2, 132, 199]; // sky-600
// The mark's strokes in its 24×24 box (M8 5 3 12l5 7, m16 5 5 7-5 7, m13.5 4-3 16).
const SEGMENTS = [[8, 5, 3, 12], [3, 12, 8, 19], [16, 5, 21, 12], [21, 12, 16, 19], [13.5, 4, 10.5, 20]];
const STROKE = 2.2;

function distanceToSegment(px, py, [x1, y1, x2, y2]) {
  const dx = x2 - x1, dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function icon(size) {
  const scale = (size * 0.56) / 24; // the mark fills 56% of the icon
  const offset = (size - 24 * scale) / 2;
  const rows = [];
  const samples = 4;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      let covered = 0;
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++) {
          const mx = (x + (sx + 0.5) / samples - offset) / scale;
          const my = (y + (sy + 0.5) / samples - offset) / scale;
          if (SEGMENTS.some((segment) => distanceToSegment(mx, my, segment) <= STROKE / 2)) covered++;
        }
      const alpha = covered / samples ** 2;
      for (let c = 0; c < 3; c++) row[1 + x * 3 + c] = Math.round(BACKGROUND[c] * (1 - alpha) + 255 * alpha);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("IDAT", deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]);
}

for (const size of [192, 512]) writeFileSync(new URL(`../public/icons/icon-${size}.png`, import.meta.url), icon(size));
writeFileSync(new URL("../public/icons/apple-touch-icon.png", import.meta.url), icon(180));
