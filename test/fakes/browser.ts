// Bundled by the end-to-end test and injected into the task pane page before its scripts run:
// defines `Office` and `Excel` over a fake workbook, and `__zhibiaoFake` for the test to drive
// and inspect it (page.evaluate). The real office.js request is answered with an empty script.
import { FakeExcel } from "./excel.js";
import { fakeOfficeHost } from "./office.js";

/** A workbook the test saved before reloading the page: the same file opened again. */
const SAVED = "zhibiao.fakeWorkbook";
const saved = globalThis.localStorage?.getItem(SAVED);
const host = fakeOfficeHost(saved ? FakeExcel.open(saved) : new FakeExcel());
const g = globalThis as unknown as Record<string, unknown>;
g.Office = host.Office;
g.Excel = host.Excel;
g.CustomFunctions = host.CustomFunctions;
const fakeApi = {
  clickRibbon: (name: string) => host.clickRibbon(name),
  registered: () => host.registered(),
  table: (name: string) => host.excel.table(name),
  tableNames: () => host.excel.tableNames(),
  settings: () => host.excel.settings(),
  /** Saves the workbook so the next page load opens it (closing and reopening it in Excel). */
  saveForReopen: () => globalThis.localStorage.setItem(SAVED, host.excel.save()),
  select: (sheet: string, address: string) => host.excel.select(sheet, address),
  roundTrips: () => host.excel.roundTrips(),
  shownAsTaskpane: () => host.shownAsTaskpane,
  /** Typing into a cell, as the user does (a formula is evaluated by the host). */
  type: (sheet: string, address: string, text: string | number) => host.excel.type(sheet, address, text),
  cell: (sheet: string, address: string) => host.excel.cell(sheet, address),
  cellError: (sheet: string, address: string) => host.excel.cellError(sheet, address),
  calculated: () => host.excel.calculated(),
  functions: () => [...host.excel.functions.registered.keys()],
};
g.__zhibiaoFake = fakeApi;

declare global {
  /** What the browser tests drive and inspect with page.evaluate. */
  // eslint-disable-next-line no-var
  var __zhibiaoFake: typeof fakeApi;
}
