// Writes the workbook to a stream, sheet after sheet, row after row: shaping comes from
// rows.ts, provenance.ts and compare.ts; this file only turns rows into styled cells.
import type { Writable } from "node:stream";
import { INDICATORS } from "../../kit/index.js";
import type { BatchResult, ExtractResult } from "../../kit/types.js";
import { sheetValue } from "../cell.js";
import { compareGrid, type CompareGrid } from "./compare.js";
import { cellWidth, displayWidth, fitWidth, literalsOf } from "./format.js";
import { layout, type Layout } from "./layout.js";
import { columnLetter, tableRange } from "./ooxml.js";
import { conflictLinks, mentionLinks, observationLinks, observationNotes, type Link, type Note } from "./provenance.js";
import { conflictRows, documentRows, isBatch, mentionRows, observationRows, type RowOut } from "./rows.js";
import { COMPARE_LEAD, COMPARE_SHEET, CONFLICTS, DOCUMENTS, MAX_SHEET_ROWS, MEASURES, MENTIONS, OBSERVATIONS, STYLE, type ColumnSpec, type TableSheetSpec } from "./spec.js";
import { StreamingWorkbook } from "./stream-sheet.js";
import { COMPARE_HEADER_STYLE, HEADER_STYLE, StyleCache, kindStyle } from "./styles.js";

/** Check for backpressure every this many rows: often enough to bound memory, rarely enough to cost nothing. */
const PACE_EVERY = 256;
const NOTE_AUTHOR = "Zhibiao";

interface TableSheet {
  spec: TableSheetSpec;
  count: number;
  rows: () => Iterable<RowOut>;
  links?: () => Iterable<Link>;
  notes?: () => Iterable<Note>;
}

/** The table sheets in workbook order (Compare goes after Documents). */
export function tableSheets(result: ExtractResult | BatchResult, l: Layout): TableSheet[] {
  return [
    { spec: OBSERVATIONS, count: l.observations.length, rows: () => observationRows(l), links: () => observationLinks(l), notes: () => observationNotes(l) },
    { spec: MENTIONS, count: l.mentions.length, rows: () => mentionRows(l), links: () => mentionLinks(l) },
    { spec: DOCUMENTS, count: result.documents.length + (isBatch(result) ? result.failures.length : 0), rows: () => documentRows(result) },
    { spec: CONFLICTS, count: l.conflicts.reduce((n, i) => n + l.mentionCount[i]!, 0), rows: () => conflictRows(l), links: () => conflictLinks(l) },
  ];
}

export async function writeXlsx(result: ExtractResult | BatchResult, out: Writable): Promise<void> {
  const l = layout(result);
  const sheets = tableSheets(result, l);
  for (const s of sheets) {
    if (s.count + 1 > MAX_SHEET_ROWS) throw new Error(`${s.count} rows do not fit in one Excel sheet (${s.spec.sheet}); the limit is ${MAX_SHEET_ROWS - 1}`);
  }
  const book = new StreamingWorkbook(out);
  const styles = new StyleCache();
  const [observations, mentions, documents, conflicts] = sheets as [TableSheet, TableSheet, TableSheet, TableSheet];
  await writeTableSheet(book, styles, observations);
  await writeTableSheet(book, styles, mentions);
  await writeTableSheet(book, styles, documents);
  await writeCompareSheet(book, styles, compareGrid(result, INDICATORS));
  await writeTableSheet(book, styles, conflicts);
  await book.commit();
}

/** Widths that fit each column's header and widest cell (every row is looked at: the data is in memory anyway). */
function tableWidths(columns: readonly ColumnSpec[], rows: Iterable<RowOut>): number[] {
  const widest = columns.map(() => 0);
  for (const r of rows) {
    r.values.forEach((v, i) => {
      const w = cellWidth(v);
      if (w > widest[i]!) widest[i] = w;
    });
  }
  return columns.map((c, i) => fitWidth(c.key, widest[i]!, c.maxWidth));
}

async function writeTableSheet(book: StreamingWorkbook, styles: StyleCache, t: TableSheet): Promise<void> {
  const { spec } = t;
  const sheet = book.addSheet(spec.sheet, { views: [{ state: "frozen", xSplit: 0, ySplit: 1, topLeftCell: "A2", activeCell: "A2" }] });
  const { ws } = sheet;
  const widths = tableWidths(spec.columns, t.rows());
  ws.columns = spec.columns.map((c, i) => ({ header: c.key, key: c.key, width: widths[i], style: kindStyle(c.kind) }));
  const header = ws.getRow(1);
  for (let c = 1; c <= spec.columns.length; c++) header.getCell(c).style = HEADER_STYLE;
  header.commit();

  const table = { name: spec.table, columns: spec.columns.map((c) => c.key), firstRow: 1, lastRow: 1 + t.count, style: STYLE.tableStyle };
  sheet.addTable(table);
  sheet.setTextNumbers(tableRange(table));
  if (t.links) sheet.setLinks(t.links);
  if (t.notes) sheet.setNotes(t.notes, t.count, STYLE.note, NOTE_AUTHOR, widths);

  const kinds = spec.columns.map((c) => c.kind);
  let n = 0;
  for (const row of t.rows()) {
    const r = ws.addRow(row.values.map(sheetValue));
    // Every cell gets a style, even an empty one: its font, and a value cell must exist to carry its note.
    kinds.forEach((kind, i) => (r.getCell(i + 1).style = styles.get(kind, row.formats[i], row.conflict)));
    r.commit();
    if (++n % PACE_EVERY === 0) await sheet.pace();
  }
  // The table's range was fixed before the rows were written.
  if (n !== t.count) throw new Error(`internal error: ${spec.sheet} has ${n} rows, its table ${t.count}`);
  sheet.commit();
}

/** Column widths for Compare: the widest cell with its unit, widened so each indicator's name fits over its measures. */
function compareWidths(grid: CompareGrid, labels: readonly string[]): number[] {
  const lead = COMPARE_LEAD.length;
  const widest = new Array<number>(lead + labels.length).fill(0);
  for (const r of grid.rows) {
    widest[0] = Math.max(widest[0]!, displayWidth(r.region));
    widest[1] = Math.max(widest[1]!, displayWidth(r.parentRegion ?? ""));
    r.cells.forEach((c, i) => {
      const w = cellWidth(c.value) + (c.numFmt ? displayWidth(literalsOf(c.numFmt)) : 0);
      widest[lead + i] = Math.max(widest[lead + i]!, w);
    });
  }
  const widths = widest.map((w, i) => fitWidth(i < lead ? COMPARE_LEAD[i]!.label : labels[i - lead]!, w, 30));
  let col = lead;
  for (const g of grid.groups) {
    const span = widths.slice(col, col + g.measures.length).reduce((a, b) => a + b, 0);
    const need = displayWidth(g.label) + 2;
    if (span < need) for (let i = col; i < col + g.measures.length; i++) widths[i] = Math.ceil((widths[i]! * need) / span);
    col += g.measures.length;
  }
  return widths;
}

/**
 * Compare: row 1 names each indicator over its measures (merged), row 2 names the measures and
 * carries the filter buttons, one row per region below. A plain range, not a table: a table's
 * header is a single row.
 */
async function writeCompareSheet(book: StreamingWorkbook, styles: StyleCache, grid: CompareGrid): Promise<void> {
  const lead = COMPARE_LEAD.length;
  const sheet = book.addSheet(COMPARE_SHEET, { views: [{ state: "frozen", xSplit: lead, ySplit: 2, topLeftCell: `${columnLetter(lead + 1)}3`, activeCell: "A3" }] });
  const { ws } = sheet;
  const measures = new Map(MEASURES.map((m) => [m.key, m]));
  const kinds = grid.groups.flatMap((g) => g.measures.map((m) => measures.get(m)!.kind));
  const labels = grid.groups.flatMap((g) => g.measures.map((m) => measures.get(m)!.label));
  const total = lead + labels.length;
  ws.columns = compareWidths(grid, labels).map((width) => ({ width, style: kindStyle("text") }));

  const top = ws.getRow(1);
  const second = ws.getRow(2);
  COMPARE_LEAD.forEach((c, i) => (second.getCell(i + 1).value = sheetValue(c.label)));
  let col = lead + 1;
  for (const g of grid.groups) {
    top.getCell(col).value = sheetValue(g.label);
    if (g.measures.length > 1) ws.mergeCells(1, col, 1, col + g.measures.length - 1);
    col += g.measures.length;
  }
  labels.forEach((label, i) => (second.getCell(lead + 1 + i).value = sheetValue(label)));
  for (const row of [top, second]) for (let c = 1; c <= total; c++) row.getCell(c).style = COMPARE_HEADER_STYLE;
  top.commit();
  second.commit();

  let n = 0;
  for (const r of grid.rows) {
    const row = ws.addRow([r.region, r.parentRegion, ...r.cells.map((c) => c.value)].map(sheetValue));
    for (let i = 1; i <= lead; i++) row.getCell(i).style = styles.get("text", undefined, false);
    r.cells.forEach((c, i) => (row.getCell(lead + 1 + i).style = styles.get(kinds[i]!, c.numFmt, !!c.conflict && c.value !== null)));
    row.commit();
    if (++n % PACE_EVERY === 0) await sheet.pace();
  }
  if (total > 0) {
    ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2 + grid.rows.length, column: total } };
    sheet.setTextNumbers(`A1:${columnLetter(total)}${2 + Math.max(1, grid.rows.length)}`);
  }
  sheet.commit();
}
