/// <reference types="office-js" />
// Which observation the selected cell shows: the loaded table it sits in and that row's id (the
// long layout), or what the cell stands for in a wide layout (region, indicator, period, kind,
// from its row key and column), for the pane to look up.
import type { Kind } from "../../kit/types.js";
import type { LayoutKind } from "./layouts.js";
import { loadSettings, rememberedIn } from "./memory.js";

/** What a cell of a wide layout stands for; `kind` null is the best result (actual, else estimate). */
export interface CellLookup {
  region: string;
  indicator: string;
  period: string;
  kind: Kind | null;
}

export interface CellObservation {
  table: string;
  /** The row's observation id (long layout), else null. */
  id: string | null;
  /** What a wide layout's cell stands for, else null. */
  lookup: CellLookup | null;
  /** The field of the column the cell is under (the header, for a column of the user's). */
  field: string;
}

/** A wide layout's cell → what it stands for, from the row key (layouts.ts) and the column's key. Pure. */
export function lookupOf(layout: LayoutKind, rowKey: string, columnKey: string): CellLookup | null {
  const p = rowKey.split("|");
  if (p.length !== 3 || p.some((x) => x === "")) return null;
  if (layout === "years" && columnKey.startsWith("period:")) return { region: p[0]!, indicator: p[1]!, kind: p[2] as Kind, period: columnKey.slice("period:".length) };
  if (layout === "regions" && columnKey.startsWith("indicator:")) return { region: p[0]!, period: p[1]!, kind: p[2] as Kind, indicator: columnKey.slice("indicator:".length) };
  if (layout === "plan") {
    const target = columnKey === "target" || columnKey === "target_figure";
    const result = columnKey === "result" || columnKey === "result_figure";
    return target || result ? { region: p[0]!, indicator: p[1]!, period: p[2]!, kind: target ? "target" : null } : null;
  }
  return null;
}

interface Box {
  sheet: string;
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** The table box holding the cell, data rows only (the header row shows no number). */
export function boxAt(boxes: readonly (Box & { table: string })[], sheet: string, row: number, column: number): (Box & { table: string }) | undefined {
  return boxes.find((b) => b.sheet === sheet && row > b.row && row < b.row + b.rows && column >= b.column && column < b.column + b.columns);
}

export async function observationAtSelection(context: Excel.RequestContext): Promise<CellObservation | null> {
  const wb = context.workbook;
  const settings = loadSettings(context);
  const tables = wb.tables.load("items/name");
  const cell = wb.getActiveCell().load("rowIndex,columnIndex");
  const cellSheet = cell.worksheet.load("name");
  await context.sync();

  const names = new Set(tables.items.map((t) => t.name));
  const loaded = rememberedIn(settings).filter((r) => names.has(r.table));
  if (!loaded.length) return null;
  const parts = loaded.map((r) => {
    const t = wb.tables.getItem(r.table);
    return { table: r.table, range: t.getRange().load("rowIndex,columnIndex,rowCount,columnCount"), sheet: t.worksheet.load("name"), header: t.getHeaderRowRange().load("values") };
  });
  await context.sync();

  const boxes = parts.map((p) => ({ table: p.table, sheet: p.sheet.name, row: p.range.rowIndex, column: p.range.columnIndex, rows: p.range.rowCount, columns: p.range.columnCount }));
  const box = boxAt(boxes, cellSheet.name, cell.rowIndex, cell.columnIndex);
  if (!box) return null;
  const headers = (parts.find((p) => p.table === box.table)!.header.values[0] ?? []).map(String);
  const r = loaded.find((x) => x.table === box.table)!;
  const keyHeader = r.columns.find((c) => c.key === (r.layout.kind === "long" ? "id" : "key"))?.header;
  const keyAt = keyHeader === undefined ? -1 : headers.indexOf(keyHeader);
  if (keyAt < 0) return null;
  const keyCell = cell.worksheet.getRangeByIndexes(cell.rowIndex, box.column + keyAt, 1, 1).load("values");
  await context.sync();
  const key = String(keyCell.values[0]?.[0] ?? "");
  const header = headers[cell.columnIndex - box.column] ?? "";
  const field = r.columns.find((c) => c.header === header)?.key ?? header;
  if (!key) return null;
  if (r.layout.kind === "long") return { table: box.table, id: key, lookup: null, field };
  const lookup = lookupOf(r.layout.kind, key, field);
  return lookup ? { table: box.table, id: null, lookup, field } : null;
}
