// The store's tables as data: each column's name, SQL type and where its value comes from.
// The contract's fields keep their names and order (shared/spec/tidy-tables.md), so a row read
// back is the object the kit produced; the store's own columns (file_id, seq, period_label) lead.
import { periodLabel } from "../kit/core.js";
import type { DocumentRow, Failure, Mention, Observation } from "../kit/types.js";

export type ColumnType = "VARCHAR" | "DOUBLE" | "INTEGER" | "BIGINT" | "BOOLEAN" | "VARCHAR[]";

export interface Column<T> {
  name: string;
  type: ColumnType;
  get: (row: T, index: number) => unknown;
  /** Part of the contract's row (read back into the kit's object); the others are the store's own. */
  contract: boolean;
}

/** A row to append: the kit's object and the file it came from. */
export interface Owned<T> {
  fileId: number;
  row: T;
}

const own = <T>(name: string, type: ColumnType, get: (row: T, index: number) => unknown): Column<T> => ({ name, type, get, contract: false });
const field = <T>(name: keyof T & string, type: ColumnType): Column<T> => ({ name, type, get: (r) => r[name], contract: true });

export const OBSERVATION_COLUMNS: Column<Observation>[] = [
  field("id", "VARCHAR"),
  field("doc", "VARCHAR"),
  field("region", "VARCHAR"),
  field("period", "VARCHAR"),
  field("period_part", "VARCHAR"),
  field("kind", "VARCHAR"),
  field("indicator", "VARCHAR"),
  field("indicator_id", "VARCHAR"),
  field("value", "DOUBLE"),
  field("unit", "VARCHAR"),
  // Zhibiao's own, beside the contract's: the value in the indicator's standard unit (kit/lexicon/standard.ts).
  field("value_std", "DOUBLE"),
  field("unit_std", "VARCHAR"),
  field("growth_pct", "DOUBLE"),
  field("growth_basis", "VARCHAR"),
  field("value_qualifier", "VARCHAR"),
  field("growth_qualifier", "VARCHAR"),
  field("target_text", "VARCHAR"),
  field("rank", "INTEGER"),
  field("rank_scope", "VARCHAR"),
  field("conflict", "BOOLEAN"),
  field("quote", "VARCHAR"),
  // What the API filters and sorts periods by: "2024", "2024H1".
  own("period_label", "VARCHAR", (o) => periodLabel(o)),
];

export const MENTION_COLUMNS: Column<Mention>[] = [
  field("observation_id", "VARCHAR"),
  field("doc", "VARCHAR"),
  field("start", "INTEGER"),
  field("end", "INTEGER"),
  field("quote", "VARCHAR"),
  field("section", "VARCHAR"),
  field("from_table", "BOOLEAN"),
  field("page", "INTEGER"),
  // The kit's order of a file's mentions, kept so an observation's mentions come back as extracted.
  own("seq", "INTEGER", (_m, i) => i),
];

export const DOCUMENT_COLUMNS: Column<DocumentRow>[] = [
  field("doc", "VARCHAR"),
  field("part", "INTEGER"),
  field("title", "VARCHAR"),
  field("region", "VARCHAR"),
  field("parent_region", "VARCHAR"),
  field("region_source", "VARCHAR"),
  field("type", "VARCHAR"),
  field("report_period", "VARCHAR"),
  field("report_period_part", "VARCHAR"),
  field("plan_period", "VARCHAR"),
  field("date", "VARCHAR"),
  field("format", "VARCHAR"),
  field("encoding", "VARCHAR"),
  field("start", "INTEGER"),
  field("end", "INTEGER"),
  field("observations", "INTEGER"),
  field("mentions", "INTEGER"),
  field("conflicts", "INTEGER"),
  field("warnings", "VARCHAR[]"),
];

export const FAILURE_COLUMNS: Column<Failure>[] = [field("file", "VARCHAR"), field("code", "VARCHAR"), field("message", "VARCHAR")];

/** Quoted for SQL: `end`, `start` and `rank` are keywords or functions in DuckDB. */
export const q = (name: string): string => `"${name}"`;

/** The contract's columns of a table as a select list, e.g. for reading rows back. */
export function selectList<T>(columns: Column<T>[], alias = ""): string {
  return columns
    .filter((c) => c.contract)
    .map((c) => `${alias ? alias + "." : ""}${q(c.name)}`)
    .join(", ");
}

/** CREATE TABLE for a table of rows owned by a file. */
export function createTable<T>(table: string, columns: Column<T>[]): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (file_id INTEGER NOT NULL, ${columns.map((c) => `${q(c.name)} ${c.type}`).join(", ")})`;
}
