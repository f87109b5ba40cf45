// Excel (.xlsx) workbooks → reading text, read with exceljs (loaded only when a workbook
// comes: text formats never load it; its browser build bundles with the core). Each visible
// sheet is read as the table reader reads tab-separated text: its name as a caption, then its
// rows, cells as the sheet shows them (format.ts), a merged cell's text in its first column
// (and again in each row it spans down when it is one column wide), hidden rows and columns and empty columns left out,
// a title row above a table and a note row under it as paragraphs, a blank row ending a table.
// A cell holding a report (long Chinese text) is read as paragraphs; a workbook with several
// such rows (one report a row) holds one document per row, as a CSV file of reports does.
import type ExcelJS from "exceljs";
import { ExtractError } from "../../errors.js";
import { ReadingBuilder, type Reading, type Segment } from "../reading.js";
import { paragraphsOf } from "../docx/paragraphs.js";
import { formatDate, formatNumber, isDateFormat } from "./format.js";
import { PATTERNS } from "./patterns.js";

/** A cell with this many Chinese characters holds a report rather than a figure or a label (as in CSV). */
const REPORT_CELL_CJK = 200;

type Excel = typeof ExcelJS;

async function loadExcel(): Promise<Excel> {
  const mod = (await import("exceljs")) as unknown as Excel & { default?: Excel };
  return mod.default ?? mod;
}

function cjkCount(text: string, enough: number): number {
  let n = 0;
  for (let i = 0; i < text.length && n < enough; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fa5) n++;
  }
  return n;
}

/** A cell's value as the sheet shows it. */
export function display(value: ExcelJS.CellValue | undefined, numFmt: string | undefined, date1904: boolean): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return formatNumber(value, numFmt, date1904);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : formatDate(value, isDateFormat(numFmt) ? numFmt : "yyyy-mm-dd");
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text ?? "").join("");
    if ("error" in value) return String(value.error);
    // A formula shows its cached result; with none (never calculated) there is nothing to show.
    if ("formula" in value || "sharedFormula" in value) return display((value as { result?: ExcelJS.CellValue }).result, numFmt, date1904);
    if ("text" in value) return display((value as { text: ExcelJS.CellValue }).text, numFmt, date1904);
  }
  return String(value);
}

interface Row {
  cells: string[];
  /** The row's number in the sheet (0 for a blank row read from a gap). */
  at: number;
}

interface Sheet {
  name: string;
  /** Rows as shown (hidden ones left out, blank ones with no cells), empty columns dropped. */
  rows: Row[];
  width: number;
}

function readSheet(ws: ExcelJS.Worksheet, Excel: Excel, date1904: boolean): Sheet {
  const hiddenCols = new Set<number>();
  for (let c = 1; c <= ws.columnCount; c++) if (ws.getColumn(c).hidden) hiddenCols.add(c);
  // A merged cell one column wide (a name or a unit over two rows) is repeated down its rows;
  // a wider one (a title over two rows) is read once.
  const narrow = new Map<string, boolean>();
  const isNarrow = (master: ExcelJS.Cell): boolean => {
    let n = narrow.get(master.address);
    if (n === undefined) {
      const right = ws.findCell(Number(master.row), Number(master.col) + 1);
      n = !(right && right.type === Excel.ValueType.Merge && right.master.address === master.address);
      narrow.set(master.address, n);
    }
    return n;
  };
  const rows: Row[] = [];
  let previous = 0;
  // Rows with values only (a sheet formatted down to row 1048576 has few): a gap is a blank row.
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r > previous + 1) rows.push({ cells: [], at: 0 });
    previous = r;
    if (row.hidden) return;
    const line: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (hiddenCols.has(col)) return;
      let text: string;
      if (cell.type === Excel.ValueType.Merge) {
        const master = cell.master;
        // Across the columns a merged cell is read once; down the rows it is repeated.
        text = master.col === cell.col && master.row !== cell.row && isNarrow(master) ? display(master.value, master.numFmt, date1904) : "";
      } else text = display(cell.value, cell.numFmt, date1904);
      line[col - 1] = text;
    });
    rows.push({ cells: Array.from(line, (c) => c ?? ""), at: r });
  });
  // Columns with no text (hidden ones included) are dropped.
  const width = Math.max(0, ...rows.map((r) => r.cells.length));
  const keep: number[] = [];
  for (let c = 0; c < width; c++) if (rows.some((r) => (r.cells[c] ?? "").trim().length > 0)) keep.push(c);
  const kept = rows.map((r) => ({ at: r.at, cells: r.cells.some((c) => c.trim().length > 0) ? keep.map((c) => r.cells[c] ?? "") : [] }));
  return { name: ws.name, rows: kept, width: keep.length };
}

/** What each block the builder was given belongs to: which document. */
interface Emitted {
  source: string;
  document: number;
}

class SheetWriter {
  readonly builder = new ReadingBuilder("xlsx");
  readonly emitted: Emitted[] = [];
  document = 0;
  /** Report rows written: the blocks before the first one belong to its document. */
  reports = 0;

  paragraph(text: string, source: string): void {
    this.builder.paragraph(text, source);
    this.emitted.push({ source, document: this.document });
  }

  table(rows: string[][], source: string): void {
    this.builder.table(rows, source);
    this.emitted.push({ source, document: this.document });
  }
}

function isReportCell(text: string): boolean {
  return cjkCount(text, REPORT_CELL_CJK) >= REPORT_CELL_CJK;
}

/** A cell's place for sources: the row's number and the cell's column among those read. */
function cellName(row: number, col: number): string {
  return `row ${row} cell ${col + 1}`;
}

/**
 * A run of rows between blank rows: title rows above (text in the first column only) and note
 * rows under it as paragraphs, a single row as a paragraph, the rest a table.
 */
function writeRows(rows: Row[], sheet: string, out: SheetWriter): void {
  const filled = (c: string): boolean => c.trim().length > 0;
  const single = (r: string[]): boolean => filled(r[0] ?? "") && !r.slice(1).some(filled);
  let a = 0;
  let b = rows.length;
  for (; a < b && single(rows[a]!.cells); a++) out.paragraph(rows[a]!.cells[0]!, `sheet ${sheet} row ${rows[a]!.at}`);
  const tail: number[] = [];
  while (b > a && single(rows[b - 1]!.cells)) tail.unshift(--b);
  if (b - a === 1) out.paragraph(rows[a]!.cells.filter(filled).join(" "), `sheet ${sheet} row ${rows[a]!.at}`);
  else if (b - a > 1) out.table(rows.slice(a, b).map((r) => r.cells), `sheet ${sheet} rows ${rows[a]!.at}-${rows[b - 1]!.at}`);
  for (const t of tail) out.paragraph(rows[t]!.cells[0]!, `sheet ${sheet} row ${rows[t]!.at}`);
}

/** A row holding a report: its Chinese cells in column order, the report's lines as paragraphs. */
function writeReportRow(cells: string[], at: number, sheet: string, out: SheetWriter): void {
  cells.forEach((text, col) => {
    if (cjkCount(text, 2) < 2) return;
    paragraphsOf(text).forEach((p, k) => out.paragraph(p, `sheet ${sheet} ${cellName(at, col)}${k > 0 ? ` ¶${k + 1}` : ""}`));
  });
}

function writeSheet(sheet: Sheet, out: SheetWriter, reportRows: Set<string>, splitDocuments: boolean): void {
  const name = sheet.name.trim();
  if (name && !PATTERNS.defaultSheetName.test(name)) out.paragraph(name, `sheet ${name}`);
  let run: Row[] = [];
  const flush = (): void => {
    if (run.length > 0) writeRows(run, name, out);
    run = [];
  };
  for (const row of sheet.rows) {
    const { cells, at } = row;
    if (cells.length === 0) {
      flush();
      continue;
    }
    const report = reportRows.has(`${sheet.name}\u0000${at}`);
    if (report || sheet.width === 1) {
      flush();
      if (report && splitDocuments && out.reports++ > 0) out.document++;
      // A sheet of one column is text, a paragraph a row.
      if (sheet.width === 1) paragraphsOf(cells[0]!).forEach((p, k) => out.paragraph(p, `sheet ${name} ${cellName(at, 0)}${k > 0 ? ` ¶${k + 1}` : ""}`));
      else writeReportRow(cells, at, name, out);
      continue;
    }
    run.push(row);
  }
  flush();
}

/** The segments of each document, from the blocks the builder placed. */
function documentsOf(reading: Reading, emitted: Emitted[]): Segment[][] {
  const docOf = new Map(emitted.map((e) => [e.source, e.document]));
  const docs: Segment[][] = [];
  for (const s of reading.sources) {
    const d = docOf.get(s.source) ?? 0;
    const segs = (docs[d] ??= []);
    const lastSeg = segs[segs.length - 1];
    if (lastSeg && lastSeg.kind === "text") lastSeg.end = s.end;
    else segs.push({ kind: "text", start: s.start, end: s.end, layout: "lines" });
  }
  return docs.filter((d) => d !== undefined && d.length > 0);
}

export async function readXlsx(bytes: Uint8Array, file: string): Promise<Reading> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new ExtractError(file, "corrupt", `a damaged workbook (${(err as Error).message})`);
  }
  // The kit's own output (export/xlsx writes creator "Zhibiao"): tables of observations, not a report.
  if ((wb.creator ?? "").trim().toLowerCase() === "zhibiao") {
    throw new ExtractError(file, "own_output", "a workbook Zhibiao wrote (its tables of observations and mentions)");
  }
  const date1904 = Boolean((wb.properties as { date1904?: boolean } | undefined)?.date1904);
  // exceljs lists the sheets in the workbook's tab order.
  const sheets = wb.worksheets
    .filter((ws) => ws.state === undefined || ws.state === "visible")
    .map((ws) => readSheet(ws, Excel, date1904));
  const reportRows = new Set<string>();
  for (const s of sheets) for (const r of s.rows) if (r.cells.some(isReportCell)) reportRows.add(`${s.name}\u0000${r.at}`);
  const out = new SheetWriter();
  for (const s of sheets) writeSheet(s, out, reportRows, reportRows.size >= 2);
  if (out.builder.empty) throw new ExtractError(file, "no_text", "a workbook whose visible sheets hold no text");
  const reading = out.builder.build();
  return { ...reading, documents: documentsOf(reading, out.emitted) };
}
