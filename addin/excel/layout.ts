// Pure helpers: the long table's columns, request-sized chunks, names, what a refresh changed.
// No Excel calls here; the layouts' grids are built in layouts.ts.
import type { Query } from "../../server/api.js";
import layout from "../columns.json" with { type: "json" };

export type Cell = string | number | boolean;

export interface Column {
  field: string;
  format: string;
  width?: number;
  /** Shown only when the service's observations have the field. */
  optional?: boolean;
}

export const COLUMNS: readonly Column[] = layout.columns as Column[];
export const TABLE_STYLE: string = layout.tableStyle;
export const REMOVED_SHEET: string = layout.removedSheet;
/** The long table's fields, in order, without the optional ones. */
export const FIELDS: readonly string[] = COLUMNS.filter((c) => !c.optional).map((c) => c.field);

/** Where each header is among the table's headers (-1 when the user removed or renamed it). */
export function positionsOf(headers: readonly unknown[], fields: readonly string[]): number[] {
  const at = new Map<string, number>();
  headers.forEach((h, i) => {
    if (!at.has(String(h))) at.set(String(h), i);
  });
  return fields.map((f) => at.get(f) ?? -1);
}

/** Excel on the web refuses a request over 5 MB; stay well under it, envelope and formats included. */
export const REQUEST_BUDGET = 4 * 1024 * 1024;
/** Rows per chunk at most, whatever their size, so one request never grows unbounded on the desktop either. */
export const MAX_CHUNK_ROWS = 5000;

const encoder = new TextEncoder();
export const jsonBytes = (x: unknown): number => encoder.encode(JSON.stringify(x)).length;

/** [start, end) row ranges whose JSON (plus `perRowExtra` bytes a row, e.g. formats) fits the budget. */
export function chunkRanges(rows: readonly unknown[], budget = REQUEST_BUDGET, perRowExtra = 0, maxRows = MAX_CHUNK_ROWS): [number, number][] {
  const chunks: [number, number][] = [];
  let start = 0;
  let size = 0;
  rows.forEach((row, i) => {
    const bytes = jsonBytes(row) + 1 + perRowExtra;
    if (i > start && (size + bytes > budget || i - start >= maxRows)) {
      chunks.push([start, i]);
      start = i;
      size = 0;
    }
    size += bytes;
  });
  if (start < rows.length) chunks.push([start, rows.length]);
  return chunks;
}

/**
 * Rows to read back per request. What a table holds is unknown until read, so guess from the rows
 * about to be written (scaled to the table's width) and keep half the budget in reserve.
 */
export function rowsPerRead(sample: readonly unknown[][], widthRatio: number, budget = REQUEST_BUDGET): number {
  const n = Math.min(50, sample.length);
  const avg = n ? jsonBytes(sample.slice(0, n)) / n : 0;
  const perRow = Math.max(64, avg) * Math.max(1, widthRatio);
  return Math.max(1, Math.min(MAX_CHUNK_ROWS, Math.floor(budget / (2 * perRow))));
}

/** Excel table names: letters (any script), digits, "_" and "."; not like a cell reference; unique ignoring case. */
export function tableName(query: Query, labels: Record<string, string>, existing: readonly string[]): string {
  const part = (values: string[]) => (values.length === 0 ? "" : (labels[values[0]!] ?? values[0]!) + (values.length > 1 ? `等${values.length}项` : ""));
  const raw = [layout.tablePrefix, part(query.region), part(query.indicator)].filter(Boolean).join("_");
  const base = raw.replace(/[^\p{L}\p{N}_.]/gu, "_").replace(/_+/g, "_").replace(/_$/, "").slice(0, 60);
  return unique(base, existing, (n) => `${base}_${n}`);
}

/** Worksheet names: at most 31 characters, none of : \ / ? * [ ], unique ignoring case. */
export function sheetName(existing: readonly string[]): string {
  const base: string = layout.sheetName;
  return unique(base, existing, (n) => `${base} (${n})`);
}

function unique(base: string, existing: readonly string[], numbered: (n: number) => string): string {
  const taken = new Set(existing.map((e) => e.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!taken.has(numbered(n).toLowerCase())) return numbered(n);
}

/** Values as Excel reports them back: empty cells are "". */
const same = (a: unknown, b: unknown) => (a ?? "") === (b ?? "");

export interface Changes {
  changed: number;
  added: number;
  removed: number;
}

/**
 * What a refresh changes, matching rows by observation id (a new row in the middle is one added
 * row, not a shift of every value below it). Without an id column rows are matched by position.
 */
export function compareRows(before: readonly (readonly unknown[])[], after: readonly (readonly unknown[])[], idAt: number): Changes {
  const key = (r: readonly unknown[], i: number) => (idAt >= 0 ? String(r[idAt] ?? "") : String(i));
  const old = new Map(before.map((r, i) => [key(r, i), r]));
  let changed = 0;
  let added = 0;
  const seen = new Set<string>();
  after.forEach((r, i) => {
    const k = key(r, i);
    seen.add(k);
    const o = old.get(k);
    if (!o) {
      if (r.some((v) => !same(v, ""))) added++;
      return;
    }
    r.forEach((v, j) => {
      if (!same(v, o[j])) changed++;
    });
  });
  const removed = [...old.entries()].filter(([k, r]) => !seen.has(k) && r.some((v) => !same(v, ""))).length;
  return { changed, added, removed };
}
