// Pages of positioned text → blocks in reading order: paragraphs (lines a layout broke joined
// back), headings and titles (lines that stand alone), and tables, each with its page. Page
// headers and footers (page numbers, a running title) are dropped. Pure: pdf.ts feeds it what
// pdf.js reports, tests feed it pages built by hand.
import config from "./layout.json" with { type: "json" };
import { fragmentsOf, groupLines, segmentsOf, type Line, type TextItem } from "./lines.js";
import { PATTERNS } from "./patterns.js";
import { continuesCell, gridsOf, gridTable, inGrid, isFigureCell, textTable, textTableRuns, type Rule, type Table } from "./tables.js";
import { emWidth, isCjkCode, joinRuns } from "./text.js";

/** Punctuation that may not start a line: a line breaks before the glyph in front of it. */
const NO_LINE_START = "，。、；：？！）》」』】〕”’…—%‰·,.;:?!)]";
/** Punctuation that may not end a line: it goes down with the glyph after it. */
const NO_LINE_END = "“‘（《「『【〔([";
const CLOSING = "”’）》」』】〕)]\"'";
const SENTENCE_END = "。！？；：…!?;:";

export type { TextItem } from "./lines.js";
export type { Rule } from "./tables.js";

export interface PageGeometry {
  width: number;
  height: number;
  items: TextItem[];
  rules?: Rule[];
}

export type LaidBlock = { type: "paragraph"; text: string; page: number } | { type: "table"; rows: string[][]; page: number };

type Element = { kind: "line"; line: Line; top: number } | { kind: "table"; table: Table; top: number };

interface PageLines {
  lines: Line[];
  tables: Table[];
  height: number;
}

/** Lines outside the page's ruled tables, and those tables. */
function readPage(page: PageGeometry): PageLines {
  const frags = fragmentsOf(page.items);
  const grids = gridsOf(page.rules ?? []);
  const tables: Table[] = [];
  let rest = frags;
  for (const g of grids) {
    const inside = rest.filter((f) => inGrid(g, f));
    if (inside.length === 0) continue;
    const t = gridTable(g, inside);
    if (!t) continue; // one column: a framed box of text, read as text
    tables.push(t);
    const taken = new Set(inside);
    rest = rest.filter((f) => !taken.has(f));
  }
  return { lines: groupLines(rest), tables, height: page.height };
}

const squeeze = (s: string) => s.split(" ").join("");

/**
 * Page headers and footers: the first and last lines of a page that, within the top or bottom
 * margin, are a page number, or recur at the same place on many pages (a running title; the
 * numbers in it may change).
 */
function dropMargins(pages: PageLines[]): void {
  const band = config.marginBand;
  // A candidate of several cells (a title left, a number right) may recur too, unless it heads
  // a table (a header row repeated on each page is not a page header).
  type Cand = { page: number; line: Line; key: string; cells: boolean };
  const cands: Cand[] = [];
  pages.forEach((p, n) => {
    const tableTop = Math.min(...p.tables.map((t) => t.top));
    const tableBottom = Math.max(...p.tables.map((t) => t.bottom));
    const heads = p.lines.slice(0, 2).filter((l) => l.bottom <= band * p.height && l.bottom <= tableTop);
    const feet = p.lines.slice(-2).filter((l) => l.top >= (1 - band) * p.height && l.top >= tableBottom);
    const key = (l: Line) => squeeze(l.text).replace(PATTERNS.digits, "#");
    for (const line of heads) {
      const next = p.lines[p.lines.indexOf(line) + 1];
      const segs = segmentsOf(line);
      cands.push({ page: n, line, key: key(line), cells: segs.length === 1 || (!segs.some((s) => isFigureCell(s.text)) && (!next || segmentsOf(next).length < 2)) });
    }
    for (const line of feet) cands.push({ page: n, line, key: key(line), cells: true });
  });
  const drop = new Set<Line>();
  for (const c of cands) if (PATTERNS.pageNumber.test(squeeze(c.line.text))) drop.add(c.line);
  const need = pages.length >= 3 ? Math.max(config.runningMinPages, Math.ceil(config.runningShare * pages.length)) : pages.length === 2 ? 2 : Infinity;
  const byKey = new Map<string, Cand[]>();
  for (const c of cands) if (!drop.has(c.line) && c.cells) byKey.set(c.key, [...(byKey.get(c.key) ?? []), c]);
  for (const group of byKey.values()) {
    for (const c of group) {
      const tol = config.runningYTolerance * pages[c.page]!.height;
      const near = group.filter((o) => Math.abs(o.line.y - c.line.y) <= tol && Math.abs(o.line.size - c.line.size) <= 0.15 * c.line.size);
      if (new Set(near.map((o) => o.page)).size >= need) drop.add(c.line);
    }
  }
  for (const p of pages) p.lines = p.lines.filter((l) => !drop.has(l));
}

/**
 * True when a page's text alone cannot be trusted to give its tables, so that the rules it
 * draws are worth reading: a run of table lines holds a line of one cell (a wrapped cell, or a
 * section row) or lines closer than their type is tall (cells centred against a taller one),
 * or its cells do not line up in columns.
 */
export function needsRules(items: readonly TextItem[]): boolean {
  const lines = groupLines(fragmentsOf(items));
  const inRuns = new Set<Line>();
  for (const [a, b] of textTableRuns(lines)) {
    const run = lines.slice(a, b + 1);
    run.forEach((l) => inRuns.add(l));
    if (run.some((l) => segmentsOf(l).length < 2)) return true;
    if (run.some((l, i) => i > 0 && l.y - run[i - 1]!.y < config.stagger * Math.min(l.size, run[i - 1]!.size))) return true;
    if (!textTable(run)) return true;
  }
  // Lines set closer than a line apart, side by side in a table (tall rows, centred cells).
  const staggered = lines.some((l, i) => {
    const prev = lines[i - 1];
    return prev !== undefined && l.y - prev.y < config.stagger * Math.min(l.size, prev.size) && segmentsOf(l).length + segmentsOf(prev).length >= 3;
  });
  // Two lines running, outside any table found, each with two gaps of a glyph or more: the
  // cells of a ruled table set close together.
  const gappy = (l: Line) => !inRuns.has(l) && l.frags.filter((f, i) => i > 0 && f.x0 - l.frags[i - 1]!.x1 >= config.closeCellGap * l.size).length >= 2;
  return staggered || lines.some((l, i) => i > 0 && gappy(l) && gappy(lines[i - 1]!));
}

/** A page's elements in reading order: its lines, with the runs that are tables made tables. */
function elementsOf(p: PageLines): Element[] {
  const out: Element[] = p.tables.map((table) => ({ kind: "table" as const, table, top: table.top }));
  const runs = textTableRuns(p.lines);
  let i = 0;
  for (const [a, b] of runs) {
    for (; i < a; i++) out.push({ kind: "line", line: p.lines[i]!, top: p.lines[i]!.top });
    const table = textTable(p.lines.slice(a, b + 1));
    if (table) out.push({ kind: "table", table, top: table.top });
    else for (let k = a; k <= b; k++) out.push({ kind: "line", line: p.lines[k]!, top: p.lines[k]!.top });
    i = b + 1;
  }
  for (; i < p.lines.length; i++) out.push({ kind: "line", line: p.lines[i]!, top: p.lines[i]!.top });
  return out.sort((a, b) => a.top - b.top);
}

function mode(values: number[], step: number): number | null {
  const counts = new Map<number, number>();
  for (const v of values) {
    const k = Math.round(v / step) * step;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best: number | null = null;
  let n = 0;
  for (const [k, c] of counts) if (c > n || (c === n && best !== null && k < best)) [best, n] = [k, c];
  return best;
}

function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** The body text's measures: its font size, left and right margins and line pitch. */
interface Body {
  size: number;
  left: number;
  right: number;
  pitch: number;
}

function bodyOf(pages: PageLines[]): Body {
  const lines = pages.flatMap((p) => p.lines);
  const size = mode(lines.flatMap((l) => Array.from({ length: Math.min(l.text.length, 50) }, () => l.size)), 0.5) ?? 12;
  const body = lines.filter((l) => Math.abs(l.size - size) <= 0.1 * size);
  // The left margin: the leftmost edge many lines share (not a first-line indent, not a stray line).
  const lefts = new Map<number, number>();
  for (const l of body) lefts.set(Math.round(l.x0), (lefts.get(Math.round(l.x0)) ?? 0) + 1);
  const many = Math.max(2, 0.1 * body.length);
  const shared = [...lefts].filter(([, n]) => n >= many).map(([x]) => x);
  const left = shared.length > 0 ? Math.min(...shared) : (mode(body.map((l) => l.x0), 1) ?? 0);
  const right = quantile(body.map((l) => l.x1), 0.9) ?? 0;
  const steps: number[] = [];
  for (const p of pages) {
    for (let i = 1; i < p.lines.length; i++) {
      const a = p.lines[i - 1]!;
      const b = p.lines[i]!;
      const dy = b.y - a.y;
      if (Math.abs(a.size - size) <= 0.1 * size && Math.abs(b.size - size) <= 0.1 * size && dy > 0.9 * size && dy < 3 * size) steps.push(dy);
    }
  }
  const pitch = mode(steps, 0.5) ?? config.defaultPitch * size;
  return { size, left, right, pitch };
}

/** A line that stands alone: a title or heading (larger type, centred, or a short numbered line). */
function standsAlone(l: Line, body: Body): boolean {
  if (l.size >= config.headingSize * body.size) return true;
  const before = l.x0 - body.left;
  const after = body.right - l.x1;
  if (before >= config.centeredMinIndent * l.size && after >= config.centeredMinIndent * l.size && Math.abs(before - after) <= config.centeredSlack * l.size) return true;
  return PATTERNS.enumeratedHeading.test(l.text) && !reachesRight(l, body);
}

/**
 * True when a line runs to the right margin: it ends within a glyph or so of it, or the first
 * word of the next line (a number, an English word, a glyph with the punctuation that may not
 * start a line) would not have fitted in what is left — a ragged right edge.
 */
function reachesRight(l: Line, body: Body, next?: Line): boolean {
  const room = body.right - l.x1;
  if (room <= config.fullLineSlack * l.size) return true;
  return next !== undefined && room <= firstWordWidth(next) + 0.5 * l.size;
}

/** Width of the line's first unbreakable run: an opening mark, a number or word (or one glyph), the marks that may not start a line. */
function firstWordWidth(l: Line): number {
  const glyphs: { ch: string; x1: number }[] = [];
  for (const f of l.frags) {
    const est = emWidth(f.str);
    let x = f.x0;
    for (const ch of f.str) {
      x += est > 0 ? ((f.x1 - f.x0) * emWidth(ch)) / est : 0;
      glyphs.push({ ch, x1: x });
    }
    if (glyphs.length > 40) break;
  }
  let n = 0;
  while (n < glyphs.length && NO_LINE_END.includes(glyphs[n]!.ch)) n++;
  if (n < glyphs.length && !isCjkCode(glyphs[n]!.ch.codePointAt(0)!)) while (n < glyphs.length && !isCjkCode(glyphs[n]!.ch.codePointAt(0)!)) n++;
  else n++;
  while (n < glyphs.length && NO_LINE_START.includes(glyphs[n]!.ch)) n++;
  const end = glyphs[Math.min(n, glyphs.length) - 1];
  return end ? end.x1 - l.x0 : 0;
}

/**
 * A prose paragraph (two lines or more, with a sentence in it) that stops mid-sentence, and
 * a next line that reads as its rest (not a numbered item; long, or ending a sentence): the
 * sentence was cut by a page, a figure or a stray paragraph mark, and goes on.
 */
function brokenSentence(a: Line, b: Line, body: Body, para: readonly Line[]): boolean {
  if (para.length < 2 || endsSentence(a) || PATTERNS.enumeratedHeading.test(b.text)) return false;
  if (!para.some((l) => PATTERNS.sentenceEnd.test(l.text))) return false;
  return reachesRight(b, body) || endsSentence(b) || b.x1 - body.left >= 0.5 * (body.right - body.left);
}

/** A line whose last glyph ends a sentence (or a clause that may end a paragraph). */
function endsSentence(l: Line): boolean {
  const chars = Array.from(l.text);
  let i = chars.length - 1;
  while (i > 0 && CLOSING.includes(chars[i]!)) i--;
  return SENTENCE_END.includes(chars[i] ?? "") || i < chars.length - 1;
}

function indented(l: Line, body: Body): boolean {
  return l.x0 - body.left >= config.indent * l.size;
}

/** True when line `b` carries on the sentence of line `a` (a above b, on one page or across a break). */
function continues(a: Line, b: Line, body: Body, samePage: boolean, para: readonly Line[]): boolean {
  if (indented(b, body) || standsAlone(a, body) || standsAlone(b, body)) return false;
  if (Math.abs(a.size - b.size) > 0.15 * a.size) return false;
  if (!reachesRight(a, body, b) && !brokenSentence(a, b, body, para)) return false;
  if (samePage) {
    if (b.y <= a.y) return false;
    // Space between paragraphs parts them, unless the line above stops mid-sentence.
    const pitch = body.pitch * (a.size / body.size);
    if (b.y - a.y > pitch + config.paragraphGap * a.size && (endsSentence(a) || b.y - a.y > config.tableMaxLineGap * pitch)) return false;
  }
  return true;
}

function small(l: Line, body: Body): boolean {
  return l.size < config.smallSize * body.size;
}

/** Column ranges of table `b` mapped onto those of table `a`, or null when they do not line up. */
function columnMap(a: Table, b: Table): number[] | null {
  const map: number[] = [];
  let last = -1;
  for (const col of b.columns) {
    let best = -1;
    let bestOverlap = 0;
    a.columns.forEach((c, i) => {
      const overlap = Math.min(c.x1, col.x1) - Math.max(c.x0, col.x0);
      if (overlap > bestOverlap) [best, bestOverlap] = [i, overlap];
    });
    if (best < 0) {
      // No overlap: the nearest column, when it is close.
      a.columns.forEach((c, i) => {
        const d = Math.min(Math.abs(c.x0 - col.x0), Math.abs(c.x1 - col.x1));
        if (d <= config.columnMatch * 4 && (best < 0 || d < bestOverlap)) [best, bestOverlap] = [i, d];
      });
    }
    if (best <= last) return null;
    map.push(best);
    last = best;
  }
  return map;
}

/** Lines of one short cell, within the table's width, that open a page before anything else. */
function leadingCellLines(els: readonly Element[], table: Table): Line[] {
  const left = table.columns[0]!.x0;
  const right = table.columns[table.columns.length - 1]!.x1;
  const out: Line[] = [];
  for (const e of els) {
    if (e.kind !== "line" || segmentsOf(e.line).length !== 1) break;
    const l = e.line;
    if (l.x1 - l.x0 > 0.6 * (right - left) || l.x0 < left - 2 * l.size || l.x1 > right + 2 * l.size) break;
    out.push(l);
  }
  return out;
}

/** The column of a table a line's text falls in: the one it overlaps most, else the nearest. */
function columnAt(table: Table, l: Line): number {
  let best = 0;
  let score = -Infinity;
  table.columns.forEach((c, i) => {
    const overlap = Math.min(c.x1, l.x1) - Math.max(c.x0, l.x0);
    const v = overlap > 0 ? overlap : -Math.min(Math.abs(c.x0 - l.x1), Math.abs(l.x0 - c.x1));
    if (v > score) [best, score] = [i, v];
  });
  return best;
}

/** Rows of table `b` laid out on the columns of table `a` that it continues. */
function onColumnsOf(a: Table, b: Table): Table | null {
  const map = columnMap(a, b);
  if (!map) return null;
  const width = a.columns.length;
  const rows = b.rows.map((r) => {
    const row = Array.from({ length: width }, () => "");
    r.forEach((c, i) => (row[map[i]!] = joinRuns(row[map[i]!]!, c)));
    return row;
  });
  return { ...b, rows, columns: a.columns };
}

/**
 * Blocks of a document in reading order, each with its 1-based page. A paragraph that runs
 * over a page break is one block on the page it starts on; a table continued on the next page
 * is laid out on the columns of its first part.
 */
export function layoutPages(pages: readonly PageGeometry[]): LaidBlock[] {
  const read = pages.map(readPage);
  dropMargins(read);
  const body = bodyOf(read);
  const elements = read.map((p) => elementsOf(p));
  const out: LaidBlock[] = [];
  let para: { lines: Line[]; page: number; lastPage: number } | null = null;
  // Footnotes at the foot of a page a paragraph runs off: they follow that paragraph.
  let notes: LaidBlock[] = [];
  let openTable: Table | null = null;
  const flush = () => {
    if (para) {
      let text = "";
      for (const l of para.lines) text = joinRuns(text, l.text);
      out.push({ type: "paragraph", text, page: para.page });
    }
    para = null;
    out.push(...notes);
    notes = [];
  };
  let openRows: string[][] | null = null;
  elements.forEach((all, n) => {
    const page = n + 1;
    // A row cut by the page break: the rest of its cells, alone at the top, then the table goes on.
    let els = all;
    if (openTable && openRows) {
      const row = openRows[openRows.length - 1]!;
      const cells = (l: Line) => openTable!.columns.map((_, c) => (c === columnAt(openTable!, l) ? l.text : ""));
      // The one-cell lines at the top: first the rest of the cut row, then perhaps section rows
      // of the table (二、创新发展) before its next row of figures.
      const lead = leadingCellLines(all, openTable);
      let cut = 0;
      while (cut < lead.length && continuesCell(cells(lead[cut]!), row)) cut++;
      const head = lead.slice(0, cut);
      const next = all[lead.length];
      if (head.length > 0 && next?.kind === "table" && columnMap(openTable, next.table) && row.some(isFigureCell)) {
        for (const l of head) {
          const c = columnAt(openTable, l);
          row[c] = joinRuns(row[c] ?? "", l.text);
        }
        els = all.slice(head.length);
      }
    }
    const lastMain = [...els].reverse().find((e) => e.kind === "table" || !small(e.line, body));
    els.forEach((e, i) => {
      if (e.kind === "table") {
        flush();
        const table: Table = (i === 0 && openTable && onColumnsOf(openTable, e.table)) || e.table;
        let rows = table.rows.map((r) => [...r]);
        // A ruled row cut by the page break: its first row here holds the rest of one cell.
        const above = openRows?.[openRows.length - 1];
        if (i === 0 && table !== e.table && above && rows[0] && above.some(isFigureCell) && continuesCell(rows[0], above)) {
          rows[0].forEach((c, k) => c && (above[k] = joinRuns(above[k]!, c)));
          rows = rows.slice(1);
        }
        out.push({ type: "table", rows, page });
        openTable = table;
        openRows = rows;
        return;
      }
      const line = e.line;
      const current = para as { lines: Line[]; page: number; lastPage: number } | null;
      const last = current?.lines[current.lines.length - 1];
      if (lastMain && e.top > lastMain.top && small(line, body)) {
        const note: LaidBlock = { type: "paragraph", text: line.text, page };
        if (openTable) return void out.push(note);
        if (current && last && !small(last, body) && reachesRight(last, body)) return void notes.push(note);
      }
      [openTable, openRows] = [null, null];
      if (current && last && continues(last, line, body, current.lastPage === page, current.lines)) {
        current.lines.push(line);
        current.lastPage = page;
      } else {
        flush();
        para = { lines: [line], page, lastPage: page };
      }
      if (standsAlone(line, body)) flush();
    });
    // Only a table that ends its page may go on at the top of the next.
    if (lastMain?.kind !== "table") [openTable, openRows] = [null, null];
  });
  flush();
  return out;
}
