// Writes the workbook to a stream, sheet after sheet, row after row: shaping comes from
// rows.ts, provenance.ts and compare.ts; this file only turns rows into styled cells.
import type { Writable } from "node:stream";
import type ExcelJS from "exceljs";
import { INDICATORS } from "../../kit/index.js";
import type { BatchResult, ExtractResult } from "../../kit/types.js";
import { DEFAULT_LANG, text, type Lang } from "../../kit/lexicon/labels.js";
import { sheetValue } from "../cell.js";
import { columnLabel, compareGrid, type CompareGrid } from "./compare.js";
import { cellWidth, displayWidth, fitWidth, literalsOf } from "./format.js";
import { layout, type Layout } from "./layout.js";
import { columnLetter, tableRange } from "./ooxml.js";
import { conflictLinks, mentionLinks, observationLinks, observationNotes, type Link, type Note } from "./provenance.js";
import { conflictRows, documentRows, isBatch, mentionRows, observationRows, type RowOut } from "./rows.js";
import { PLAN_RESULT, SERIES_SHEET, seriesSheetRows } from "./series.js";
import {
  COMPARE_LEAD, CONFLICTS, DOCUMENTS, MAX_SHEET_ROWS, MEASURES, MENTIONS, OBSERVATIONS, PAGE_SETUP, STYLE, headerText, sheetName, type ColumnSpec, type TableSheetSpec,
} from "./spec.js";
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
    { spec: DOCUMENTS, count: result.documents.length + (isBatch(result) ? result.failures.length : 0), rows: () => documentRows(result, l.lang) },
    { spec: CONFLICTS, count: l.conflicts.reduce((n, i) => n + l.mentionCount[i]!, 0), rows: () => conflictRows(l), links: () => conflictLinks(l) },
  ];
}

export interface WorkbookOptions {
  /** Sheet names, headers, codes and notes in Chinese (the default) or English; the values as written either way. */
  lang?: Lang;
}

export async function writeXlsx(result: ExtractResult | BatchResult, out: Writable, options: WorkbookOptions = {}): Promise<void> {
  const lang = options.lang ?? DEFAULT_LANG;
  const l = layout(result, lang);
  const sheets = tableSheets(result, l);
  for (const s of sheets) {
    if (s.count + 1 > MAX_SHEET_ROWS) throw new Error(`${s.count} rows do not fit in one Excel sheet (${sheetName(s.spec.key, lang)}); the limit is ${MAX_SHEET_ROWS - 1}`);
    checkHeaders(s.spec, lang);
  }
  const book = new StreamingWorkbook(out);
  const styles = new StyleCache();
  const [observations, mentions, documents, conflicts] = sheets as [TableSheet, TableSheet, TableSheet, TableSheet];
  await writeTableSheet(book, styles, observations, lang);
  await writeTableSheet(book, styles, mentions, lang);
  await writeTableSheet(book, styles, documents, lang);
  await writeCompareSheet(book, styles, compareGrid(result, INDICATORS, lang), lang);
  await writeTableSheet(book, styles, conflicts, lang);
  const across = seriesSheetRows(result, lang);
  checkHeaders(PLAN_RESULT, lang);
  checkHeaders(SERIES_SHEET, lang);
  await writeTableSheet(book, styles, { spec: PLAN_RESULT, count: across.planResult.length, rows: () => across.planResult }, lang);
  await writeTableSheet(book, styles, { spec: SERIES_SHEET, count: across.series.length, rows: () => across.series }, lang);
  await book.commit();
}

/**
 * A table's column names are its header texts (structured references: Observations[数值]); Excel
 * refuses a table whose names repeat, and a name with a line break, so labels.json is checked here.
 */
export function checkHeaders(spec: TableSheetSpec, lang: Lang): void {
  const seen = new Set<string>();
  for (const c of spec.columns) {
    const h = headerText(c, lang);
    if (h.trim() === "" || h.includes("\n") || h.length > 255) throw new Error(`labels.json: the ${lang} label of ${c.key} cannot name a table column ("${h}")`);
    const k = h.toLowerCase();
    if (seen.has(k)) throw new Error(`labels.json: two columns of the ${spec.key} sheet are both labelled "${h}" in ${lang}; a table's column names must differ`);
    seen.add(k);
  }
}

/** Widths that fit each column's header and widest cell (every row is looked at: the data is in memory anyway). */
function tableWidths(columns: readonly ColumnSpec[], rows: Iterable<RowOut>, lang: Lang): number[] {
  const widest = columns.map(() => 0);
  for (const r of rows) {
    r.values.forEach((v, i) => {
      const w = cellWidth(v);
      if (w > widest[i]!) widest[i] = w;
    });
  }
  return columns.map((c, i) => fitWidth(headerText(c, lang), widest[i]!, c.maxWidth));
}

/** Every sheet prints on A4 across one page's width (PAGE_SETUP), its header rows repeated on every page. */
function pageSetup(headerRows: number): Partial<ExcelJS.PageSetup> {
  return { ...(PAGE_SETUP as unknown as Partial<ExcelJS.PageSetup>), printTitlesRow: `1:${headerRows}` };
}

async function writeTableSheet(book: StreamingWorkbook, styles: StyleCache, t: TableSheet, lang: Lang): Promise<void> {
  const { spec } = t;
  const sheet = book.addSheet(sheetName(spec.key, lang), { views: [{ state: "frozen", xSplit: 0, ySplit: 1, topLeftCell: "A2", activeCell: "A2" }], pageSetup: pageSetup(1) });
  const { ws } = sheet;
  const widths = tableWidths(spec.columns, t.rows(), lang);
  const headers = spec.columns.map((c) => headerText(c, lang));
  ws.columns = spec.columns.map((c, i) => ({ header: headers[i], key: c.key, width: widths[i], style: kindStyle(c.kind) }));
  const header = ws.getRow(1);
  for (let c = 1; c <= spec.columns.length; c++) header.getCell(c).style = HEADER_STYLE;
  header.commit();

  const table = { name: spec.table, columns: headers, firstRow: 1, lastRow: 1 + t.count, style: STYLE.tableStyle };
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
  if (n !== t.count) throw new Error(`internal error: the ${spec.key} sheet has ${n} rows, its table ${t.count}`);
  sheet.commit();
}

/** Column widths for Compare: the widest cell with its unit, widened so each indicator's name fits over its measures. */
function compareWidths(grid: CompareGrid, lead: readonly string[], labels: readonly string[]): number[] {
  const widest = new Array<number>(lead.length + labels.length).fill(0);
  for (const r of grid.rows) {
    widest[0] = Math.max(widest[0]!, displayWidth(r.region));
    widest[1] = Math.max(widest[1]!, displayWidth(r.parentRegion ?? ""));
    r.cells.forEach((c, i) => {
      const w = cellWidth(c.value) + (c.numFmt ? displayWidth(literalsOf(c.numFmt)) : 0);
      widest[lead.length + i] = Math.max(widest[lead.length + i]!, w);
    });
  }
  const widths = widest.map((w, i) => fitWidth(i < lead.length ? lead[i]! : labels[i - lead.length]!, w, 30));
  let col = lead.length;
  for (const g of grid.groups) {
    const span = widths.slice(col, col + g.columns.length).reduce((a, b) => a + b, 0);
    const need = displayWidth(g.label) + 2;
    if (span < need) for (let i = col; i < col + g.columns.length; i++) widths[i] = Math.ceil((widths[i]! * need) / span);
    col += g.columns.length;
  }
  return widths;
}

/**
 * Compare: row 1 names each indicator over its measures (merged), row 2 names the measures and
 * carries the filter buttons, one row per region below. A plain range, not a table: a table's
 * header is a single row.
 */
async function writeCompareSheet(book: StreamingWorkbook, styles: StyleCache, grid: CompareGrid, lang: Lang): Promise<void> {
  const leadLabels = COMPARE_LEAD.map((k) => text(`compare_${k}`, lang));
  const lead = leadLabels.length;
  const sheet = book.addSheet(sheetName("compare", lang), {
    views: [{ state: "frozen", xSplit: lead, ySplit: 2, topLeftCell: `${columnLetter(lead + 1)}3`, activeCell: "A3" }],
    pageSetup: pageSetup(2),
  });
  const { ws } = sheet;
  const measures = new Map(MEASURES.map((m) => [m.key, m]));
  const columns = grid.groups.flatMap((g) => g.columns);
  // A figure that could not be harmonised is text that says so.
  const kinds = columns.map((c) => (c.unit === null ? "text" : measures.get(c.measure)!.kind));
  const labels = columns.map((c) => columnLabel(c, lang));
  const total = lead + labels.length;
  ws.columns = compareWidths(grid, leadLabels, labels).map((width) => ({ width, style: kindStyle("text") }));

  const top = ws.getRow(1);
  const second = ws.getRow(2);
  leadLabels.forEach((label, i) => (second.getCell(i + 1).value = sheetValue(label)));
  let col = lead + 1;
  for (const g of grid.groups) {
    top.getCell(col).value = sheetValue(g.label);
    if (g.columns.length > 1) ws.mergeCells(1, col, 1, col + g.columns.length - 1);
    col += g.columns.length;
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
