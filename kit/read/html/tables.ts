// HTML tables: the grid of a table with its merged cells laid out (rowspan, colspan), and
// whether a table holds figures or only lays out a page (a column of prose, a frame).
import { isTag, type Element } from "domhandler";
import { collapseSpaces, isBlock, isUnseen, traverse, visibleChars } from "./page.js";

/** A cell of this many characters with Chinese sentence punctuation is prose, not a figure. */
const PROSE_CELL = 50;
/** A table whose prose cells hold this share of its text lays out an article. */
const PROSE_SHARE = 0.5;
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65534;

/** The rows of a table (through thead, tbody and tfoot, not nested tables), in document order. */
export function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.children) {
    if (!isTag(child) || isUnseen(child)) continue;
    if (child.name === "tr") rows.push(child);
    else if (child.name === "thead" || child.name === "tbody" || child.name === "tfoot") {
      for (const r of child.children) if (isTag(r) && r.name === "tr" && !isUnseen(r)) rows.push(r);
    }
  }
  return rows;
}

function cellsOf(row: Element): Element[] {
  return row.children.filter((c): c is Element => isTag(c) && (c.name === "td" || c.name === "th") && !isUnseen(c));
}

function span(value: string | undefined, max: number): number {
  const n = Number.parseInt(value ?? "", 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

/**
 * A cell's text on one line: its blocks and line breaks become spaces (or nothing between
 * two Chinese characters, as for a line break of the source).
 */
export function cellText(cell: Element): string {
  let raw = "";
  traverse(cell, {
    enter(el) {
      if (isUnseen(el)) return false;
      if (el.name === "br") {
        raw += "\n";
        return false;
      }
      if (isBlock(el)) raw += "\n";
      return true;
    },
    exit(el) {
      if (isBlock(el)) raw += "\n";
    },
    text(d) {
      raw += d;
    },
  });
  return collapseSpaces(raw);
}

export interface Grid {
  rows: string[][];
  /** Rows that are one cell across the whole table (a title above the figures, a note below). */
  across: boolean[];
  /** Visible characters in cells that read as prose, and in all cells. */
  proseChars: number;
  chars: number;
  columns: number;
}

/**
 * The table as a grid: a merged cell's text in its first (top-left) slot, the slots it covers
 * empty, as a spreadsheet saved as text has it. Rows keep their own length.
 */
export function tableGrid(table: Element): Grid {
  const trs = tableRows(table);
  const slots: (string | undefined)[][] = trs.map(() => []);
  const widths: { cells: number; first: number; span: number }[] = trs.map(() => ({ cells: 0, first: 0, span: 0 }));
  let proseChars = 0;
  let chars = 0;
  trs.forEach((tr, r) => {
    let c = 0;
    for (const cell of cellsOf(tr)) {
      const row = slots[r]!;
      while (row[c] !== undefined) c++;
      const cs = span(cell.attribs.colspan, MAX_COLSPAN);
      // rowspan="0" spans to the last row; no span reaches past it.
      const rsRaw = cell.attribs.rowspan?.trim();
      const rs = Math.min(rsRaw === "0" ? trs.length - r : span(rsRaw, MAX_ROWSPAN), trs.length - r);
      const text = cellText(cell);
      const n = visibleChars(text);
      chars += n;
      if (n >= PROSE_CELL && (text.includes("，") || text.includes("。"))) proseChars += n;
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) slots[r + dr]![c + dc] = dr === 0 && dc === 0 ? text : "";
      const w = widths[r]!;
      if (w.cells++ === 0) w.first = c;
      w.span += cs;
      c += cs;
    }
  });
  const rows = slots.map((row) => Array.from(row, (s) => s ?? ""));
  const columns = Math.max(0, ...rows.map((r) => r.length));
  const across = widths.map((w, r) => w.cells === 1 && w.first === 0 && w.span >= columns && rows[r]!.length === columns && columns > 1);
  return { rows, across, proseChars, chars, columns };
}

/** A table its author marked as layout only (role="presentation"). */
export function isPresentational(table: Element): boolean {
  const role = (table.attribs.role ?? "").toLowerCase();
  return role === "presentation" || role === "none";
}

/**
 * Whether a table without a table inside (and not presentational) holds figures, read as rows
 * of cells, rather than laying out a page: two rows and two columns at least, not mostly prose.
 */
export function holdsFigures(grid: Grid): boolean {
  if (grid.rows.length < 2 || grid.columns < 2) return false;
  return grid.proseChars < PROSE_SHARE * grid.chars;
}
