// Draws the add-in's icons (assets/*.png) as real PNGs at every size Office asks for.
// Run once after changing a drawing: node scripts/make-icons.mjs. The PNGs are committed.
import { PNG } from "pngjs";
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const GREEN = [0x21, 0x73, 0x46];
const WHITE = [0xff, 0xff, 0xff];
const SAMPLES = 4; // per axis: 16 samples a pixel smooth the edges

/** Rounded square background; unit coordinates, y down. */
function roundedSquare(x, y, r = 0.18, m = 0.04) {
  const cx = Math.min(Math.max(x, m + r), 1 - m - r);
  const cy = Math.min(Math.max(y, m + r), 1 - m - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= m && x <= 1 - m && y >= m && y <= 1 - m;
}

/** Three rising bars on a baseline: a table of figures. */
function bars(x, y) {
  const base = 0.78;
  const cols = [[0.22, 0.58], [0.44, 0.4], [0.66, 0.22]];
  if (y > base - 0.01 && y < base + 0.05 && x > 0.16 && x < 0.84) return true;
  return cols.some(([left, top]) => x >= left && x <= left + 0.13 && y >= top && y <= base);
}

/** A circular arrow: a ring with a gap at the top right and an arrowhead at one end. */
function circularArrow(x, y) {
  const dx = x - 0.5;
  const dy = y - 0.52;
  const d = Math.hypot(dx, dy);
  const a = Math.atan2(dy, dx); // 0 = right, -π/2 = up
  const inGap = a > -Math.PI / 2 && a < -Math.PI / 8;
  if (d >= 0.19 && d <= 0.29 && !inGap) return true;
  // Arrowhead pointing up at the gap's left end (the top of the ring).
  const tipX = 0.62, tipY = 0.1, baseY = 0.36;
  if (y >= tipY && y <= baseY) {
    const half = ((y - tipY) / (baseY - tipY)) * 0.14;
    return Math.abs(x - tipX) <= half;
  }
  return false;
}

function draw(size, glyph) {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          if (roundedSquare(x, y)) {
            bg++;
            if (glyph(x, y)) fg++;
          }
        }
      }
      const n = SAMPLES * SAMPLES;
      const t = bg ? fg / bg : 0;
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) png.data[i + c] = Math.round(GREEN[c] * (1 - t) + WHITE[c] * t);
      png.data[i + 3] = Math.round((255 * bg) / n);
    }
  }
  return PNG.sync.write(png);
}

mkdirSync(path.join(root, "assets"), { recursive: true });
const made = [];
for (const size of [16, 32, 64, 80, 128]) made.push([`icon-${size}.png`, draw(size, bars)]);
for (const size of [16, 32, 80]) made.push([`refresh-${size}.png`, draw(size, circularArrow)]);
for (const [name, bytes] of made) writeFileSync(path.join(root, "assets", name), bytes);
console.log(`wrote ${made.map(([n]) => n).join(", ")} to assets/`);
