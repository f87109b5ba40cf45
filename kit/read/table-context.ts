// Where a number sits in a table of the reading text: the row a mention comes from and the header
// row(s) above it, so a reader sees which figure is the 2023 actual and which the 2024 target.
// Pure and browser-safe (the task pane uses it). In the reading layout (reading.ts) a table row is
// one line with its cells separated by tabs, and a table ends at a line without one; a table that
// goes on after a page break repeats its header, and the nearest header above the row is its own.
import { PATTERNS } from "./patterns.js";

export interface TableContext {
  /** The header rows above the row, top first, each as its cells. */
  headers: string[][];
  /** Each column's label, the header rows read down (a merged upper cell spans the empty cells to its right). */
  columns: string[];
  /** The row's cells. */
  row: string[];
  /** Offset of the row's first character and of its end (before the line break). */
  start: number;
  end: number;
}

/** How far above the row a header is looked for. */
const MAX_ROWS_UP = 200;

const { FIGURE, YEAR, SPACED, THOUSANDS, NUMBER } = PATTERNS;

const isFigure = (cell: string) => FIGURE.test(cell.trim()) && !YEAR.test(cell.trim());
const nonEmpty = (cells: readonly string[]) => cells.filter((c) => c.trim() !== "").length;

/** A header row: several labels and not one figure among the cells after the first. */
function isHeader(cells: readonly string[]): boolean {
  return nonEmpty(cells) >= 2 && !cells.slice(1).some(isFigure);
}

function lineAt(text: string, offset: number): [number, number] {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  const nl = text.indexOf("\n", offset);
  let end = nl < 0 ? text.length : nl;
  if (end > start && text[end - 1] === "\r") end--;
  return [start, end];
}

const cellsOf = (line: string) => line.split("\t").map((c) => c.trim());

/** Column labels from header rows: an empty upper cell continues the label on its left when a lower row splits it. */
export function columnLabels(headers: readonly (readonly string[])[], width: number): string[] {
  const filled = headers.map((cells, r) => {
    const out: string[] = [];
    for (let c = 0; c < width; c++) {
      const own = (cells[c] ?? "").replace(SPACED, "");
      const below = headers.slice(r + 1).some((h) => (h[c] ?? "").trim() !== "");
      out.push(own === "" && c > 0 && below ? out[c - 1]! : own);
    }
    return out;
  });
  return Array.from({ length: width }, (_, c) => {
    const parts: string[] = [];
    for (const row of filled) if (row[c] && parts[parts.length - 1] !== row[c]) parts.push(row[c]!);
    return parts.join(" ");
  });
}

/**
 * The table row holding `offset` in the reading text and the headers above it; null when the
 * offset is not in a table row (prose).
 */
export function tableContext(text: string, offset: number): TableContext | null {
  if (offset < 0 || offset > text.length) return null;
  const [start, end] = lineAt(text, offset);
  const line = text.slice(start, end);
  if (!line.includes("\t")) return null;
  const row = cellsOf(line);
  const above: string[][] = [];
  let at = start;
  for (let n = 0; n < MAX_ROWS_UP && at > 0; n++) {
    const [s, e] = lineAt(text, at - 1);
    const l = text.slice(s, e);
    if (!l.includes("\t")) break;
    above.unshift(cellsOf(l));
    at = s;
  }
  // The nearest run of header rows above the row (section rows and data rows in between are passed).
  let last = -1;
  for (let i = above.length - 1; i >= 0; i--) {
    if (isHeader(above[i]!)) {
      last = i;
      break;
    }
  }
  let first = last;
  while (first > 0 && isHeader(above[first - 1]!)) first--;
  const headers = last < 0 ? [] : above.slice(first, last + 1);
  const width = Math.max(row.length, ...headers.map((h) => h.length));
  return { headers, columns: columnLabels(headers, width), row, start, end };
}

/** Columns of a row whose cell states `value` (245.24 in "245.24", "245.24以上", "+245.24%"). */
export function cellsHolding(row: readonly string[], value: number | null): number[] {
  if (value === null || !Number.isFinite(value)) return [];
  const out: number[] = [];
  row.forEach((cell, i) => {
    const nums = cell.replace(THOUSANDS, "").match(NUMBER) ?? [];
    if (nums.some((n) => Number(n.replace("−", "-")) === value)) out.push(i);
  });
  return out;
}
