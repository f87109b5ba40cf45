// CSV files. Two kinds reach the kit: a whole report held in one cell (a scraped corpus: one
// row per report, its text in a quoted cell with line breaks), and a table of figures. The
// offsets of both index the decoded file, as they do for any plain-text format.
//
// The scanner is written here because it must give each cell's range in the file, which
// CSV libraries do not report; it follows RFC 4180 (quoted cells, "" for a quote, CRLF or LF).
import { cleanRange } from "../text/clean.js";
import type { TableRow } from "../text/blocks.js";
import type { Reading, Segment } from "./reading.js";

export interface CsvCell {
  /** The cell's content in the file, without its enclosing quotes. */
  start: number;
  end: number;
}

/** Rows of cells of a CSV text, from `from` (past a byte-order mark). */
export function scanCsv(text: string, delimiter = ",", from = 0): CsvCell[][] {
  const rows: CsvCell[][] = [];
  let row: CsvCell[] = [];
  let i = from;
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  while (i < n) {
    let cell: CsvCell;
    if (text.charCodeAt(i) === 34) {
      const start = i + 1;
      let j = start;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          j = n;
          break;
        }
        if (text.charCodeAt(q + 1) === 34) j = q + 2;
        else {
          j = q;
          break;
        }
      }
      cell = { start, end: j };
      i = Math.min(n, j + 1);
      // Anything between the closing quote and the delimiter belongs to the cell as written.
      while (i < n && text.charCodeAt(i) !== d && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else {
      const start = i;
      while (i < n && text.charCodeAt(i) !== d && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      cell = { start, end: i };
    }
    row.push(cell);
    if (i < n && text.charCodeAt(i) === d) {
      i++;
      if (i === n) row.push({ start: n, end: n });
      continue;
    }
    if (text.charCodeAt(i) === 13) i++;
    if (text.charCodeAt(i) === 10) i++;
    rows.push(row);
    row = [];
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/** A cell long enough to be a report rather than a figure or a label. */
const REPORT_CELL_CJK = 200;

function cjkIn(text: string, start: number, end: number, enough: number): number {
  let k = 0;
  for (let i = start; i < end && k < enough; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fa5) k++;
  }
  return k;
}

/**
 * Each row that holds a report is a document: its Chinese cells in column order (the title
 * column, then the text). A file with no such cell is one table of figures.
 */
export function readCsv(text: string, encoding: string): Reading {
  const from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const rows = scanCsv(text, ",", from);
  const documents: Segment[][] = [];
  for (const row of rows) {
    if (!row.some((c) => cjkIn(text, c.start, c.end, REPORT_CELL_CJK) >= REPORT_CELL_CJK)) continue;
    const segments: Segment[] = row
      .filter((c) => cjkIn(text, c.start, c.end, 2) >= 2)
      .map((c) => ({ kind: "text", start: c.start, end: c.end, layout: "plain" }));
    documents.push(segments);
  }
  if (documents.length === 0) {
    const table: TableRow[] = rows
      .filter((r) => r.some((c) => c.end > c.start))
      .map((r) => ({ start: r[0]!.start, end: r[r.length - 1]!.end, cells: r.map((c) => ({ text: cleanRange(text, c.start, c.end).text, start: c.start, end: c.end })) }));
    documents.push([{ kind: "table", rows: table }]);
  }
  return { text, format: "csv", encoding, documents, pageStarts: null, sources: [] };
}
