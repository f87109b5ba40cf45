// The workbook's layout as data: sheet and table names, the columns of each table and how
// each kind of cell looks. Code elsewhere reads these; nothing here does anything.
import { DOCUMENT_COLUMNS, MENTION_COLUMNS, OBSERVATION_COLUMNS } from "../csv.js";
import type { Qualifier } from "../../kit/types.js";
import { FIELD_CODES, fieldLabel, sheetLabel, type Lang } from "../../kit/lexicon/labels.js";

/** How a column's cells are stored and formatted. */
export type CellKind =
  | "text" // a string, as is
  | "int" // a whole number (rank, offsets, counts)
  | "value" // a figure as written: its decimals decide the format row by row
  | "growth" // percent as a number (3.6 means 3.6%), one or two decimals
  | "bool" // TRUE/FALSE
  | "link"; // a string that is also a hyperlink to another sheet

export interface ColumnSpec {
  /** The record's field; its label (labels.json) is the header text and the table column's name (structured references). */
  key: string;
  kind: CellKind;
  /** Widest the column may grow to fit its text (Excel width units); long quotes stop here. */
  maxWidth?: number;
  /** The labels.json code group whose labels the cells show (kind: actual → 实际). */
  codes?: string;
}

export type SheetKey = "observations" | "mentions" | "documents" | "compare" | "conflicts" | "plan_result" | "series";

export interface TableSheetSpec {
  /** The sheet's key in labels.json `sheets` (observations → 指标). */
  key: SheetKey;
  /** Excel table (ListObject) name: ASCII in every language, so structured references like Observations[数值] type easily. */
  table: string;
  columns: readonly ColumnSpec[];
}

const KIND: Record<string, CellKind> = {
  id: "link",
  observation_id: "link",
  value: "value",
  value_std: "value",
  growth_pct: "growth",
  rank: "int",
  part: "int",
  start: "int",
  end: "int",
  observations: "int",
  mentions: "int",
  conflicts: "int",
  failures: "int",
  conflict: "bool",
  from_table: "bool",
  page: "int",
};
const MAX_WIDTH: Record<string, number> = { quote: 70, title: 50, doc_title: 40, doc: 30, failure_message: 50, section: 40, indicator: 30, warnings: 60 };

function columns(keys: readonly string[]): ColumnSpec[] {
  return keys.map((key) => ({ key, kind: KIND[key] ?? "text", maxWidth: MAX_WIDTH[key], codes: FIELD_CODES[key] }));
}

/** The sheet's name in the workbook's language (sheet names are labels.json `sheets`). */
export function sheetName(key: SheetKey, lang: Lang): string {
  return sheetLabel(key, lang);
}

/** A column's header text, which is also its table column's name. */
export function headerText(c: ColumnSpec, lang: Lang): string {
  return fieldLabel(c.key, lang);
}

/**
 * The observations sheet leads with what a reader scans (地区, 指标, 年份, 数值, 单位), then the
 * standard unit, growth and the rest; the document's title is shown beside its file name (doc,
 * kept for joins with the other sheets and the CSV). The CSV and JSON keep the contract's order.
 */
export const OBSERVATION_SHEET_COLUMNS = [
  "region", "indicator", "period", "value", "unit", "value_std", "unit_std", "growth_pct", "kind", "period_part", "value_qualifier", "growth_qualifier",
  "growth_basis", "target_text", "rank", "rank_scope", "conflict", "indicator_id", "doc_title", "quote", "doc", "id",
] as const;
export const OBSERVATIONS: TableSheetSpec = { key: "observations", table: "Observations", columns: columns(OBSERVATION_SHEET_COLUMNS) };
export const MENTION_SHEET_COLUMNS = ["observation_id", "doc_title", ...MENTION_COLUMNS.filter((c) => c !== "observation_id")] as const;
export const MENTIONS: TableSheetSpec = { key: "mentions", table: "Mentions", columns: columns(MENTION_SHEET_COLUMNS) };
/**
 * The kit's document columns, the title a person reads first and the file name beside it, then
 * the files that could not be read (BatchResult.failures).
 */
export const DOCUMENT_SHEET_COLUMNS = [
  "title", "doc", ...DOCUMENT_COLUMNS.filter((c) => c !== "title" && c !== "doc"), "failures", "failure_code", "failure_message",
] as const;
export const DOCUMENTS: TableSheetSpec = { key: "documents", table: "Documents", columns: columns(DOCUMENT_SHEET_COLUMNS) };
/** One row per mention of a conflicting observation, so the disagreeing statements sit side by side. */
export const CONFLICT_COLUMNS = [
  "observation_id", "region", "period", "kind", "indicator", "value", "unit", "growth_pct", "from_table", "quote", "section", "doc_title", "doc", "start", "end",
] as const;
export const CONFLICTS: TableSheetSpec = { key: "conflicts", table: "Conflicts", columns: columns(CONFLICT_COLUMNS) };

/** The Compare sheet's leading columns and the measures shown under each indicator, in order (labels: labels.json text compare_*). */
export const COMPARE_LEAD = ["region", "parent"] as const;
export type Measure = "period" | "value" | "growth" | "target_period" | "target_value" | "target_growth";
export const MEASURES: readonly { key: Measure; kind: CellKind }[] = [
  { key: "period", kind: "text" },
  { key: "value", kind: "value" },
  { key: "growth", kind: "growth" },
  { key: "target_period", kind: "text" },
  { key: "target_value", kind: "value" },
  { key: "target_growth", kind: "growth" },
];
/** Measures that hold a figure with a unit: one column per standard unit. */
export const UNIT_MEASURES: ReadonlySet<Measure> = new Set(["value", "target_value"]);

/** How qualifiers read in a number format ("5.0左右", "≈5.0"), so the cell stays a number. */
export const QUALIFIER_WORDS: Record<Lang, Record<Qualifier, { prefix?: string; suffix?: string }>> = {
  zh: { about: { suffix: "左右" }, at_least: { suffix: "以上" }, more_than: { prefix: "超" }, at_most: { suffix: "以内" } },
  en: { about: { prefix: "≈" }, at_least: { prefix: "≥" }, more_than: { prefix: ">" }, at_most: { prefix: "≤" } },
};

export const FORMATS = {
  int: "0",
  growth: "0.0#",
  /** Most decimals a value keeps in its format; more are still stored, just not shown. */
  maxValueDecimals: 6,
} as const;

/**
 * 等线 (DengXian) is the body font of Chinese Office on Windows and macOS; charset 134 (GB2312)
 * tells Excel and LibreOffice to substitute a Chinese font (微软雅黑, Noto Sans CJK...) where it is missing.
 */
export const FONT = { name: "等线", family: 2, charset: 134, size: 11 } as const;
export const STYLE = {
  font: FONT,
  headerFont: { ...FONT, bold: true },
  linkFont: { ...FONT, color: { argb: "FF0563C1" }, underline: true },
  conflictFill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC7CE" } },
  /** Built-in table style: blue header, banded rows. */
  tableStyle: "TableStyleMedium2",
  compareHeaderFill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } },
  /** Note box: its font, its width in column units (about 26 Chinese characters) and least height in rows. */
  note: { font: "等线", charset: 134, size: 10, width: 52, minRows: 3 },
} as const;

/**
 * Printing on A4 (paperSize 9), landscape, every column on one page's width and as many pages
 * down as it takes (fitToHeight 0): wide tables stay readable on paper in Excel 2016 and WPS.
 */
export const PAGE_SETUP = {
  paperSize: 9,
  orientation: "landscape",
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: false,
  margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
} as const;

/** Excel's hard limit of rows in a sheet. */
export const MAX_SHEET_ROWS = 1_048_576;
