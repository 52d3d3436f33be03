// Draws media/icon.png, the 128×128 product icon (a shield with a check mark), using only Node's
// built-ins: shapes are sampled 4×4 times per pixel for smooth edges and written as an RGBA PNG.
// Run: node scripts/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;

/** Half the shield's width at height y (pixels), or -1 above its top edge / below its tip. */
function shieldHalfWidth(y) {
  const top = 12;
  const shoulder = 64;
  const tip = 118;
  const maxHalf = 50;
  if (y < top || y > tip) return -1;
  if (y <= shoulder) return maxHalf;
  return maxHalf * Math.cos(((y - shoulder) / (tip - shoulder)) * (Math.PI / 2));
}

function insideShield(x, y, inset) {
  const dx = Math.abs(x - SIZE / 2);
  // The top edge dips towards the middle, like the crest of a heraldic shield.
  const topEdge = 12 + 7 * (1 - (dx / 50) ** 2) + inset;
  if (y < topEdge) return false;
  const half = shieldHalfWidth(y + inset * 0.6);
  return half >= 0 && dx <= half - inset;
}

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}

const check = [[40, 64], [57, 81], [89, 47]];
function onCheckMark(x, y) {
  return Math.min(distanceToSegment(x, y, check[0], check[1]), distanceToSegment(x, y, check[1], check[2])) <= 6;
}

/** The colour of one sample point, or undefined outside the shield. */
function sampleColour(x, y) {
  if (!insideShield(x, y, 0)) return undefined;
  if (!insideShield(x, y, 5)) return [120, 190, 255];
  if (onCheckMark(x, y)) return [255, 255, 255];
  // A vertical gradient from a brighter to a deeper blue gives the shield some depth.
  const t = y / SIZE;
  return [Math.round(32 - 12 * t), Math.round(92 - 42 * t), Math.round(168 - 80 * t)];
}

const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let py = 0; py < SIZE; py++) {
  rows[py * (SIZE * 4 + 1)] = 0; // PNG filter type "None" for every row.
  for (let px = 0; px < SIZE; px++) {
    let r = 0, g = 0, b = 0, covered = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const colour = sampleColour(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
        if (colour === undefined) continue;
        r += colour[0]; g += colour[1]; b += colour[2]; covered++;
      }
    }
    const offset = py * (SIZE * 4 + 1) + 1 + px * 4;
    if (covered > 0) {
      rows[offset] = Math.round(r / covered);
      rows[offset + 1] = Math.round(g / covered);
      rows[offset + 2] = Math.round(b / covered);
      rows[offset + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // colour type RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../media/icon.png', import.meta.url), png);
console.log(`media/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
