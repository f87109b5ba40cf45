// The workbook's 计划与实际 Plan vs result sheet, written from invented reports of two years and
// read back with exceljs: each target against its result across reports, both documents named.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeWorkbook } from "../export/xlsx.js";
import { fieldLabel } from "../kit/lexicon/labels.js";
import { PLAN_RESULT_COLUMNS, SERIES_COLUMNS, seriesSheetRows } from "../export/xlsx/series.js";
import { extractReports, REPORTS } from "./helpers/series-reports.js";

const SHEET = "计划与实际";
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

/** The sheet's rows as records by column key (the headers are their Chinese labels, in the spec's order). */
function records(ws: ExcelJS.Worksheet, columns: readonly { key: string }[] = PLAN_RESULT_COLUMNS): { record: Record<string, unknown>; row: ExcelJS.Row }[] {
  expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(columns.map((c) => fieldLabel(c.key, "zh")));
  const head = columns.map((c) => c.key);
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
    expect(wb.worksheets.map((w) => w.name).slice(-2)).toEqual([SHEET, "序列"]);
    const t = ws.getTable("PlanResult") as unknown as { table: { name: string; tableRef: string; columns: { name: string }[] } };
    expect(t.table.columns.map((c) => c.name)).toEqual(PLAN_RESULT_COLUMNS.map((c) => fieldLabel(c.key, "zh")));
    expect(t.table.tableRef).toBe(`A1:T5`);
    expect(records(ws).map(({ record }) => `${record.indicator} ${record.measure} ${record.verdict}`).sort()).toEqual([
      "一般公共预算收入 数值 达成",
      "固定资产投资 增速 未达成",
      "地区生产总值 增速 达成",
      "社会消费品零售总额 增速 未达成",
    ]);
  });

  it("gives the numbers as numbers and names both documents; a missed target is shaded", () => {
    const rows = records(wb.getWorksheet(SHEET)!);
    const gdp = rows.find(({ record }) => record.indicator === "地区生产总值")!;
    expect(gdp.record).toMatchObject({
      region: "遂溪县", period: "2023", qualifier: "左右", target: 6, result: 5.7, unit: "%", gap: -0.3, verdict: "达成",
      target_figure: "≈+6%", result_figure: "339.1 亿元 · +5.7%", target_doc: "gwr-2023.txt", target_type: "政府工作报告", target_date: "2023-01-10",
      result_doc: "bulletin-2023.txt", result_type: "统计公报", result_date: "2024-03-18", result_reason: "文档类型优先",
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
    const ws = wb.getWorksheet("序列")!;
    const t = ws.getTable("Series") as unknown as { table: { columns: { name: string }[] } };
    expect(t.table.columns.map((c) => c.name)).toEqual(SERIES_COLUMNS.map((c) => fieldLabel(c.key, "zh")));
    const rows = records(ws, SERIES_COLUMNS).map(({ record }) => record);
    const gdp2022 = rows.filter((r) => r.indicator === "地区生产总值" && r.period === "2022" && r.side === "结果");
    expect(gdp2022.map((r) => [r.doc, r.type, r.date, r.kind, r.value, r.unit, r.growth_pct, r.preferred, r.reason, r.value_revision, r.growth_revision])).toEqual([
      ["gwr-2023.txt", "政府工作报告", "2023-01-10", "预计", 320, "亿元", 4.5, false, null, null, null],
      ["plan-2023.txt", "计划执行情况报告", "2023-01-12", "预计", 3200000, "万元", 4.5, false, null, null, null],
      ["bulletin-2022.txt", "统计公报", "2023-03-20", "实际", 318.6, "亿元", 4.2, true, "文档类型优先", -14000, -0.3],
    ]);
    // A fact one report states is not a series: 2024's targets are stated once.
    expect(rows.some((r) => r.period === "2024")).toBe(false);
  });

  it("is empty for a single report", () => {
    expect(seriesSheetRows(extractAll(["gwr-2023.txt"])).series).toEqual([]);
  });
});
