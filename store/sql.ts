// Users' own SQL over a store (zhibiao sql, notebooks): rows as plain values with their columns.
import type { StoreDb } from "./db.js";

export interface SqlResult {
  columns: string[];
  rows: unknown[][];
}

/** Runs one or more statements; the last one's rows are returned. */
export async function runSql(db: StoreDb, sql: string): Promise<SqlResult> {
  return db.reader.run(async (c) => {
    const reader = await c.runAndReadAll(sql);
    const rows = reader.getRowsJS().map((r) => r.map((v) => (typeof v === "bigint" ? (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()) : v)));
    return { columns: reader.columnNames(), rows };
  });
}
