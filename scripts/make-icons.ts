/**
 * Draws Certbell's icons as PNGs into build/icons/ (no network, no image library): the 512 px app
 * icon electron-builder turns into .icns/.ico and Linux sizes, and the tray icons for the three
 * states (ok, attention, error) at 1x and 2x, and renderer/public/favicon.svg. Run: `node scripts/make-icons.ts`; commit the output.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];


function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) row.set(pixel(x, y), 1 + x * 4);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** Coverage of a bell in the unit square (anti-aliased by 4x4 supersampling). */
function bell(u: number, v: number): boolean {
  const dome = (u - 0.5) ** 2 / 0.05 + (v - 0.47) ** 2 / 0.07 <= 1 && v <= 0.66;
  const skirt = v > 0.6 && v <= 0.72 && Math.abs(u - 0.5) <= 0.2 + (v - 0.6) * 1.2;
  const clapper = (u - 0.5) ** 2 + (v - 0.79) ** 2 <= 0.06 ** 2;
  const knob = (u - 0.5) ** 2 + (v - 0.2) ** 2 <= 0.045 ** 2;
  return dome || skirt || clapper || knob;
}

function coverage(size: number, x: number, y: number, inside: (u: number, v: number) => boolean): number {
  let hits = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside((x + (i + 0.5) / 4) / size, (y + (j + 0.5) / 4) / size)) hits++;
  return hits / 16;
}

function roundedSquare(u: number, v: number): boolean {
  const r = 0.2;
  const dx = Math.max(Math.abs(u - 0.5) - (0.46 - r), 0);
  const dy = Math.max(Math.abs(v - 0.5) - (0.46 - r), 0);
  return dx * dx + dy * dy <= r * r;
}

function appIcon(size: number): Buffer {
  return png(size, (x, y) => {
    const b = coverage(size, x, y, bell);
    const bg = coverage(size, x, y, roundedSquare);
    if (bg === 0) return [0, 0, 0, 0];
    const mix = (a: number, c: number) => Math.round(a * (1 - b) + c * b);
    return [mix(31, 255), mix(94, 255), mix(168, 255), Math.round(255 * bg)];
  });
}

const STATE_COLOURS: Record<string, Rgba> = { ok: [46, 160, 67, 255], attention: [219, 140, 0, 255], error: [210, 43, 43, 255] };

/** The bell in the state's colour, with a dot for attention and error, readable on light and dark trays. */
function trayIcon(size: number, state: string): Buffer {
  const [r, g, b] = STATE_COLOURS[state];
  const dot = (u: number, v: number) => state !== 'ok' && (u - 0.8) ** 2 + (v - 0.22) ** 2 <= 0.16 ** 2;
  return png(size, (x, y) => {
    const shape = coverage(size, x, y, (u, v) => bell(u, v) || dot(u, v));
    return shape === 0 ? [0, 0, 0, 0] : [r, g, b, Math.round(255 * shape)];
  });
}

/**
 * The same icon as SVG for the web UI (favicon and the sidebar's logo): the rounded square and the
 * bell of appIcon() in a 100-unit box, so the browser tab, the sidebar and the desktop icon match.
 */
function appIconSvg(): string {
  const [r, g, b] = [31, 94, 168];
  // The dome is the ellipse of bell() cut at v = 0.66; the skirt widens from 0.2 to 0.344 between v 0.6 and 0.72.
  const dome = 'M34.44 66A22.36 26.46 0 1 1 65.56 66Z';
  const skirt = 'M30 60H70L84.4 72H15.6Z';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect x="4" y="4" width="92" height="92" rx="20" `
    + `fill="rgb(${r},${g},${b})"/><g fill="#fff"><path d="${dome}"/><path d="${skirt}"/><circle cx="50" cy="79" r="6"/>`
    + `<circle cx="50" cy="20" r="4.5"/></g></svg>\n`;
}

writeFileSync(new URL('../renderer/public/favicon.svg', import.meta.url), appIconSvg());

const out = new URL('../build/icons/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('icon.png', out), appIcon(512));
for (const state of Object.keys(STATE_COLOURS)) {
  writeFileSync(new URL(`tray-${state}.png`, out), trayIcon(22, state));
  writeFileSync(new URL(`tray-${state}@2x.png`, out), trayIcon(44, state));
}
console.log('wrote build/icons/icon.png, tray-{ok,attention,error}{,@2x}.png and renderer/public/favicon.svg');
