/// <reference types="office-js" />
// Where the user's own cells go when their row's observation disappears from the reports: a
// sheet named in columns.json (指标_已移除的备注), one row per cell, saying which table, which row
// and which column it was in. Nothing the user typed is deleted by a refresh.
import { REMOVED_SHEET, type Cell } from "./layout.js";
import { headerOf, type Lang } from "./labels.js";

export interface RemovedCell {
  table: string;
  /** The row's key (observation id, or region|indicator|… in the wide layouts). */
  key: string;
  /** What the row showed, for a reader: its first cells joined. */
  row: string;
  column: string;
  content: Cell;
  /** R1C1, or "" for a constant. */
  formula: string;
}

const FIELDS = ["table", "key", "row", "column", "content", "formula", "removed_at"] as const;

/** Where the rows were appended, so a failed refresh can take them out again. */
export interface Appended {
  sheet: string;
  /** The sheet was added for these rows (and goes again with them). */
  created: boolean;
  top: number;
  count: number;
}

/** Appends the cells below what the sheet holds (creating it with a header row); returns where. Two syncs. */
export async function archiveCells(context: Excel.RequestContext, cells: readonly RemovedCell[], lang: Lang, now: Date): Promise<Appended> {
  const existing = context.workbook.worksheets.getItemOrNullObject(REMOVED_SHEET);
  existing.load("name");
  await context.sync();
  let sheet: Excel.Worksheet;
  let top: number;
  const created = existing.isNullObject;
  if (created) {
    sheet = context.workbook.worksheets.add(REMOVED_SHEET);
    const header = sheet.getRangeByIndexes(0, 0, 1, FIELDS.length);
    header.values = [FIELDS.map((f) => headerOf(f, lang))];
    top = 1;
  } else {
    sheet = existing;
    const used = sheet.getUsedRangeOrNullObject(true).load("rowIndex,rowCount");
    await context.sync();
    top = used.isNullObject ? 1 : used.rowIndex + used.rowCount;
  }
  const rows = cells.map((c) => [c.table, c.key, c.row, c.column, c.content, c.formula, now.toISOString()]);
  const range = sheet.getRangeByIndexes(top, 0, rows.length, FIELDS.length);
  // Text, so a note that starts with = stays a note.
  range.numberFormat = rows.map((r) => r.map((v) => (typeof v === "number" ? "General" : "@")));
  range.values = rows;
  const appended = { sheet: REMOVED_SHEET, created, top, count: rows.length };
  try {
    await context.sync();
  } catch (err) {
    // Part of the batch may have run (the sheet added, the formats set): take it out again.
    unarchive(context, appended);
    await context.sync();
    throw err;
  }
  return appended;
}

/** Takes appended rows out again (queued with the caller's next sync). */
export function unarchive(context: Excel.RequestContext, a: Appended): void {
  const sheet = context.workbook.worksheets.getItem(a.sheet);
  if (a.created) sheet.delete();
  else sheet.getRangeByIndexes(a.top, 0, a.count, FIELDS.length).delete("Up");
}
