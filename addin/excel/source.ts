/// <reference types="office-js" />
// Which observation the selected cell shows: the loaded table it sits in and that row's id.
import { loadSettings, rememberedIn } from "./memory.js";

export interface CellObservation {
  table: string;
  id: string;
  /** The field of the column the cell is under (the header, for a column of the user's). */
  field: string;
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
  // Only the long layout has an observation per row; its id column is found by the header written.
  const r = loaded.find((x) => x.table === box.table)!;
  const idHeader = r.layout.kind === "long" ? r.columns.find((c) => c.key === "id")?.header : undefined;
  const idAt = idHeader === undefined ? -1 : headers.indexOf(idHeader);
  if (idAt < 0) return null;
  const idCell = cell.worksheet.getRangeByIndexes(cell.rowIndex, box.column + idAt, 1, 1).load("values");
  await context.sync();
  const id = String(idCell.values[0]?.[0] ?? "");
  const header = headers[cell.columnIndex - box.column] ?? "";
  return id ? { table: box.table, id, field: r.columns.find((c) => c.header === header)?.key ?? header } : null;
}
