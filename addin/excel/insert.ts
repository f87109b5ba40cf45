/// <reference types="office-js" />
// Insert: observations → a named, styled Excel table in one of the layouts (layouts.ts) at the
// selection or on a new sheet, and the query, layout and columns behind it remembered in the
// workbook so Refresh can redo it.
import type { Observation } from "../../kit/types.js";
import type { Query } from "../../server/api.js";
import { FIELDS, TABLE_STYLE, sheetName, tableName, type Cell } from "./layout.js";
import type { Lang } from "./labels.js";
import { buildGrid, type LayoutSpec } from "./layouts.js";
import { remember } from "./memory.js";
import { writeRows } from "./write.js";

export type Target = "selection" | "newSheet";

export interface InsertRequest {
  rows: Observation[];
  query: Query;
  /** Display names of filter values (indicator ids → names), for the table's name. */
  labels?: Record<string, string>;
  target: Target;
  /** The long table with every column when absent. */
  layout?: LayoutSpec;
  /** Headers and code cells in Chinese (the default) or English. */
  lang?: Lang;
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

export const LONG_ALL: LayoutSpec = { kind: "long", fields: [...FIELDS, "value_std", "unit_std"] };

export async function insertTable(context: Excel.RequestContext, req: InsertRequest): Promise<InsertResult> {
  const wb = context.workbook;
  const layout = req.layout ?? LONG_ALL;
  const lang = req.lang ?? "zh";
  const grid = buildGrid(layout, req.rows, lang);
  const width = grid.columns.length;
  // An Excel table has at least one data row: an empty result is a header and one empty row.
  const data: Cell[][] = grid.rows.length ? grid.rows : [grid.columns.map(() => "")];
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
      rows: [grid.columns.map((c) => c.header), ...data],
      formats: grid.columns.map((c, position) => ({ position, format: c.format })),
      formatFrom: 1,
      budget: req.budget,
    },
  );

  const table = sheet.tables.add(sheet.getRangeByIndexes(top, left, height, width), true);
  table.name = name;
  table.style = TABLE_STYLE;
  table.getRange().format.autofitColumns();
  grid.columns.forEach((c, i) => {
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
    layout,
    lang,
    columns: grid.columns.map((c) => ({ key: c.key, header: c.header })),
    insertedAt: (req.now ?? new Date()).toISOString(),
    refreshedAt: null,
    file: req.file ?? null,
  });
  await context.sync();
  syncs++;
  return { table: table.name, sheet: sheet.name, rows: grid.rows.length, syncs };
}
