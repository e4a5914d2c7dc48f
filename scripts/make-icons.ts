/**
 * Writes the PWA icons (PNG) into public/icons from the gemeente's theme colour.
 *
 * Usage: `npx tsx scripts/make-icons.ts` (KERNPLEIN_CONFIG picks another gemeente file).
 * The mark is drawn in code, no binary downloads: a white house with a door, on a rounded
 * square of the theme colour (full bleed for the maskable and apple-touch variants, with
 * the mark inside the 80% safe zone). PNGs are encoded with node's zlib, 4x4 supersampled.
 */
import { deflateSync } from 'node:zlib';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseGemeenteConfig } from '../src/config/gemeente';

type Rgb = [number, number, number];

const configPath = resolve(process.env.KERNPLEIN_CONFIG ?? 'src/config/gemeenten/west-betuwe.json');
const config = parseGemeenteConfig(JSON.parse(readFileSync(configPath, 'utf8')));
const hex = config.app.themeColor;
const theme: Rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    raw.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Which colour a point (unit square coordinates) has, or null for transparent. */
function shade(x: number, y: number, fullBleed: boolean): Rgb | null {
  const inset = fullBleed ? 0 : 0.02;
  const r = fullBleed ? 0 : 0.2;
  const lo = inset + r;
  const hi = 1 - inset - r;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  if (x < inset || x > 1 - inset || y < inset || y > 1 - inset) return null;
  if (r > 0 && dx * dx + dy * dy > r * r) return null;
  // Mark scaled into the safe zone: maskable icons may be cut to a circle of 80%.
  const s = fullBleed ? 0.78 : 0.9;
  const u = (x - 0.5) / s + 0.5;
  const v = (y - 0.5) / s + 0.5;
  const white: Rgb = [255, 255, 255];
  const inRoof = v >= 0.2 && v <= 0.48 && Math.abs(u - 0.5) <= (v - 0.2) * (0.3 / 0.28) + 0.0;
  const inBody = u >= 0.28 && u <= 0.72 && v >= 0.46 && v <= 0.78;
  const inDoor = u >= 0.44 && u <= 0.56 && v >= 0.6 && v <= 0.78;
  const inGround = u >= 0.18 && u <= 0.82 && v >= 0.8 && v <= 0.84;
  if (inDoor) return theme;
  if (inRoof || inBody || inGround) return white;
  return theme;
}

function render(size: number, fullBleed: boolean): Buffer {
  const rgba = new Uint8Array(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++)
        for (let sx = 0; sx < n; sx++) {
          const c = shade((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size, fullBleed);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      const o = (py * size + px) * 4;
      if (a > 0) rgba.set([r / a, g / a, b / a, (255 * a) / (n * n)], o);
    }
  return png(size, rgba);
}

const out = resolve('public/icons');
mkdirSync(out, { recursive: true });
const icons: [string, number, boolean][] = [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-512.png', 512, true],
  ['apple-touch-icon.png', 180, true],
  ['favicon-32.png', 32, false],
];
for (const [name, size, fullBleed] of icons) {
  writeFileSync(resolve(out, name), render(size, fullBleed));
  console.log(`wrote public/icons/${name} (${size}x${size})`);
}
