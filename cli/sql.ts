// `zhibiao sql`: the user's own SQL over a store, opened read-only; a table, or JSON.
import Table from "cli-table3";
import { openStore, runSql } from "../store/index.js";
import { existingStore } from "./store.js";

export interface SqlCliOptions {
  store?: string;
  json?: boolean;
}

const cell = (v: unknown): string => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));

export async function runSqlCommand(sql: string, opts: SqlCliOptions): Promise<number> {
  const db = await openStore(existingStore(opts.store), { readOnly: true });
  try {
    const { columns, rows } = await runSql(db, sql).catch((err: Error) => {
      throw new Error(`SQL: ${err.message}`);
    });
    if (opts.json) {
      process.stdout.write(JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? null])))) + "\n");
    } else {
      const table = new Table({ head: columns, style: { head: ["bold"] } });
      for (const r of rows) table.push(r.map(cell));
      process.stdout.write(`${table.toString()}\n${rows.length} row${rows.length === 1 ? "" : "s"}\n`);
    }
    return 0;
  } finally {
    db.close();
  }
}
