// Draws the app icons (a steaming bowl on the brand colour) into public/icons/ as PNG and SVG.
// Run once after changing the design: `npm run icons --workspace apps/customer`; the output is committed.
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { deflateSync } from 'node:zlib';

const OUT = join(import.meta.dirname, '..', 'public', 'icons');
const BRAND = [194, 65, 12];
const WHITE = [255, 255, 255];

/** @param {number} x @param {number} y @param {number} x0 @param {number} y0 @param {number} x1 @param {number} y1 @param {number} r */
function inRoundRect(x, y, x0, y0, x1, y1, r) {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** True where the bowl-and-steam glyph covers the point (unit square coordinates). */
function inGlyph(/** @type {number} */ x, /** @type {number} */ y) {
  const bowl = y >= 0.5 && (x - 0.5) ** 2 + (y - 0.5) ** 2 <= 0.3 ** 2;
  const rim = inRoundRect(x, y, 0.16, 0.46, 0.84, 0.53, 0.035);
  const foot = inRoundRect(x, y, 0.38, 0.76, 0.62, 0.83, 0.03);
  const steam = [0.38, 0.5, 0.62].some((cx) => inRoundRect(x, y, cx - 0.028, 0.2, cx + 0.028, 0.39, 0.028));
  return bowl || rim || foot || steam;
}

/** @param {number} size @param {boolean} maskable @returns {Buffer} RGBA pixels */
function draw(size, maskable) {
  const px = Buffer.alloc(size * size * 4);
  const ss = 4;
  // Maskable icons keep their content inside the central 80% safe zone.
  const scale = maskable ? 0.72 : 0.86;
  for (let py = 0; py < size; py++) {
    for (let pxi = 0; pxi < size; pxi++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = (pxi + (sx + 0.5) / ss) / size;
          const y = (py + (sy + 0.5) / ss) / size;
          const inBg = maskable || inRoundRect(x, y, 0, 0, 1, 1, 0.22);
          if (!inBg) continue;
          bg++;
          if (inGlyph((x - 0.5) / scale + 0.5, (y - 0.5) / scale + 0.5)) fg++;
        }
      }
      const n = ss * ss;
      const i = (py * size + pxi) * 4;
      const f = bg === 0 ? 0 : fg / bg;
      for (let c = 0; c < 3; c++) px[i + c] = Math.round((BRAND[c] ?? 0) * (1 - f) + (WHITE[c] ?? 0) * f);
      px[i + 3] = Math.round((255 * bg) / n);
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
/** @param {Buffer} buf */
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** @param {number} size @param {Buffer} rgba */
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
<rect width="100" height="100" rx="22" fill="rgb(${BRAND.join(',')})"/>
<g fill="#fff" transform="translate(50 50) scale(0.86) translate(-50 -50)">
<path d="M20 50 A30 30 0 0 0 80 50 Z"/>
<rect x="16" y="46" width="68" height="7" rx="3.5"/>
<rect x="38" y="76" width="24" height="7" rx="3"/>
<rect x="35.2" y="20" width="5.6" height="19" rx="2.8"/>
<rect x="47.2" y="20" width="5.6" height="19" rx="2.8"/>
<rect x="59.2" y="20" width="5.6" height="19" rx="2.8"/>
</g>
</svg>
`;

mkdirSync(OUT, { recursive: true });
for (const [name, size, maskable] of /** @type {const} */ ([
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-512.png', 512, true],
  ['apple-touch-icon.png', 180, true],
])) {
  writeFileSync(join(OUT, name), png(size, draw(size, maskable)));
}
writeFileSync(join(OUT, 'icon.svg'), SVG);
process.stdout.write(`icons written to ${OUT}\n`);
