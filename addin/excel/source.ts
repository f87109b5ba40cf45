/// <reference types="office-js" />
// Which observation the selected cell shows: the loaded table it sits in and that row's id.
import { loadSettings, rememberedIn } from "./memory.js";

export interface CellObservation {
  table: string;
  id: string;
  /** The column's header (the field) the cell is under. */
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
  const idAt = headers.indexOf("id");
  if (idAt < 0) return null;
  const idCell = cell.worksheet.getRangeByIndexes(cell.rowIndex, box.column + idAt, 1, 1).load("values");
  await context.sync();
  const id = String(idCell.values[0]?.[0] ?? "");
  return id ? { table: box.table, id, field: headers[cell.columnIndex - box.column] ?? "" } : null;
}
