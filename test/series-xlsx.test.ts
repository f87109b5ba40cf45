// The workbook's 计划与实际 Plan vs result sheet, written from invented reports of two years and
// read back with exceljs: each target against its result across reports, both documents named.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeWorkbook } from "../export/xlsx.js";
import { PLAN_RESULT_COLUMNS, planResultRows } from "../export/xlsx/plan-result.js";
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
    expect(wb.worksheets.at(-1)?.name).toBe(SHEET);
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
    expect(planResultRows(extractAll(["gwr-2023.txt"]))).toEqual([]);
  });
});
