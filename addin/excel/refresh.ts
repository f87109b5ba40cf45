/// <reference types="office-js" />
// Refresh all: re-run the query behind every remembered table and rewrite it in place. The table
// object is kept (so its style, the user's columns and every formula that refers to it survive);
// it grows or shrinks the way Excel's own external data does: cells are inserted below it for new
// rows and deleted for rows gone, so whatever sits under the table moves with it.
import type { Observation } from "../../kit/types.js";
import type { Query } from "../../server/api.js";
import { compareRows, formatOf, positionsOf, rowsPerRead, toCells, widen, type Cell } from "./layout.js";
import { loadSettings, remember, rememberedIn, type Remembered } from "./memory.js";
import { readRows, writeRows } from "./write.js";

export type FetchRows = (query: Query) => Promise<Observation[]>;

export type TableOutcome =
  | { table: string; status: "refreshed"; rows: number; changed: number; added: number; removed: number; missingColumns: string[] }
  | { table: string; status: "missing" }
  | { table: string; status: "renamed"; now: string }
  /** Loaded from a dropped report: the service has no query for it (drop the file again to update it). */
  | { table: string; status: "file"; file: string }
  | { table: string; status: "failed"; message: string };

export interface RefreshReport {
  /** Set when the service could not be reached: no table was touched. */
  serviceError: string | null;
  tables: TableOutcome[];
  syncs: number;
}

export interface RefreshOptions {
  budget?: number;
  now?: Date;
}

export async function refreshAll(context: Excel.RequestContext, fetchRows: FetchRows, options: RefreshOptions = {}): Promise<RefreshReport> {
  const settings = loadSettings(context);
  const tables = context.workbook.tables.load("items/name,items/id");
  await context.sync();
  let syncs = 1;
  const all = rememberedIn(settings);
  // Tables from dropped reports have no query the service could answer.
  const fromFiles: TableOutcome[] = all.filter((r) => r.file).map((r) => ({ table: r.table, status: "file", file: r.file! }));
  const remembered = all.filter((r) => !r.file);

  // Every query first: if the service is down, the workbook is left exactly as it was.
  let results: Observation[][];
  try {
    results = await Promise.all(remembered.map((r) => fetchRows(r.query)));
  } catch (err) {
    return { serviceError: (err as Error).message, tables: [], syncs };
  }

  const outcomes: TableOutcome[] = [...fromFiles];
  for (const [i, r] of remembered.entries()) {
    const present = tables.items.find((t) => t.name === r.table);
    if (!present) {
      const renamed = r.tableId ? tables.items.find((t) => t.id === r.tableId) : undefined;
      outcomes.push(renamed ? { table: r.table, status: "renamed", now: renamed.name } : { table: r.table, status: "missing" });
      continue;
    }
    try {
      const outcome = await refreshTable(context, r, results[i]!, options);
      syncs += outcome.syncs;
      outcomes.push(outcome.result);
    } catch (err) {
      outcomes.push({ table: r.table, status: "failed", message: (err as Error).message });
    }
  }
  return { serviceError: null, tables: outcomes, syncs };
}

/**
 * Rewrites in place the table loaded earlier from the dropped report `file` (the same file dropped
 * again), as Refresh all does for the service's tables. Null when no such table is in the workbook.
 */
export async function refreshFileTable(context: Excel.RequestContext, file: string, rows: Observation[], options: RefreshOptions = {}): Promise<TableOutcome | null> {
  const settings = loadSettings(context);
  const tables = context.workbook.tables.load("items/name");
  await context.sync();
  const names = new Set(tables.items.map((t) => t.name));
  const r = rememberedIn(settings).find((x) => x.file === file && names.has(x.table));
  if (!r) return null;
  return (await refreshTable(context, r, rows, options)).result;
}

async function refreshTable(
  context: Excel.RequestContext,
  r: Remembered,
  observations: Observation[],
  options: RefreshOptions,
): Promise<{ result: TableOutcome; syncs: number }> {
  const table = context.workbook.tables.getItem(r.table);
  const sheet = table.worksheet;
  const header = table.getHeaderRowRange().load("values,rowIndex,columnIndex,columnCount");
  const body = table.getDataBodyRange().load("rowCount");
  const firstRow = body.getRow(0).load("numberFormat");
  await context.sync();
  let syncs = 1;

  const headers = (header.values[0] ?? []) as unknown[];
  const width = header.columnCount;
  const top = header.rowIndex; // the header row; data starts below it
  const left = header.columnIndex;
  const positions = positionsOf(headers, r.fields);
  const missingColumns = r.fields.filter((_, i) => positions[i]! < 0);
  if (missingColumns.length === r.fields.length) throw new Error("none of the table's columns has a name Zhibiao wrote; rename the headers back or load the table again");
  const ours = r.fields.map((f, i) => ({ f, at: positions[i]! })).filter((x) => x.at >= 0);

  // What the table holds now, for the report (read in response-sized chunks).
  const oldCount = body.rowCount;
  const newCells = observations.map((o) => toCells(o, r.fields));
  const perRead = rowsPerRead(newCells, width / r.fields.length, options.budget);
  const oldWide = await readRows(context, { sheet, top: top + 1, left, width }, oldCount, perRead);
  syncs += Math.ceil(oldCount / perRead);
  const pick = (row: readonly unknown[]) => ours.map((x) => row[x.at]);
  const oldRows = oldWide.map(pick);

  // An Excel table keeps at least one data row: no rows is one empty row.
  const count = Math.max(1, newCells.length);
  if (count !== oldCount) {
    const whole = sheet.getRangeByIndexes(top, left, count + 1, width);
    if (count > oldCount) {
      sheet.getRangeByIndexes(top + 1 + oldCount, left, count - oldCount, width).insert("Down");
      table.resize(whole);
    } else {
      table.resize(whole);
      sheet.getRangeByIndexes(top + 1 + count, left, oldCount - count, width).delete("Up");
    }
    // On its own, so a table that cannot move (another table in the way) is left untouched.
    await context.sync();
    syncs++;
  }

  const oursOnly: Cell[][] = newCells.length ? newCells.map((row) => ours.map((x) => row[r.fields.indexOf(x.f)]!)) : [ours.map(() => "")];
  const wide = widen(oursOnly, ours.map((x) => x.at), width);
  const formats = ours.map((x) => ({ position: x.at, format: String(firstRow.numberFormat[0]?.[x.at] ?? formatOf(x.f)) }));
  syncs += await writeRows(context, { sheet, top: top + 1, left, width }, { rows: wide, formats, formatFrom: oldCount, budget: options.budget });

  remember(context, { ...r, refreshedAt: (options.now ?? new Date()).toISOString() });
  await context.sync();
  syncs++;

  const changes = compareRows(oldRows, newCells.length ? oursOnly : [], ours.findIndex((x) => x.f === "id"));
  return {
    result: { table: r.table, status: "refreshed", rows: newCells.length, missingColumns, ...changes },
    syncs,
  };
}
