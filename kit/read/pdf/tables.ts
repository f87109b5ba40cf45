// Tables rebuilt from positions. Where the page draws rules (a grid, or the inner column rules
// of a three-line table) they give the columns and the row bands; elsewhere columns are the
// x-ranges the cells of several lines share. Within a band, text lines that each fill two or
// more columns are rows of their own; lines of one cell wrapped (or centred against a taller
// neighbour) are joined into the cell.
import config from "./layout.json" with { type: "json" };
import { groupLines, joinFrags, segmentsOf, type Frag, type Line, type Segment } from "./lines.js";
import { PATTERNS } from "./patterns.js";
import { joinRuns } from "./text.js";

/** A thin axis-aligned mark drawn on the page (a table rule, an underline), x0 ≤ x1, y0 ≤ y1. */
export interface Rule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Table {
  rows: string[][];
  top: number;
  bottom: number;
  /** The x-range each column's text covers, for matching a table continued on the next page. */
  columns: { x0: number; x1: number }[];
}

interface HLine {
  y: number;
  x0: number;
  x1: number;
}
interface VLine {
  x: number;
  y0: number;
  y1: number;
}

/** Collinear segments that touch or overlap, merged (a border drawn cell by cell, or twice). */
function mergeSegments<T extends { at: number; a: number; b: number }>(segs: T[]): { at: number; a: number; b: number }[] {
  const tol = config.ruleJoin;
  const sorted = [...segs].sort((p, q) => p.at - q.at || p.a - q.a);
  const out: { at: number; a: number; b: number }[] = [];
  for (const s of sorted) {
    const same = out.find((o) => Math.abs(o.at - s.at) <= tol && s.a <= o.b + tol && s.b >= o.a - tol);
    if (same) {
      same.a = Math.min(same.a, s.a);
      same.b = Math.max(same.b, s.b);
    } else out.push({ at: s.at, a: s.a, b: s.b });
  }
  return out;
}

function clusterValues(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  let group: number[] = [];
  for (const v of sorted) {
    if (group.length > 0 && v - group[group.length - 1]! > tol) {
      out.push(group.reduce((s, x) => s + x, 0) / group.length);
      group = [];
    }
    group.push(v);
  }
  if (group.length > 0) out.push(group.reduce((s, x) => s + x, 0) / group.length);
  return out;
}

export interface Grid {
  /** Column boundaries, left to right (the outer ones included). */
  xs: number[];
  /** Row-band boundaries, top to bottom. */
  ys: number[];
  h: HLine[];
  v: VLine[];
}

const covered = (spans: { a: number; b: number }[], a: number, b: number): number => {
  let n = 0;
  for (const s of spans) n += Math.max(0, Math.min(b, s.b) - Math.max(a, s.a));
  return b > a ? n / (b - a) : 0;
};

function vPresent(grid: Grid, k: number, r: number): boolean {
  if (k === 0 || k === grid.xs.length - 1) return true;
  const x = grid.xs[k]!;
  const spans = grid.v.filter((v) => Math.abs(v.x - x) <= config.ruleJoin).map((v) => ({ a: v.y0, b: v.y1 }));
  return covered(spans, grid.ys[r]!, grid.ys[r + 1]!) >= config.ruleCover;
}

function hPresent(grid: Grid, r: number, c: number): boolean {
  if (r === 0 || r === grid.ys.length - 1) return true;
  const y = grid.ys[r]!;
  const spans = grid.h.filter((h) => Math.abs(h.y - y) <= config.ruleJoin).map((h) => ({ a: h.x0, b: h.x1 }));
  return covered(spans, grid.xs[c]!, grid.xs[c + 1]!) >= config.ruleCover;
}

/**
 * Grids from a page's rules: horizontal rules joined by vertical ones. A grid needs two
 * horizontal rules and one vertical rule between them (three-line tables draw their column
 * rules, full grids all of them); its outer edges are the ends of its horizontal rules. Two
 * tables drawn one against the other are told apart by their columns.
 */
export function gridsOf(rules: readonly Rule[]): Grid[] {
  const thick = config.ruleThickness;
  const min = config.ruleMinLength;
  const hs = mergeSegments(rules.filter((r) => r.y1 - r.y0 <= thick && r.x1 - r.x0 >= min).map((r) => ({ at: (r.y0 + r.y1) / 2, a: r.x0, b: r.x1 }))).map(
    (s): HLine => ({ y: s.at, x0: s.a, x1: s.b }),
  );
  const vs = mergeSegments(rules.filter((r) => r.x1 - r.x0 <= thick && r.y1 - r.y0 >= min).map((r) => ({ at: (r.x0 + r.x1) / 2, a: r.y0, b: r.y1 }))).map(
    (s): VLine => ({ x: s.at, y0: s.a, y1: s.b }),
  );
  if (hs.length < 2 || vs.length === 0) return [];
  // Union-find over rules that touch.
  const parent = Array.from({ length: hs.length + vs.length }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const tol = config.ruleJoin;
  hs.forEach((h, i) =>
    vs.forEach((v, j) => {
      if (v.x >= h.x0 - tol && v.x <= h.x1 + tol && h.y >= v.y0 - tol && h.y <= v.y1 + tol) parent[find(i)] = find(hs.length + j);
    }),
  );
  const groups = new Map<number, { h: HLine[]; v: VLine[] }>();
  hs.forEach((h, i) => {
    const g = groups.get(find(i)) ?? { h: [], v: [] };
    g.h.push(h);
    groups.set(find(i), g);
  });
  vs.forEach((v, j) => {
    const g = groups.get(find(hs.length + j)) ?? { h: [], v: [] };
    g.v.push(v);
    groups.set(find(hs.length + j), g);
  });
  const grids: Grid[] = [];
  for (const { h, v } of groups.values()) {
    if (h.length < 2 || v.length === 0) continue;
    const left = Math.min(...h.map((l) => l.x0));
    const right = Math.max(...h.map((l) => l.x1));
    const xs = clusterValues([left, right, ...v.map((l) => l.x)], tol);
    const ys = clusterValues([...h.map((l) => l.y), Math.min(...v.map((l) => l.y0)), Math.max(...v.map((l) => l.y1))], tol);
    if (xs.length < 3 || ys.length < 2) continue;
    grids.push(...splitTouching({ xs, ys, h, v }));
  }
  return grids.sort((a, b) => a.ys[0]! - b.ys[0]!);
}

/** Bands whose column rules differ (neither set holds the other) belong to different tables. */
function splitTouching(grid: Grid): Grid[] {
  const bands = grid.ys.length - 1;
  const inner = (r: number) => new Set(grid.xs.map((_, k) => k).filter((k) => k > 0 && k < grid.xs.length - 1 && vPresent(grid, k, r)));
  const subset = (a: Set<number>, b: Set<number>) => [...a].every((k) => b.has(k));
  const parts: number[][] = [[0]];
  let prev = inner(0);
  for (let r = 1; r < bands; r++) {
    const cur = inner(r);
    if (cur.size > 0 && prev.size > 0 && !subset(cur, prev) && !subset(prev, cur)) parts.push([]);
    parts[parts.length - 1]!.push(r);
    if (cur.size > 0) prev = cur;
  }
  if (parts.length === 1) return [grid];
  return parts.map((rs) => {
    const ys = [...rs.map((r) => grid.ys[r]!), grid.ys[rs[rs.length - 1]! + 1]!];
    const keep = grid.xs.filter((_, k) => k === 0 || k === grid.xs.length - 1 || rs.some((r) => vPresent(grid, k, r)));
    const top = ys[0]! - config.ruleJoin;
    const bottom = ys[ys.length - 1]! + config.ruleJoin;
    return {
      xs: keep,
      ys,
      h: grid.h.filter((l) => l.y >= top && l.y <= bottom),
      v: grid.v.filter((l) => l.y1 >= top && l.y0 <= bottom).map((l) => ({ x: l.x, y0: Math.max(l.y0, top), y1: Math.min(l.y1, bottom) })),
    };
  });
}

const centerY = (f: Frag) => f.y - 0.3 * f.size;
const centerX = (f: Frag) => (f.x0 + f.x1) / 2;

function indexIn(bounds: readonly number[], v: number): number {
  let i = 0;
  while (i < bounds.length - 2 && v >= bounds[i + 1]!) i++;
  return i;
}

/** True when a fragment lies inside the grid. */
export function inGrid(grid: Grid, f: Frag): boolean {
  const tol = config.ruleJoin;
  const cx = centerX(f);
  const cy = centerY(f);
  return cx >= grid.xs[0]! - tol && cx <= grid.xs[grid.xs.length - 1]! + tol && cy >= grid.ys[0]! - tol && cy <= grid.ys[grid.ys.length - 1]! + tol;
}

/** One text line of a table band: the text of each column on it. */
interface CellLine {
  y: number;
  size: number;
  cells: string[];
}

function filled(l: CellLine): number {
  return l.cells.filter((c) => c.length > 0).length;
}

function appendCells(row: string[], line: CellLine): void {
  line.cells.forEach((c, i) => {
    if (c) row[i] = joinRuns(row[i] ?? "", c);
  });
}

/**
 * Rows of a band's text lines. When two or more lines each fill two columns or more, and the
 * lines are a line-pitch apart, every line is a row (a table without rules between its rows);
 * a line closer than that to the one above continues it. Otherwise the band is one row.
 */
function bandRows(lines: CellLine[], ncols: number, forceRows: boolean): string[][] {
  if (lines.length === 0) return [];
  const multi = lines.filter((l) => filled(l) >= 2).length;
  const close = (l: CellLine, prev: CellLine) => l.y - prev.y < config.stagger * Math.min(l.size, prev.size);
  const staggered = lines.some((l, i) => i > 0 && close(l, lines[i - 1]!));
  if (!forceRows && (multi < 2 || staggered)) {
    const row = Array.from({ length: ncols }, () => "");
    for (const l of lines) appendCells(row, l);
    return [row];
  }
  // Each line a row; a line closer to the one above than its type is tall goes on with that row,
  // and so does a header line whose every cell lies under a cell of the header line above it,
  // off the first column (比上年 / 增长（%）: a header wrapped in a narrow column).
  const rows: string[][] = [];
  let prev: CellLine | null = null;
  let figures = false;
  // The pitch of rows: lines that fill two cells or more, one after the other.
  const steps: number[] = [];
  for (let i = 1; i < lines.length; i++) if (filled(lines[i]!) >= 2 && filled(lines[i - 1]!) >= 2) steps.push(lines[i]!.y - lines[i - 1]!.y);
  // Rows are set a little further apart than the lines of one cell (padding, a rule): a line
  // closer than the closest rows is a cell's next line.
  const pitch = lowest(steps);
  for (const l of lines) {
    const last = rows[rows.length - 1];
    // A line of one cell set closer than the rows are, under a cell with text: that cell wrapped.
    const wrapped =
      last !== undefined &&
      prev !== null &&
      filled(l) === 1 &&
      continuesCell(l.cells, last) &&
      ((pitch !== null && l.y - prev.y < config.wrappedPitch * pitch) || readsOn(last, l.cells));
    const wrappedHeader =
      last !== undefined &&
      prev !== null &&
      !figures &&
      !l.cells[0] &&
      !l.cells.some(isFigure) &&
      l.y - prev.y <= config.wrappedHeaderGap * l.size &&
      l.cells.every((c, i) => !c || last[i]);
    if (last && prev && (close(l, prev) || wrappedHeader || wrapped)) appendCells(last, l);
    else {
      const row = Array.from({ length: ncols }, () => "");
      appendCells(row, l);
      rows.push(row);
    }
    figures ||= l.cells.some(isFigure);
    prev = l;
  }
  return rows;
}

/** A row of one cell, no figure and no section number, under a cell with text: that cell's next line. */
export function continuesCell(cells: readonly string[], above: readonly string[]): boolean {
  const filledCells = cells.filter((c) => c.length > 0);
  return filledCells.length === 1 && !filledCells.some((c) => isFigure(c) || PATTERNS.enumeratedHeading.test(c)) && cells.every((c, i) => !c || above[i]);
}

/**
 * True when a one-cell line reads as the rest of the cell above: the label above leaves a
 * bracket open, or the line brings the bracketed unit the label above lacks.
 */
export function readsOn(above: readonly string[], cells: readonly string[]): boolean {
  const c = cells.findIndex((x) => x.length > 0);
  const upper = above[c] ?? "";
  const text = cells[c] ?? "";
  if (!upper || !text) return false;
  return leavesBracketOpen(upper) || PATTERNS.startsBracket.test(text) || (PATTERNS.endsBracketGroup.test(text) && !PATTERNS.bracketGroup.test(upper));
}

/** A label whose last bracket is still open: 社会消费品零售总额（亿 — its cell goes on below. */
function leavesBracketOpen(s: string): boolean {
  return Math.max(s.lastIndexOf("（"), s.lastIndexOf("(")) > Math.max(s.lastIndexOf("）"), s.lastIndexOf(")"));
}

/** The low end of some distances (their 10th percentile), or null when there are none. */
function lowest(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(0.1 * (sorted.length - 1))]!;
}

/** A cell that is a figure: 386.42, -3.2, 1,234, 45.31%. */
export function isFigureCell(cell: string): boolean {
  return PATTERNS.figureCell.test(cell);
}
const isFigure = isFigureCell;

/** Cells of one line: fragments assigned to columns, each column's text joined. */
function cellLine(line: Line, ncols: number, column: (f: Frag) => number): CellLine {
  const parts: Frag[][] = Array.from({ length: ncols }, () => []);
  for (const f of line.frags) parts[column(f)]!.push(f);
  return { y: line.y, size: line.size, cells: parts.map((p) => joinFrags(p)) };
}

/** Columns with no text in any row are dropped; their x-ranges come from the text they hold. */
function finishTable(rows: string[][], spans: { x0: number; x1: number }[], top: number, bottom: number): Table | null {
  const rowsWithText = rows.filter((r) => r.some((c) => c.length > 0));
  const keep = spans.map((_, c) => rowsWithText.some((r) => (r[c] ?? "").length > 0));
  const out = rowsWithText.map((r) => r.filter((_, c) => keep[c]));
  const columns = spans.filter((_, c) => keep[c]);
  if (out.length === 0 || columns.length < 2) return null;
  return { rows: out, top, bottom, columns };
}

/** A grid's table: fragments placed in cells (a merged cell's text in its first row and column). */
export function gridTable(grid: Grid, frags: readonly Frag[]): Table | null {
  const ncols = grid.xs.length - 1;
  const bands = grid.ys.length - 1;
  const byBand: Frag[][] = Array.from({ length: bands }, () => []);
  const colOf = new Map<Frag, number>();
  const spans = Array.from({ length: ncols }, () => ({ x0: Infinity, x1: -Infinity }));
  for (const f of frags) {
    let c = indexIn(grid.xs, centerX(f));
    let r = indexIn(grid.ys, centerY(f));
    while (c > 0 && !vPresent(grid, c, r)) c--;
    while (r > 0 && !hPresent(grid, r, c)) r--;
    byBand[r]!.push(f);
    colOf.set(f, c);
    spans[c]!.x0 = Math.min(spans[c]!.x0, f.x0);
    spans[c]!.x1 = Math.max(spans[c]!.x1, f.x1);
  }
  const rows: string[][] = [];
  for (let r = 0; r < bands; r++) {
    const lines = groupLines(byBand[r]!).map((l) => cellLine(l, ncols, (f) => colOf.get(f) ?? 0));
    rows.push(...bandRows(lines, ncols, false));
  }
  return finishTable(rows, spans, grid.ys[0]!, grid.ys[grid.ys.length - 1]!);
}

/**
 * Columns of a run of lines without rules: the x-ranges covered by their cells, leaving out
 * cells that span two cells of another line (a header over a group of columns). Returns the
 * x-ranges of the columns.
 */
function textColumns(segs: Segment[][]): { a: number; b: number }[] | null {
  const spanning = (s: Segment, li: number) =>
    segs.some((other, lj) => lj !== li && other.length >= 2 && other.filter((o) => Math.min(o.x1, s.x1) - Math.max(o.x0, s.x0) > 0).length >= 2);
  const kept = segs.map((line, li) => (line.length >= 2 ? line.filter((s) => !spanning(s, li)) : []));
  const ranges = kept.flatMap((line, li) => line.map((s) => ({ a: s.x0, b: s.x1, line: li }))).sort((p, q) => p.a - q.a);
  let bands: { a: number; b: number; lines: Set<number> }[] = [];
  for (const r of ranges) {
    const last = bands[bands.length - 1];
    if (last && r.a <= last.b) {
      last.b = Math.max(last.b, r.b);
      last.lines.add(r.line);
    } else bands.push({ a: r.a, b: r.b, lines: new Set([r.line]) });
  }
  // A column only one line has text in, where others have many (a header centred over short
  // labels), is part of the column nearest to it.
  if (Math.max(...bands.map((b) => b.lines.size)) >= 3) {
    for (let i = 0; i < bands.length && bands.length > 2; ) {
      const b = bands[i]!;
      if (b.lines.size > 1) {
        i++;
        continue;
      }
      const left = bands[i - 1];
      const right = bands[i + 1];
      const into = !right || (left && b.a - left.b <= right.a - b.b) ? left! : right;
      into.a = Math.min(into.a, b.a);
      into.b = Math.max(into.b, b.b);
      for (const l of b.lines) into.lines.add(l);
      bands = bands.filter((x) => x !== b);
    }
  }
  const out = bands.flatMap((b) => splitAligned(b, segs.filter((line) => line.length >= 2)));
  return out.length < 2 ? null : out;
}

/**
 * A column split where many lines start a run at one x after a gap, and (almost) no run crosses it:
 * cells set close together, aligned left (a long label, then a figure, a little apart).
 */
function splitAligned(band: { a: number; b: number }, lines: Segment[][]): { a: number; b: number }[] {
  const frags = lines.map((line) => line.flatMap((s) => s.frags).filter((f) => f.x0 >= band.a - 0.5 && f.x1 <= band.b + 0.5)).filter((fs) => fs.length > 0);
  if (frags.length < 3) return [band];
  const starts: number[] = [];
  for (const fs of frags) for (let i = 1; i < fs.length; i++) if (fs[i]!.x0 - fs[i - 1]!.x1 >= config.alignedGap * fs[i]!.size) starts.push(fs[i]!.x0);
  const tol = config.alignTolerance;
  const cuts = clusterValues(starts, tol).filter((x) => {
    const at = frags.filter((fs) => fs.some((f, i) => i > 0 && Math.abs(f.x0 - x) <= tol && f.x0 - fs[i - 1]!.x1 >= config.alignedGap * f.size)).length;
    // (A header over two such columns may run across.)
    const crossed = frags.filter((fs) => fs.some((f) => f.x0 < x - tol && f.x1 > x + tol)).length;
    return at >= Math.max(3, config.alignedShare * frags.length) && crossed <= Math.floor(config.alignedCrossing * frags.length);
  });
  const out: { a: number; b: number }[] = [];
  let a = band.a;
  for (const x of cuts) {
    const left = frags.flatMap((fs) => fs.filter((f) => f.x1 <= x + tol)).map((f) => f.x1);
    out.push({ a, b: left.length > 0 ? Math.max(a, ...left) : a });
    a = x - tol;
  }
  out.push({ a, b: band.b });
  return out;
}

/**
 * A table from lines with no rules, or null when their cells do not line up in two columns at
 * least. Each cell goes to the column its left edge falls in.
 */
export function textTable(lines: Line[]): Table | null {
  const bands = textColumns(lines.map(segmentsOf));
  if (!bands) return null;
  const gutters = bands.slice(1).map((b, i) => ({ a: bands[i]!.b, b: b.a }));
  const ncols = bands.length;
  // The column a cell's left edge falls in; from a gutter, the next column it reaches, or the nearest.
  const columnOf = (seg: Segment) => {
    const inside = bands.findIndex((b) => seg.x0 >= b.a - 0.01 && seg.x0 <= b.b);
    if (inside >= 0) return inside;
    const reached = bands.findIndex((b) => b.a > seg.x0 && b.a < seg.x1);
    if (reached >= 0) return reached;
    let best = 0;
    bands.forEach((b, i) => {
      const d = (x: { a: number; b: number }) => Math.min(Math.abs(x.a - seg.x1), Math.abs(x.b - seg.x0));
      if (d(b) < d(bands[best]!)) best = i;
    });
    return best;
  };
  // Cells part at wide gaps, and at any gap a column boundary runs through (a header set close).
  const segs = lines.map((l) => segmentsOf(l).flatMap((s) => splitAt(s, gutters)));
  const spans = Array.from({ length: ncols }, () => ({ x0: Infinity, x1: -Infinity }));
  const cellLines: CellLine[] = segs.map((line, i) => {
    const cells = Array.from({ length: ncols }, () => "");
    for (const s of line) {
      const c = columnOf(s);
      cells[c] = joinRuns(cells[c]!, s.text);
      spans[c]!.x0 = Math.min(spans[c]!.x0, s.x0);
      spans[c]!.x1 = Math.max(spans[c]!.x1, s.x1);
    }
    return { y: lines[i]!.y, size: lines[i]!.size, cells };
  });
  return finishTable(bandRows(cellLines, ncols, true), spans, lines[0]!.top, lines[lines.length - 1]!.bottom);
}

/** A segment cut where a gap between its fragments runs into a gutter between columns. */
function splitAt(seg: Segment, gutters: readonly { a: number; b: number }[]): Segment[] {
  const out: Segment[] = [];
  let cur: Frag[] = [];
  for (const f of seg.frags) {
    const last = cur[cur.length - 1];
    if (last && gutters.some((g) => Math.min(g.b, f.x0) - Math.max(g.a, last.x1) >= Math.min(config.alignedGap * f.size, 0.8 * (g.b - g.a)) && f.x0 > last.x1)) {
      out.push(segmentOf(cur));
      cur = [];
    }
    cur.push(f);
  }
  if (cur.length > 0) out.push(segmentOf(cur));
  return out;
}

function segmentOf(frags: Frag[]): Segment {
  return { frags, x0: frags[0]!.x0, x1: Math.max(...frags.map((f) => f.x1)), text: joinFrags(frags) };
}

/** A one-cell line after a table's last line that reads as the rest of that line's first cell. */
function tailReadsOn(last: Line, l: Line): boolean {
  const first = segmentsOf(last)[0];
  return first !== undefined && l.x0 < first.x1 && readsOn([first.text], [l.text]);
}

/** The distance of the closest rows among lines i..end (lines of two cells or more, one after the other). */
function rowPitch(lines: Line[], i: number, end: number): number {
  const steps: number[] = [];
  for (let k = i + 1; k <= end; k++) if (segmentsOf(lines[k]!).length >= 2 && segmentsOf(lines[k - 1]!).length >= 2) steps.push(lines[k]!.y - lines[k - 1]!.y);
  return lowest(steps) ?? 0;
}

/**
 * Runs of lines that form tables without rules: two lines or more with cells apart by wide gaps,
 * and between them short one-cell lines, in the type of the rows and within the table's width,
 * that more rows follow (a section row; not a caption between two tables, not a paragraph).
 * Returns [first, last] index pairs into `lines`.
 */
export function textTableRuns(lines: Line[]): [number, number][] {
  const counts = lines.map((l) => segmentsOf(l).length);
  const runs: [number, number][] = [];
  let i = 0;
  while (i < lines.length) {
    if (counts[i]! < 2) {
      i++;
      continue;
    }
    let end = i;
    let multi = 1;
    let left = lines[i]!.x0;
    let right = lines[i]!.x1;
    const fits = (l: Line, rowSize: number) =>
      Math.abs(l.size - rowSize) <= 0.1 * rowSize && l.x1 - l.x0 <= 0.6 * (right - left) && l.x0 >= left - 2 * l.size && l.x1 <= right + 2 * l.size;
    let j = i + 1;
    while (j < lines.length) {
      const l = lines[j]!;
      if (l.top - lines[j - 1]!.bottom > config.tableMaxLineGap * l.size) break;
      if (counts[j]! >= 2) {
        end = j;
        multi++;
        left = Math.min(left, l.x0);
        right = Math.max(right, l.x1);
        j++;
        continue;
      }
      const rowSize = lines[j - 1]!.size;
      const next = counts[j + 1] ?? 0;
      const next2 = counts[j + 2] ?? 0;
      if (fits(l, rowSize) && (next >= 2 || (next2 >= 2 && fits(lines[j + 1]!, rowSize)))) {
        j++;
        continue;
      }
      // The last row's cell wrapped onto a line of its own, closer than rows are set.
      if (fits(l, rowSize) && j === end + 1 && multi >= 2 && (l.y - lines[end]!.y < config.wrappedPitch * rowPitch(lines, i, end) || tailReadsOn(lines[end]!, l))) end = j;
      break;
    }
    if (multi >= 2) runs.push([i, end]);
    i = end + 1;
  }
  return runs;
}
