// The workbook's 计划与实际 Plan vs result sheet, written from invented reports of two years and
// read back with exceljs: each target against its result across reports, both documents named.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeWorkbook } from "../export/xlsx.js";
import { PLAN_RESULT_COLUMNS, SERIES_COLUMNS, seriesSheetRows } from "../export/xlsx/series.js";
import { extractReports, REPORTS } from "./helpers/series-reports.js";

const SHEET = "计划与实际 Plan vs result";
const MISSED_FILL = "FFFFC7CE";

const extractAll = extractReports;

let dir = "";
let wb: ExcelJS.Workbook;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-series-xlsx-"));
  const file = path.join(dir, "series.xlsx");
  await writeWorkbook(extractAll(Object.keys(REPORTS)), file);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The sheet's rows as records by header. */
function records(ws: ExcelJS.Worksheet): { record: Record<string, unknown>; row: ExcelJS.Row }[] {
  const head = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const out: { record: Record<string, unknown>; row: ExcelJS.Row }[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    out.push({ row, record: Object.fromEntries(head.map((h, i) => [h, row.getCell(i + 1).value])) });
  }
  return out;
}

describe("the Plan vs result sheet", () => {
  it("is an Excel table after the other sheets, one row per target and measure", () => {
    const ws = wb.getWorksheet(SHEET)!;
    expect(wb.worksheets.map((w) => w.name).slice(-2)).toEqual([SHEET, "序列 Series"]);
    const t = ws.getTable("PlanResult") as unknown as { table: { name: string; tableRef: string; columns: { name: string }[] } };
    expect(t.table.columns.map((c) => c.name)).toEqual(PLAN_RESULT_COLUMNS.map((c) => c.key));
    expect(t.table.tableRef).toBe(`A1:T5`);
    expect(records(ws).map(({ record }) => `${record.indicator} ${record.measure} ${record.verdict}`).sort()).toEqual([
      "一般公共预算收入 value met",
      "固定资产投资 growth_pct missed",
      "地区生产总值 growth_pct met",
      "社会消费品零售总额 growth_pct missed",
    ]);
  });

  it("gives the numbers as numbers and names both documents; a missed target is shaded", () => {
    const rows = records(wb.getWorksheet(SHEET)!);
    const gdp = rows.find(({ record }) => record.indicator === "地区生产总值")!;
    expect(gdp.record).toMatchObject({
      region: "遂溪县", period: "2023", qualifier: "about", target: 6, result: 5.7, unit: "%", gap: -0.3, verdict: "met",
      target_figure: "≈+6%", result_figure: "339.1 亿元 · +5.7%", target_doc: "gwr-2023.txt", target_type: "government_work_report", target_date: "2023-01-10",
      result_doc: "bulletin-2023.txt", result_type: "statistical_bulletin", result_date: "2024-03-18", result_reason: "document_type",
    });
    expect((gdp.row.getCell(1).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBeUndefined();
    const revenue = rows.find(({ record }) => record.indicator === "一般公共预算收入")!;
    expect(revenue.record).toMatchObject({ target: 12, result: 11.8, unit: "亿元", gap: -0.2 });
    expect(revenue.row.getCell(PLAN_RESULT_COLUMNS.findIndex((c) => c.key === "result") + 1).numFmt).toBe("#,##0.0");
    const retail = rows.find(({ record }) => record.indicator === "社会消费品零售总额")!;
    expect((retail.row.getCell(1).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBe(MISSED_FILL);
  });

  it("is an empty table where no target has its result yet", () => {
    expect(seriesSheetRows(extractAll(["gwr-2023.txt"])).planResult).toEqual([]);
  });
});

describe("the Series sheet", () => {
  it("lists each vintage of the facts stated more than once, the one used marked, with its revision", () => {
    const ws = wb.getWorksheet("序列 Series")!;
    const t = ws.getTable("Series") as unknown as { table: { columns: { name: string }[] } };
    expect(t.table.columns.map((c) => c.name)).toEqual(SERIES_COLUMNS.map((c) => c.key));
    const rows = records(ws).map(({ record }) => record);
    const gdp2022 = rows.filter((r) => r.indicator === "地区生产总值" && r.period === "2022" && r.side === "result");
    expect(gdp2022.map((r) => [r.doc, r.type, r.date, r.kind, r.value, r.unit, r.growth_pct, r.preferred, r.reason, r.value_revision, r.growth_revision])).toEqual([
      ["gwr-2023.txt", "government_work_report", "2023-01-10", "estimate", 320, "亿元", 4.5, false, null, null, null],
      ["plan-2023.txt", "plan_report", "2023-01-12", "estimate", 3200000, "万元", 4.5, false, null, null, null],
      ["bulletin-2022.txt", "statistical_bulletin", "2023-03-20", "actual", 318.6, "亿元", 4.2, true, "document_type", -14000, -0.3],
    ]);
    // A fact one report states is not a series: 2024's targets are stated once.
    expect(rows.some((r) => r.period === "2024")).toBe(false);
  });

  it("is empty for a single report", () => {
    expect(seriesSheetRows(extractAll(["gwr-2023.txt"])).series).toEqual([]);
  });
});
