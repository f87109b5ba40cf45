/// <reference types="office-js" />
// Refresh: re-run the query behind remembered tables and rewrite each in place, all or nothing.
// The table object is kept (its style, the user's columns and every formula that refers to it
// survive); it grows or shrinks the way Excel's own external data does: cells are inserted below it
// for new rows and table rows deleted for rows gone, so whatever sits under it moves with it.
//
// Rows are matched by their key (the observation id, or the row key of a wide layout), so the
// user's own cells in columns they added stay with their row when rows come and go; the cells of
// a row that disappears are moved to a sheet of removed notes (archive.ts), never deleted.
//
// What can fail: the table cannot move (another table in the way), a sync fails midway (the
// connection, a request too large). Before its first change the refresh reads what the table
// holds (values, formulas, formats); if any step fails it puts back the size and every cell.
import type { Observation } from "../../kit/types.js";
import type { Query } from "../../server/api.js";
import { archiveCells, unarchive, type Appended, type RemovedCell } from "./archive.js";
import { compareRows, positionsOf, rowsPerRead, type Cell } from "./layout.js";
import { buildGrid, fetchQuery, keyColumnOf, type Grid, type GridColumn } from "./layouts.js";
import { loadSettings, remember, rememberedIn, type Remembered } from "./memory.js";
import { isFormula, readSnapshot, writeRows, type Snapshot } from "./write.js";

export type FetchRows = (query: Query) => Promise<Observation[]>;

export type TableOutcome =
  | {
      table: string;
      status: "refreshed";
      rows: number;
      changed: number;
      added: number;
      removed: number;
      /** Zhibiao's columns the user renamed or removed: not written. */
      missingColumns: string[];
      /** Columns the layout has now that were added at the table's right end (a new year). */
      addedColumns: string[];
      /** Columns the layout has now that could not be added (cells to the table's right are not empty): not shown. */
      newColumns: string[];
      /** The user's cells moved to the removed-notes sheet because their row's observation is gone. */
      movedCells: number;
    }
  | { table: string; status: "missing" }
  | { table: string; status: "renamed"; now: string }
  /** Loaded from a dropped report: the service has no query for it (drop the file again to update it). */
  | { table: string; status: "file"; file: string }
  /** A table that is not the one loaded (the user's own, given the remembered name): left alone. */
  | { table: string; status: "foreign" }
  /** `step`: what failed; `restored`: the table was put back as it was (false only if putting it back failed too). */
  | { table: string; status: "failed"; step: "read" | "archive" | "move" | "write"; message: string; restored: boolean };

export interface RefreshReport {
  /** Set when the service could not be reached: no table was touched. */
  serviceError: string | null;
  /** Set when the reports kept changing while a listing was read (ListingUnstable): no table was touched. */
  unstable?: number;
  tables: TableOutcome[];
  syncs: number;
}

export interface RefreshOptions {
  budget?: number;
  now?: Date;
  /** Refresh only these tables (by name); all remembered tables when absent. */
  only?: readonly string[];
}

export async function refreshAll(context: Excel.RequestContext, fetchRows: FetchRows, options: RefreshOptions = {}): Promise<RefreshReport> {
  const settings = loadSettings(context);
  const tables = context.workbook.tables.load("items/name,items/id");
  await context.sync();
  let syncs = 1;
  const only = options.only ? new Set(options.only.map((n) => n.toLowerCase())) : null;
  const all = rememberedIn(settings).filter((r) => !only || only.has(r.table.toLowerCase()));
  // Tables from dropped reports have no query the service could answer.
  const fromFiles: TableOutcome[] = all.filter((r) => r.file).map((r) => ({ table: r.table, status: "file", file: r.file! }));
  const remembered = all.filter((r) => !r.file);

  // Every query first: if the service is down, the workbook is left exactly as it was.
  let results: Observation[][];
  try {
    results = await Promise.all(remembered.map((r) => fetchRows(fetchQuery(r.layout, r.query))));
  } catch (err) {
    const attempts = (err as { attempts?: unknown }).attempts;
    return { serviceError: (err as Error).message, ...(typeof attempts === "number" ? { unstable: attempts } : {}), tables: [], syncs };
  }

  const outcomes: TableOutcome[] = [...fromFiles];
  for (const [i, r] of remembered.entries()) {
    const present = tables.items.find((t) => t.name.toLowerCase() === r.table.toLowerCase());
    if (!present) {
      const renamed = r.tableId ? tables.items.find((t) => t.id === r.tableId) : undefined;
      outcomes.push(renamed ? { table: r.table, status: "renamed", now: renamed.name } : { table: r.table, status: "missing" });
      continue;
    }
    // The name alone is not enough: after ours was deleted the user may have named a table of their own so.
    if (r.tableId && present.id !== r.tableId) {
      outcomes.push({ table: r.table, status: "foreign" });
      continue;
    }
    const outcome = await refreshTable(context, r, buildGrid(r.layout, results[i]!, r.lang), options);
    syncs += outcome.syncs;
    outcomes.push(outcome.result);
  }
  return { serviceError: null, tables: outcomes, syncs };
}

/**
 * Rewrites in place the table loaded earlier from the dropped report `file` (the same file dropped
 * again), as Refresh all does for the service's tables. Null when no such table is in the workbook.
 */
export async function refreshFileTable(context: Excel.RequestContext, file: string, rows: Observation[], options: RefreshOptions = {}): Promise<TableOutcome | null> {
  const settings = loadSettings(context);
  const tables = context.workbook.tables.load("items/name,items/id");
  await context.sync();
  const r = rememberedIn(settings).find((x) => x.file === file && tables.items.some((t) => t.name.toLowerCase() === x.table.toLowerCase() && (!x.tableId || t.id === x.tableId)));
  if (!r) return null;
  return (await refreshTable(context, r, buildGrid(r.layout, rows, r.lang), options)).result;
}

/** The table whose cells hold the selection, among the remembered ones; null when the selection is in none. */
export async function tableAtSelection(context: Excel.RequestContext): Promise<string | null> {
  const settings = loadSettings(context);
  const tables = context.workbook.tables.load("items/name");
  const cell = context.workbook.getActiveCell().load("rowIndex,columnIndex");
  const cellSheet = cell.worksheet.load("name");
  await context.sync();
  const names = new Set(tables.items.map((t) => t.name.toLowerCase()));
  const loaded = rememberedIn(settings).filter((r) => names.has(r.table.toLowerCase()));
  const parts = loaded.map((r) => {
    const t = context.workbook.tables.getItem(r.table);
    return { table: r.table, range: t.getRange().load("rowIndex,columnIndex,rowCount,columnCount"), sheet: t.worksheet.load("name") };
  });
  await context.sync();
  const hit = parts.find(
    (p) =>
      p.sheet.name === cellSheet.name &&
      cell.rowIndex >= p.range.rowIndex &&
      cell.rowIndex < p.range.rowIndex + p.range.rowCount &&
      cell.columnIndex >= p.range.columnIndex &&
      cell.columnIndex < p.range.columnIndex + p.range.columnCount,
  );
  return hit?.table ?? null;
}

/** The rows to write and the user's cells to move away, from the table's snapshot and the new grid. Pure. */
export function planRows(
  r: Pick<Remembered, "table" | "layout" | "columns">,
  headers: readonly unknown[],
  grid: Grid,
  snap: Snapshot,
): {
  values: (Cell | null)[][];
  formulas: (string | null)[][];
  cellFormats: (string | null)[][];
  removed: RemovedCell[];
  missingColumns: string[];
  newColumns: string[];
  /** Zhibiao's cells before and after, for the report. */
  before: Cell[][];
  after: Cell[][];
  keyAt: number;
} {
  const width = headers.length;
  const at = positionsOf(headers, r.columns.map((c) => c.header));
  const missingColumns = r.columns.filter((_, i) => at[i]! < 0).map((c) => c.header);
  if (missingColumns.length === r.columns.length) throw new Error("none of the table's columns has a header Zhibiao wrote; rename the headers back or insert the table again");
  const gridAt = new Map(grid.columns.map((c, i) => [c.key, i]));
  const ours = r.columns.map((c, i) => ({ key: c.key, header: c.header, at: at[i]!, g: gridAt.get(c.key) ?? -1 })).filter((x) => x.at >= 0);
  const known = new Set(r.columns.map((c) => c.key));
  const newColumns = grid.columns.filter((c) => !known.has(c.key)).map((c) => c.header);
  const keyCol = keyColumnOf(r.layout.kind);
  const keyAt = ours.find((x) => x.key === keyCol)?.at ?? -1;
  const keyG = gridAt.get(keyCol) ?? -1;
  const oursAt = new Set(ours.map((x) => x.at));
  const userAt = Array.from({ length: width }, (_, p) => p).filter((p) => !oursAt.has(p));

  const gridRows: Cell[][] = grid.rows.length ? grid.rows : [grid.columns.map(() => "")];
  const oursOf = (g: Cell[]) => ours.map((x) => (x.g >= 0 ? g[x.g]! : ""));
  const values: (Cell | null)[][] = [];
  const formulas: (string | null)[][] = [];
  const cellFormats: (string | null)[][] = [];
  const removed: RemovedCell[] = [];
  const blank = () => new Array<null>(width).fill(null);

  if (keyAt < 0 || keyG < 0) {
    // No key column (the user renamed it): rows by position, the user's cells left where they are.
    for (const g of gridRows) {
      const row: (Cell | null)[] = blank();
      ours.forEach((x, i) => (row[x.at] = oursOf(g)[i]!));
      values.push(row);
      formulas.push(blank());
      cellFormats.push(blank());
    }
  } else {
    const oldAt = new Map<string, number>();
    snap.values.forEach((v, i) => {
      const k = String(v[keyAt] ?? "");
      if (k !== "" && !oldAt.has(k)) oldAt.set(k, i);
    });
    // A column whose every row holds the same relative formula is a calculated column: new rows get it too.
    const calculated = new Map<number, string>();
    for (const p of userAt) {
      const f = snap.formulas[0]?.[p];
      if (snap.values.length && snap.values.every((_, i) => isFormula(snap, i, p) && snap.formulas[i]![p] === f)) calculated.set(p, f!);
    }
    const kept = new Set<string>();
    for (const g of gridRows) {
      const row: (Cell | null)[] = blank();
      const frow: (string | null)[] = blank();
      const nrow: (string | null)[] = blank();
      ours.forEach((x, i) => (row[x.at] = oursOf(g)[i]!));
      const k = String(g[keyG] ?? "");
      const o = k !== "" ? oldAt.get(k) : undefined;
      if (o !== undefined) kept.add(k);
      for (const p of userAt) {
        if (o !== undefined) {
          if (isFormula(snap, o, p)) frow[p] = snap.formulas[o]![p]!;
          else row[p] = snap.values[o]![p]!;
          nrow[p] = snap.formats[o]![p]!;
        } else if (calculated.has(p)) frow[p] = calculated.get(p)!;
        else row[p] = "";
      }
      values.push(row);
      formulas.push(frow);
      cellFormats.push(nrow);
    }
    snap.values.forEach((v, i) => {
      const k = String(v[keyAt] ?? "");
      if (kept.has(k)) return;
      const label = ours.filter((x) => x.at !== keyAt).slice(0, 4).map((x) => String(v[x.at] ?? "")).filter(Boolean).join(" · ");
      for (const p of userAt) {
        const formula = isFormula(snap, i, p) && !calculated.has(p) ? snap.formulas[i]![p]! : "";
        if ((v[p] ?? "") === "" && formula === "") continue;
        if (calculated.has(p)) continue; // the column's formula, not something the user wrote for this row
        removed.push({ table: r.table, key: k, row: label, column: String(headers[p] ?? ""), content: v[p] ?? "", formula });
      }
    });
  }
  const before = snap.values.map((v) => ours.map((x) => v[x.at] ?? ""));
  const after = grid.rows.map(oursOf);
  return { values, formulas, cellFormats, removed, missingColumns, newColumns, before, after, keyAt: ours.findIndex((x) => x.at === keyAt) };
}

/** Where the refresh got to, so a failure can be undone step by step. */
interface Progress {
  appended: Appended | null;
  inserted: number;
  resized: boolean;
  shrunk: number;
  /** Columns added at the right end. */
  widened: number;
  written: boolean;
}

async function refreshTable(context: Excel.RequestContext, r: Remembered, grid: Grid, options: RefreshOptions): Promise<{ result: TableOutcome; syncs: number }> {
  const table = context.workbook.tables.getItem(r.table);
  const sheet = table.worksheet;
  const header = table.getHeaderRowRange().load("values,rowIndex,columnIndex,columnCount");
  const body = table.getDataBodyRange().load("rowCount");
  let syncs = 0;
  let snap: Snapshot;
  let plan: ReturnType<typeof planRows>;
  let top: number, left: number, width: number, oldCount: number;
  let headers: unknown[];
  let added: GridColumn[] = [];
  let remembered = r;
  try {
    await context.sync();
    syncs++;
    width = header.columnCount;
    top = header.rowIndex; // the header row; data starts below it
    left = header.columnIndex;
    oldCount = body.rowCount;
    const perRead = rowsPerRead(grid.rows, (3 * width) / Math.max(1, grid.columns.length), options.budget);
    snap = await readSnapshot(context, { sheet, top: top + 1, left, width }, oldCount, perRead);
    syncs += Math.ceil(oldCount / perRead);
    headers = (header.values[0] ?? []) as unknown[];
    // Columns the layout has gained (a new year, a new indicator) go at the table's right end, if
    // nothing is there: the table is widened over empty cells only. Refresh finds every column by
    // its header, so the user may move them anywhere afterwards.
    const known = new Set(r.columns.map((c) => c.key));
    const fresh = grid.columns.filter((c) => !known.has(c.key));
    let planned = snap;
    if (fresh.length) {
      const strip = sheet.getRangeByIndexes(top, left + width, Math.max(1, grid.rows.length) + 1, fresh.length).getUsedRangeOrNullObject(false).load("address");
      await context.sync();
      syncs++;
      if (strip.isNullObject) {
        added = fresh;
        remembered = { ...r, columns: [...r.columns, ...fresh.map((c) => ({ key: c.key, header: c.header }))] };
        headers = [...headers, ...fresh.map((c) => c.header)];
        const more = <T>(rows: T[][], v: T) => rows.map((row) => [...row, ...fresh.map(() => v)]);
        planned = { values: more(snap.values, ""), formulas: more(snap.formulas, ""), formats: more(snap.formats, "General") };
      }
    }
    plan = planRows(remembered, headers, grid, planned);
  } catch (err) {
    return { result: { table: r.table, status: "failed", step: "read", message: (err as Error).message, restored: true }, syncs };
  }

  const count = plan.values.length;
  const block = { sheet, top: top + 1, left, width: width + added.length };
  const progress: Progress = { appended: null, inserted: 0, resized: false, shrunk: 0, widened: 0, written: false };
  let step: "archive" | "move" | "write" = "archive";
  try {
    if (plan.removed.length) {
      progress.appended = await archiveCells(context, plan.removed, r.lang, options.now ?? new Date());
      syncs += 2;
    }
    step = "move";
    if (count > oldCount) {
      // Cells below the table move down first, then the table takes the new rows: two syncs, so
      // a failure is known to have happened before or after each.
      sheet.getRangeByIndexes(top + 1 + oldCount, left, count - oldCount, width).insert("Down");
      await context.sync();
      syncs++;
      progress.inserted = count - oldCount;
      table.resize(sheet.getRangeByIndexes(top, left, count + 1, width));
      await context.sync();
      syncs++;
      progress.resized = true;
    } else if (count < oldCount) {
      // Deleting the table's own last rows shrinks it in one command: refused, nothing has changed.
      sheet.getRangeByIndexes(top + 1 + count, left, oldCount - count, width).delete("Up");
      await context.sync();
      syncs++;
      progress.shrunk = oldCount - count;
    }
    if (added.length) {
      table.resize(sheet.getRangeByIndexes(top, left, count + 1, width + added.length));
      await context.sync();
      syncs++;
      progress.widened = added.length;
    }
    step = "write";
    if (added.length) sheet.getRangeByIndexes(top, left + width, 1, added.length).values = [added.map((c) => c.header)];
    const formats = plan.values[0]!
      .map((_, p) => p)
      .filter((p) => plan.values.some((row) => row[p] !== null) && !plan.cellFormats.some((row) => row[p] !== null))
      .map((p) => ({ position: p, format: p < width ? (snap.formats[0]?.[p] ?? "General") : (added[p - width]?.format ?? "General") }));
    progress.written = true;
    // Rows that were there keep their formats, except in the columns just added.
    const fresh = formats.filter((f) => f.position >= width);
    if (fresh.length) {
      for (const f of fresh) sheet.getRangeByIndexes(top + 1, left + f.position, Math.min(count, oldCount), 1).numberFormat = Array.from({ length: Math.min(count, oldCount) }, () => [f.format]);
    }
    syncs += await writeRows(context, block, { rows: plan.values, formulas: plan.formulas, cellFormats: plan.cellFormats, formats, formatFrom: oldCount, budget: options.budget });
    remember(context, { ...remembered, refreshedAt: (options.now ?? new Date()).toISOString() });
    await context.sync();
    syncs++;
  } catch (err) {
    const restored = await restore(context, table, sheet, { top, left, width, oldCount, count }, progress, snap, options.budget).then(
      (n) => {
        syncs += n;
        return true;
      },
      () => false,
    );
    return { result: { table: r.table, status: "failed", step, message: (err as Error).message, restored }, syncs };
  }

  const changes = compareRows(plan.before, plan.after, plan.keyAt);
  return {
    result: {
      table: r.table,
      status: "refreshed",
      rows: grid.rows.length,
      missingColumns: plan.missingColumns,
      addedColumns: added.map((c) => c.header),
      newColumns: plan.newColumns,
      movedCells: plan.removed.length,
      ...changes,
    },
    syncs,
  };
}

/** Puts the table back as the snapshot has it: its size, then every cell. Returns the syncs made. */
async function restore(
  context: Excel.RequestContext,
  table: Excel.Table,
  sheet: Excel.Worksheet,
  at: { top: number; left: number; width: number; oldCount: number; count: number },
  progress: Progress,
  snap: Snapshot,
  budget?: number,
): Promise<number> {
  const { top, left, width, oldCount, count } = at;
  let syncs = 0;
  if (progress.widened) {
    // Back to the old width, and the cells it took over emptied again (they were empty).
    table.resize(sheet.getRangeByIndexes(top, left, count + 1, width));
    const strip = sheet.getRangeByIndexes(top, left + width, count + 1, progress.widened);
    strip.values = Array.from({ length: count + 1 }, () => new Array<string>(progress.widened).fill(""));
    strip.numberFormat = Array.from({ length: count + 1 }, () => new Array<string>(progress.widened).fill("General"));
  }
  if (progress.resized) table.resize(sheet.getRangeByIndexes(top, left, oldCount + 1, width));
  if (progress.inserted) sheet.getRangeByIndexes(top + 1 + oldCount, left, progress.inserted, width).delete("Up");
  // Rows inserted inside the table (above its last row) make it grow again.
  if (progress.shrunk) sheet.getRangeByIndexes(top + oldCount - progress.shrunk, left, progress.shrunk, width).insert("Down");
  if (progress.appended) unarchive(context, progress.appended);
  await context.sync();
  syncs++;
  if (progress.written || progress.shrunk) {
    const values = snap.values.map((row, i) => row.map((v, c) => (isFormula(snap, i, c) ? null : v)));
    const formulas = snap.formulas.map((row, i) => row.map((f, c) => (isFormula(snap, i, c) ? f : null)));
    syncs += await writeRows(context, { sheet, top: top + 1, left, width }, { rows: values, formulas, cellFormats: snap.formats, formats: [], formatFrom: oldCount, budget });
  }
  return syncs;
}
