// Bundled by the end-to-end test and injected into the task pane page before its scripts run:
// defines `Office` and `Excel` over a fake workbook, and `__zhibiaoFake` for the test to drive
// and inspect it (page.evaluate). The real office.js request is answered with an empty script.
import { fakeOfficeHost } from "./office.js";

const host = fakeOfficeHost();
const g = globalThis as unknown as Record<string, unknown>;
g.Office = host.Office;
g.Excel = host.Excel;
const fakeApi = {
  clickRibbon: (name: string) => host.clickRibbon(name),
  registered: () => host.registered(),
  table: (name: string) => host.excel.table(name),
  tableNames: () => host.excel.tableNames(),
  settings: () => host.excel.settings(),
  select: (sheet: string, address: string) => host.excel.select(sheet, address),
  roundTrips: () => host.excel.roundTrips(),
  shownAsTaskpane: () => host.shownAsTaskpane,
};
g.__zhibiaoFake = fakeApi;

declare global {
  /** What the browser tests drive and inspect with page.evaluate. */
  // eslint-disable-next-line no-var
  var __zhibiaoFake: typeof fakeApi;
}
