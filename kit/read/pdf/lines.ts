// Positioned runs of text → fragments → lines. Pure geometry over what pdf.js reports (see
// pdf.ts), so that tests can build pages by hand. Coordinates are in points with y growing
// downwards (the page's top-left corner is 0, 0); `y` is a run's baseline.
import config from "./layout.json" with { type: "json" };
import { PATTERNS } from "./patterns.js";
import { emWidth, endsWide, isBlank, isSingleWide, isSpaceCode, joinRuns, startsWide } from "./text.js";

/** A run of text drawn on a page: its left edge, baseline, advance width and font size. */
export interface TextItem {
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
}

/** A run with no whitespace inside, and where it spans. */
export interface Frag {
  str: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

export interface Line {
  frags: Frag[];
  /** Baseline of the line's main text. */
  y: number;
  top: number;
  bottom: number;
  x0: number;
  x1: number;
  /** Font size of the line's main text. */
  size: number;
  text: string;
}

/** A stretch of a line between two gaps wide enough to part table cells. */
export interface Segment {
  frags: Frag[];
  x0: number;
  x1: number;
  text: string;
}

const top = (f: { y: number; size: number }) => f.y - 0.8 * f.size;
const bottom = (f: { y: number; size: number }) => f.y + 0.2 * f.size;

/** Glyphs drawn twice, one after the other ("综综合合"), as some PDF makers fake bold type. */
function undoubled(s: string, width: number, size: number): string {
  const chars = Array.from(s);
  if (chars.length < 2 || chars.length % 2 !== 0) return s;
  for (let i = 0; i < chars.length; i += 2) if (chars[i] !== chars[i + 1]) return s;
  const half = chars.filter((_, i) => i % 2 === 0).join("");
  const expected = emWidth(half) * size;
  // The run is only as wide as half its glyphs: each pair was drawn at one place.
  return width > 0.7 * expected && width < 1.35 * expected ? half : s;
}

/**
 * An item's runs between whitespace, each placed by estimating glyph widths (a wide glyph one
 * em, others half) and sharing what is left of the item's width among its spaces.
 */
function splitItem(item: TextItem): Frag[] {
  const { str, size } = item;
  const parts: { text: string; space: boolean }[] = [];
  let cur = "";
  let curSpace = false;
  for (const ch of str) {
    const space = isSpaceCode(ch.charCodeAt(0));
    if (cur.length > 0 && space !== curSpace) {
      parts.push({ text: cur, space: curSpace });
      cur = "";
    }
    cur += ch;
    curSpace = space;
  }
  if (cur.length > 0) parts.push({ text: cur, space: curSpace });
  const width = item.w > 0 ? item.w : emWidth(str.trim()) * size;
  if (parts.length === 1) {
    const text = undoubled(str, width, size);
    return [{ str: text, x0: item.x, x1: item.x + width, y: item.y, size }];
  }
  const glyphs = parts.reduce((n, p) => n + (p.space ? 0 : emWidth(p.text) * size), 0);
  const spaces = parts.reduce((n, p) => n + (p.space ? Array.from(p.text).length : 0), 0);
  let scale = 1;
  let perSpace = (width - glyphs) / spaces;
  if (perSpace < 0.2 * size) {
    // The glyphs are narrower than estimated (a proportional Latin font): shrink them to fit.
    perSpace = 0.25 * size;
    scale = Math.max(0.1, (width - perSpace * spaces) / Math.max(glyphs, 1e-6));
  }
  const out: Frag[] = [];
  let x = item.x;
  for (const p of parts) {
    const w = p.space ? perSpace * Array.from(p.text).length : emWidth(p.text) * size * scale;
    if (!p.space) out.push({ str: p.text, x0: x, x1: x + w, y: item.y, size });
    x += w;
  }
  return out;
}

/**
 * The fragments of a page: items split at whitespace, and a string drawn twice at (nearly) the
 * same place — fake bold — kept once.
 */
export function fragmentsOf(items: readonly TextItem[]): Frag[] {
  const out: Frag[] = [];
  const hidden = new Set<Frag>();
  // Fragments by baseline, in buckets of 4 points, to find those drawn at the same place.
  const near = new Map<number, Frag[]>();
  for (const item of items) {
    if (!(item.size > 0) || !Number.isFinite(item.x) || !Number.isFinite(item.y) || isBlank(item.str)) continue;
    for (const f of splitItem(item)) {
      const tol = config.fakeBoldTolerance * f.size;
      const bucket = Math.round(f.y / 4);
      const others = [...(near.get(bucket - 1) ?? []), ...(near.get(bucket) ?? []), ...(near.get(bucket + 1) ?? [])];
      let twice = false;
      for (const g of others) {
        if (hidden.has(g) || Math.abs(g.y - f.y) > 0.5 * Math.min(f.size, g.size)) continue;
        if (g.str === f.str && Math.abs(g.x0 - f.x0) <= tol && Math.abs(g.y - f.y) <= tol) twice = true;
        // Other text drawn over a run, starting where it starts, hides it (a figure corrected by
        // covering the old one and writing the new one on top).
        else if (g.str !== f.str && Math.abs(g.x0 - f.x0) <= config.coverStart * f.size && Math.min(g.x1, f.x1) - Math.max(g.x0, f.x0) >= config.cover * Math.min(g.x1 - g.x0, f.x1 - f.x0)) {
          if (!g.str.includes(f.str) && !f.str.includes(g.str)) hidden.add(g);
        }
      }
      if (twice) continue;
      const list = near.get(bucket);
      if (list) list.push(f);
      else near.set(bucket, [f]);
      out.push(f);
    }
  }
  return hidden.size > 0 ? out.filter((f) => !hidden.has(f)) : out;
}

interface Building {
  frags: Frag[];
  top: number;
  bottom: number;
  size: number;
}

/** The main font size of some fragments: the size most of their glyphs are set in. */
function mainSize(frags: readonly Frag[]): number {
  const weight = new Map<number, number>();
  for (const f of frags) {
    const k = Math.round(f.size * 4) / 4;
    weight.set(k, (weight.get(k) ?? 0) + f.str.length);
  }
  let best = frags[0]?.size ?? 0;
  let bestW = -1;
  for (const [k, w] of weight) if (w > bestW || (w === bestW && k > best)) [best, bestW] = [k, w];
  return best;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Joined text of fragments on one line, left to right: a space between two ASCII words set
 * apart, none between Chinese glyphs; digits spread over a justified line stay one number.
 */
export function joinFrags(frags: readonly Frag[]): string {
  let text = "";
  let prev: Frag | null = null;
  for (const f of frags) {
    const gap = prev ? f.x0 - prev.x1 : Infinity;
    const size = prev ? Math.min(f.size, prev.size) : f.size;
    // A number drawn glyph by glyph (a justified line's spacing) has single digits around its gaps.
    const digits = prev !== null && (prev.str.length === 1 || f.str.length === 1) && isDigit(prev.str.charCodeAt(prev.str.length - 1)) && isDigit(f.str.charCodeAt(0));
    text = joinRuns(text, f.str, gap > (digits ? config.digitGap : config.spaceGap) * size);
    prev = f;
  }
  return text;
}

function finishLine(b: Building): Line | null {
  const size = mainSize(b.frags);
  const main = b.frags.filter((f) => Math.abs(f.size - size) <= 0.05 * size);
  const ys = main.map((f) => f.y).sort((p, q) => p - q);
  const y = ys[ys.length >> 1] ?? b.frags[0]!.y;
  let frags = b.frags
    // A footnote marker set small and raised ([1], ①) is not part of the sentence.
    .filter((f) => !(f.size <= config.noteSize * size && f.y <= y - config.noteRaise * size && PATTERNS.noteMarker.test(f.str)))
    .sort((p, q) => p.x0 - q.x0);
  // Fake bold drawn with runs cut differently: a run lying over another that holds its text.
  const kept: Frag[] = [];
  for (const f of frags) {
    const last = kept[kept.length - 1];
    if (last) {
      const overlap = Math.min(last.x1, f.x1) - Math.max(last.x0, f.x0);
      if (overlap > 0.7 * Math.min(last.x1 - last.x0, f.x1 - f.x0)) {
        if (last.str.includes(f.str)) continue;
        if (f.str.includes(last.str)) {
          kept[kept.length - 1] = f;
          continue;
        }
      }
    }
    kept.push(f);
  }
  frags = kept;
  if (frags.length === 0) return null;
  return {
    frags,
    y,
    top: Math.min(...frags.map(top)),
    bottom: Math.max(...frags.map(bottom)),
    x0: Math.min(...frags.map((f) => f.x0)),
    x1: Math.max(...frags.map((f) => f.x1)),
    size,
    text: joinFrags(frags),
  };
}

/**
 * Fragments → lines: a fragment joins the line whose main text it overlaps vertically by half
 * its height or more (a raised footnote marker joins, the next line of a paragraph does not).
 */
export function groupLines(frags: readonly Frag[]): Line[] {
  const sorted = [...frags].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const open: Building[] = [];
  for (const f of sorted) {
    const t = top(f);
    const b = bottom(f);
    let best: Building | null = null;
    let bestOverlap = 0;
    for (let i = open.length - 1; i >= 0; i--) {
      const l = open[i]!;
      if (l.bottom < t - 4 * f.size) break;
      const overlap = Math.min(b, l.bottom) - Math.max(t, l.top);
      if (overlap >= config.lineOverlap * Math.min(b - t, l.bottom - l.top) && overlap > bestOverlap) {
        best = l;
        bestOverlap = overlap;
      }
    }
    if (best) {
      best.frags.push(f);
      if (f.size > best.size) [best.top, best.bottom, best.size] = [t, b, f.size];
    } else open.push({ frags: [f], top: t, bottom: b, size: f.size });
  }
  return open
    .map(finishLine)
    .filter((l): l is Line => l !== null)
    .sort((a, b) => a.y - b.y || a.x0 - b.x0);
}

/** A gap between two fragments wide enough to part table cells (not a letter-spaced word). */
function isCellGap(a: Frag, b: Frag, size: number): boolean {
  const gap = b.x0 - a.x1;
  if (gap < config.cellGap * size) return false;
  // 指    标, 水  产  品: a title spread over its cell one glyph at a time.
  const spread = (isSingleWide(a.str) && startsWide(b.str)) || (isSingleWide(b.str) && endsWide(a.str));
  return !(spread && gap <= config.letterSpacedGap * size);
}

export function segmentsOf(line: Line): Segment[] {
  const segs: Segment[] = [];
  let cur: Frag[] = [];
  for (const f of line.frags) {
    const last = cur[cur.length - 1];
    if (last && isCellGap(last, f, line.size)) {
      segs.push({ frags: cur, x0: cur[0]!.x0, x1: Math.max(...cur.map((g) => g.x1)), text: joinFrags(cur) });
      cur = [];
    }
    cur.push(f);
  }
  if (cur.length > 0) segs.push({ frags: cur, x0: cur[0]!.x0, x1: Math.max(...cur.map((g) => g.x1)), text: joinFrags(cur) });
  return segs;
}
