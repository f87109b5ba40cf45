// Parquet files of a store's tables, written by DuckDB itself (COPY … TO … (FORMAT parquet)):
// observations, mentions and documents with the contract's columns and the file each came from.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DOCUMENT_COLUMNS, MENTION_COLUMNS, OBSERVATION_COLUMNS, selectList, type Column } from "./columns.js";
import type { StoreDb } from "./db.js";

const TABLES: [string, Column<never>[], string][] = [
  ["observations", OBSERVATION_COLUMNS as Column<never>[], `${"region, indicator, period_label, kind, doc, id"}`],
  ["mentions", MENTION_COLUMNS as Column<never>[], "f.path, t.seq"],
  ["documents", DOCUMENT_COLUMNS as Column<never>[], "doc, part"],
];

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Writes DIR/observations.parquet, mentions.parquet and documents.parquet; returns their paths. */
export async function exportParquet(db: StoreDb, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [table, columns, order] of TABLES) {
    const target = path.resolve(dir, `${table}.parquet`);
    const sql = `COPY (SELECT ${selectList(columns, "t")}, f.path AS file FROM ${table} t JOIN files f USING (file_id) ORDER BY ${order}) TO ${literal(target)} (FORMAT parquet, COMPRESSION zstd)`;
    await db.reader.run((c) => c.run(sql));
    written.push(target);
  }
  return written;
}
