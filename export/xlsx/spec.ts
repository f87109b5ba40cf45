// The workbook's layout as data: sheet and table names, the columns of each table and how
// each kind of cell looks. Code elsewhere reads these; nothing here does anything.
import { DOCUMENT_COLUMNS, MENTION_COLUMNS, OBSERVATION_COLUMNS } from "../csv.js";
import type { Qualifier } from "../../kit/types.js";

/** How a column's cells are stored and formatted. */
export type CellKind =
  | "text" // a string, as is
  | "int" // a whole number (rank, offsets, counts)
  | "value" // a figure as written: its decimals decide the format row by row
  | "growth" // percent as a number (3.6 means 3.6%), one or two decimals
  | "bool" // TRUE/FALSE
  | "link"; // a string that is also a hyperlink to another sheet

export interface ColumnSpec {
  /** Header text; for a table it is also the table column's name (structured references). */
  key: string;
  kind: CellKind;
  /** Widest the column may grow to fit its text (Excel width units); long quotes stop here. */
  maxWidth?: number;
}

export interface TableSheetSpec {
  sheet: string;
  /** Excel table (ListObject) name: ASCII, so structured references like Observations[value] type easily. */
  table: string;
  columns: readonly ColumnSpec[];
}

const KIND: Record<string, CellKind> = {
  id: "link",
  observation_id: "link",
  value: "value",
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
const MAX_WIDTH: Record<string, number> = { quote: 70, title: 50, failure_message: 50, section: 40, indicator: 30, warnings: 60 };

function columns(keys: readonly string[]): ColumnSpec[] {
  return keys.map((key) => ({ key, kind: KIND[key] ?? "text", maxWidth: MAX_WIDTH[key] }));
}

export const OBSERVATIONS: TableSheetSpec = { sheet: "指标 Observations", table: "Observations", columns: columns(OBSERVATION_COLUMNS) };
export const MENTIONS: TableSheetSpec = { sheet: "来源 Mentions", table: "Mentions", columns: columns(MENTION_COLUMNS) };
/** The kit's document columns, then the files that could not be read (BatchResult.failures). */
export const DOCUMENT_SHEET_COLUMNS = [...DOCUMENT_COLUMNS, "failures", "failure_code", "failure_message"] as const;
export const DOCUMENTS: TableSheetSpec = { sheet: "文档 Documents", table: "Documents", columns: columns(DOCUMENT_SHEET_COLUMNS) };
/** One row per mention of a conflicting observation, so the disagreeing statements sit side by side. */
export const CONFLICT_COLUMNS = [
  "observation_id", "doc", "region", "period", "kind", "indicator", "value", "unit", "growth_pct", "from_table", "quote", "section", "start", "end",
] as const;
export const CONFLICTS: TableSheetSpec = { sheet: "冲突 Conflicts", table: "Conflicts", columns: columns(CONFLICT_COLUMNS) };

export const COMPARE_SHEET = "对比 Compare";
/** The Compare sheet's leading columns and the measures shown under each indicator, in order. */
export const COMPARE_LEAD = [
  { key: "region", label: "地区 region" },
  { key: "parent_region", label: "上级 parent" },
] as const;
export type Measure = "period" | "value" | "growth" | "target_period" | "target_value" | "target_growth";
export const MEASURES: readonly { key: Measure; label: string; kind: CellKind }[] = [
  { key: "period", label: "年份", kind: "text" },
  { key: "value", label: "实际", kind: "value" },
  { key: "growth", label: "增长%", kind: "growth" },
  { key: "target_period", label: "目标年份", kind: "text" },
  { key: "target_value", label: "目标", kind: "value" },
  { key: "target_growth", label: "目标增长%", kind: "growth" },
];
/** Appended to a period that the report gives as 预计 (estimate) rather than a final result. */
export const ESTIMATE_MARK = " 预计";

/** How qualifiers read in a number format ("5.0左右"), so the cell stays a number. */
export const QUALIFIER_WORDS: Record<Qualifier, { prefix?: string; suffix?: string }> = {
  about: { suffix: "左右" },
  at_least: { suffix: "以上" },
  more_than: { prefix: "超" },
  at_most: { suffix: "以内" },
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

/** Excel's hard limit of rows in a sheet. */
export const MAX_SHEET_ROWS = 1_048_576;
