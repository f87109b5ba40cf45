/// <reference types="office-js" />
// Insert: observations → a named, styled Excel table at the selection or on a new sheet, and the
// query behind it remembered in the workbook.
import type { Observation } from "../../kit/types.js";
import type { Query } from "../../server/api.js";
import { COLUMNS, FIELDS, TABLE_STYLE, sheetName, tableName, toCells, type Cell } from "./layout.js";
import { remember } from "./memory.js";
import { writeRows } from "./write.js";

export type Target = "selection" | "newSheet";

export interface InsertRequest {
  rows: Observation[];
  query: Query;
  /** Display names of filter values (indicator ids → names), for the table's name. */
  labels?: Record<string, string>;
  target: Target;
  now?: Date;
  budget?: number;
  /** The dropped report the rows come from (no service query behind them); see Remembered.file. */
  file?: string;
}

export interface InsertResult {
  table: string;
  sheet: string;
  rows: number;
  syncs: number;
}

/** The cells the table would cover are not empty; nothing was written. */
export class TargetNotEmpty extends Error {
  constructor(readonly address: string) {
    super(`the cells at ${address} are not empty`);
    this.name = "TargetNotEmpty";
  }
}

export async function insertTable(context: Excel.RequestContext, req: InsertRequest): Promise<InsertResult> {
  const wb = context.workbook;
  const width = FIELDS.length;
  // An Excel table has at least one data row: an empty result is a header and one empty row.
  const data: Cell[][] = req.rows.length ? req.rows.map((o) => toCells(o, FIELDS)) : [FIELDS.map(() => "")];
  const height = data.length + 1;
  let syncs = 0;

  const tables = wb.tables.load("items/name");
  let sheet: Excel.Worksheet;
  let top = 0;
  let left = 0;
  if (req.target === "selection") {
    const cell = wb.getActiveCell().load("rowIndex,columnIndex");
    sheet = wb.worksheets.getActiveWorksheet().load("name");
    await context.sync();
    syncs++;
    top = cell.rowIndex;
    left = cell.columnIndex;
    const used = sheet.getRangeByIndexes(top, left, height, width).getUsedRangeOrNullObject(true).load("address");
    await context.sync();
    syncs++;
    if (!used.isNullObject) throw new TargetNotEmpty(used.address);
  } else {
    const sheets = wb.worksheets.load("items/name");
    await context.sync();
    syncs++;
    sheet = wb.worksheets.add(sheetName(sheets.items.map((s) => s.name)));
    sheet.load("name");
  }
  const name = tableName(req.query, req.labels ?? {}, tables.items.map((t) => t.name));

  syncs += await writeRows(
    context,
    { sheet, top, left, width },
    {
      rows: [FIELDS.slice() as Cell[], ...data],
      formats: COLUMNS.map((c, position) => ({ position, format: c.format })),
      formatFrom: 1,
      budget: req.budget,
    },
  );

  const table = sheet.tables.add(sheet.getRangeByIndexes(top, left, height, width), true);
  table.name = name;
  table.style = TABLE_STYLE;
  table.getRange().format.autofitColumns();
  COLUMNS.forEach((c, i) => {
    if (c.width) sheet.getRangeByIndexes(top, left + i, height, 1).format.columnWidth = c.width;
  });
  if (req.target === "newSheet") {
    sheet.activate();
    sheet.freezePanes.freezeRows(1);
  }
  table.load("id,name");
  await context.sync();
  syncs++;

  remember(context, {
    table: table.name,
    tableId: table.id,
    query: req.query,
    fields: [...FIELDS],
    insertedAt: (req.now ?? new Date()).toISOString(),
    refreshedAt: null,
    file: req.file ?? null,
  });
  await context.sync();
  syncs++;
  return { table: table.name, sheet: sheet.name, rows: req.rows.length, syncs };
}
