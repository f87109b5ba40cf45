// Excel workbooks → reading text. Workbooks are written here with exceljs: an annex indicator
// table reads to the same observations as the same table in text; cells read as Excel shows
// them; merged cells, hidden rows, blank rows, reports pasted into a cell; files that cannot
// be read.
import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import { extractBytes, extractText, readBytes } from "../kit/core.js";
import { formatNumber } from "../kit/read/xlsx/format.js";
import type { ExtractResult, Observation } from "../kit/types.js";
import { ole2 } from "./helpers/ooxml.js";
import { extractPaths } from "../kit/index.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function textOf(wb: ExcelJS.Workbook): Promise<string> {
  return (await readBytes(await bytesOf(wb), { name: "t.xlsx" })).text;
}

async function failure(bytes: Uint8Array, name: string): Promise<{ code: string; message: string }> {
  try {
    await readBytes(bytes, { name });
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error("read without an error");
}

const FIELDS = ["region", "period", "period_part", "kind", "indicator", "value", "unit", "growth_pct", "growth_basis", "value_qualifier", "growth_qualifier", "target_text", "rank", "rank_scope"] as const;

function facts(r: ExtractResult): string[] {
  return r.observations.map((o: Observation) => JSON.stringify(FIELDS.map((f) => o[f]))).sort();
}

const TITLE = "湛河区2022年国民经济和社会发展计划执行情况与2023年计划主要指标";

/** The annex table as a report would print it: two header rows, a unit column, dashes, qualifiers. */
const ROWS: (string | number | null)[][] = [
  ["指标名称", "计量单位", "2022年计划", null, "2022年实际完成", null, "2023年计划", null],
  [null, null, "绝对值", "增长%", "绝对值", "增长%", "绝对值", "增长%"],
  ["一、综合类", null, null, null, null, null, null, null],
  ["(一) 生产总值", "亿元", "—", "7.5以上", 245.24, 3.8, "—", 7.5],
  ["规上工业", "亿元", "—", "8.5以上", 53.5, 9.5, "—", 8.5],
  ["11. 常住人口城镇化率", "%", "完成市定目标", "—", 81.06, "—", "—", 1.5],
  ["22. 城镇居民人均可支配收入", "元", "—", "与经济增长协调同步", 42390, 3.1, "—", "与经济增长同步"],
  ["24. 常住人口", "万人", "35左右", "—", 33.95, "—", "—", "—"],
];

function annexWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("附表1");
  ws.addRow([TITLE]);
  ws.mergeCells("A1:H1");
  for (const row of ROWS) ws.addRow(row);
  // Header cells merged as the printed table draws them.
  ws.mergeCells("A2:A3");
  ws.mergeCells("B2:B3");
  ws.mergeCells("C2:D2");
  ws.mergeCells("E2:F2");
  ws.mergeCells("G2:H2");
  ws.mergeCells("A4:H4");
  // Growth rates kept as fractions and shown as percents; a float the sheet rounds away.
  ws.getCell("F5").value = 0.038;
  ws.getCell("F5").numFmt = "0.0%";
  ws.getCell("E6").value = 53.5 + 1e-12;
  ws.getCell("E6").numFmt = "0.0";
  ws.addRow([]);
  ws.addRow(["注：2022年实际完成数为快报数。"]);
  return wb;
}

describe("an annex indicator table", () => {
  it("reads as the same table written with tabs", async () => {
    const reading = await readBytes(await bytesOf(annexWorkbook()), { name: "t.xlsx" });
    expect(reading.sources.map((s) => s.source)).toEqual(["sheet 附表1", "sheet 附表1 row 1", "sheet 附表1 rows 2-9", "sheet 附表1 row 11"]);
    const text = reading.text;
    expect(text).toBe(
      [
        "附表1",
        "",
        TITLE,
        "",
        "指标名称\t计量单位\t2022年计划\t\t2022年实际完成\t\t2023年计划\t",
        "指标名称\t计量单位\t绝对值\t增长%\t绝对值\t增长%\t绝对值\t增长%",
        "一、综合类\t\t\t\t\t\t\t",
        "(一) 生产总值\t亿元\t—\t7.5以上\t245.24\t3.8%\t—\t7.5",
        "规上工业\t亿元\t—\t8.5以上\t53.5\t9.5\t—\t8.5",
        "11. 常住人口城镇化率\t%\t完成市定目标\t—\t81.06\t—\t—\t1.5",
        "22. 城镇居民人均可支配收入\t元\t—\t与经济增长协调同步\t42390\t3.1\t—\t与经济增长同步",
        "24. 常住人口\t万人\t35左右\t—\t33.95\t—\t—\t—",
        "",
        "注：2022年实际完成数为快报数。",
        "",
        "",
      ].join("\n"),
    );
  });

  it("gives the same observations as the table in a text report", async () => {
    const fromSheet = await extractBytes(await bytesOf(annexWorkbook()), { name: "t.xlsx" });
    const tsv = ROWS.map((row) => row.map((c) => (c === null ? "" : String(c))).join("\t")).join("\n");
    const fromText = extractText(`附表1\n\n${TITLE}\n\n${tsv}\n\n注：2022年实际完成数为快报数。\n`, { name: "t.txt" });
    expect(fromSheet.observations.length).toBeGreaterThanOrEqual(10);
    expect(facts(fromSheet)).toEqual(facts(fromText));
    expect(fromSheet.observations.find((o) => o.indicator_id === "gdp" && o.kind === "actual")).toMatchObject({ value: 245.24, growth_pct: 3.8 });
    expect(fromSheet.documents[0]).toMatchObject({ region: "湛河区", format: "xlsx" });
  });
});

describe("cells as the sheet shows them", () => {
  it("percents, dates, thousands, literals, formulas by their cached result, no float noise", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("格式");
    ws.addRow(["增速", "日期", "金额", "公式", "和", "文本"]);
    ws.addRow([0.036, new Date(Date.UTC(2024, 2, 20)), 1234.5, { formula: "A2*2", result: 0.072 }, 0.1 + 0.2, { richText: [{ text: "规上" }, { text: "工业" }] }]);
    ws.getCell("A2").numFmt = "0.0%";
    ws.getCell("B2").numFmt = "yyyy/m/d";
    ws.getCell("C2").numFmt = "#,##0.00";
    ws.getCell("D2").numFmt = "0.0%";
    ws.addRow([45371, -5.5, 12345.678, { formula: "NOW()" }, 1e-13, true]);
    ws.getCell("A3").numFmt = 'yyyy"年"m"月"d"日"';
    ws.getCell("B3").numFmt = "0.0;[Red]\\(0.0\\)";
    ws.getCell("C3").numFmt = '0.00"亿元"';
    const lines = (await textOf(wb)).split("\n");
    expect(lines.slice(0, 5)).toEqual(["格式", "", "增速\t日期\t金额\t公式\t和\t文本", "3.6%\t2024-03-20\t1,234.50\t7.2%\t0.3\t规上工业", "2024-03-20\t(5.5)\t12345.68亿元\t\t1E-13\tTRUE"]);
  });

  it.each([
    [0.036, "0%", "4%"],
    [0.0355, "0.00%", "3.55%"],
    [1.005, "0.00", "1.01"],
    [12345678, "#,##0,", "12,346"],
    [0, '0.0;-0.0;"—"', "—"],
    [-2.5, "0.0", "-2.5"],
    [123456, "0.00E+00", "1.23E+05"],
    [7, "00", "07"],
    [42.5, "0.0_ ", "42.5"],
    [3.14159, "General", "3.14159"],
    [45371, "yyyy-mm", "2024-03"],
    [0.5, "h:mm", "12:00"],
    [12.5, '[$¥-804]#,##0.00', "¥12.50"],
  ])("%s in %s is %s", (n, fmt, shown) => expect(formatNumber(n, fmt)).toBe(shown));
});

describe("the sheets of a workbook", () => {
  it("reads each visible sheet under its name; hidden sheets, rows and columns and empty columns are left out", async () => {
    const wb = new ExcelJS.Workbook();
    const a = wb.addWorksheet("Sheet1");
    a.addRow(["指标", null, "单位", "数值"]);
    a.addRow(["地区生产总值", null, "亿元", 386.42]);
    a.addRow(["隐藏行", null, "亿元", 1]).hidden = true;
    a.addRow(["固定资产投资", null, "亿元", 97.45]);
    a.getColumn(5).hidden = true;
    a.getCell("E1").value = "隐藏列";
    const hidden = wb.addWorksheet("底稿");
    hidden.state = "hidden";
    hidden.addRow(["不该读到"]);
    const b = wb.addWorksheet("说明");
    b.addRow(["本表数据为快报数。"]);
    expect(await textOf(wb)).toBe("指标\t单位\t数值\n地区生产总值\t亿元\t386.42\n固定资产投资\t亿元\t97.45\n\n说明\n\n本表数据为快报数。\n\n");
  });

  it("ends a table at a blank row, and reads a title row above it as a paragraph", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("表");
    ws.addRows([["2023年主要指标"], ["指标", "数值"], ["地区生产总值", 386.42], [], ["指标", "增速"], ["地区生产总值", 3.6]]);
    expect(await textOf(wb)).toBe("表\n\n2023年主要指标\n\n指标\t数值\n地区生产总值\t386.42\n\n指标\t增速\n地区生产总值\t3.6\n\n");
  });

  it("repeats a cell merged down the rows in each of them", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("合并");
    ws.addRows([["类别", "指标", "数值"], ["工业", "规上工业增加值", 15.75], [null, "工业投资", 26.27]]);
    ws.mergeCells("A2:A3");
    expect(await textOf(wb)).toBe("合并\n\n类别\t指标\t数值\n工业\t规上工业增加值\t15.75\n工业\t工业投资\t26.27\n\n");
  });

  it("reads a title merged over two rows and all columns once", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sheet1");
    ws.addRows([["2023年主要指标"], [], ["指标", "数值"], ["地区生产总值", 386.42]]);
    ws.mergeCells("A1:B2");
    expect(await textOf(wb)).toBe("2023年主要指标\n\n指标\t数值\n地区生产总值\t386.42\n\n");
  });
});

describe("a report pasted into a cell", () => {
  const report = [
    "关于雷州市2023年国民经济和社会发展规划执行情况与2024年计划草案的报告",
    "一、2023年国民经济和社会发展规划执行情况",
    "　　2023年是全面贯彻党的二十大精神开局之年。一年来，我市坚持稳中求进工作总基调，经济社会发展平稳向好，各项事业取得新进步。全市完成地区生产总值386.42亿元、增长3.6%；规模以上工业增加值15.75亿元、增长5.4%；固定资产投资97.45亿元、增长5.1%；社会消费品零售总额194.58亿元、增长7.2%。",
    "二、2024年经济社会发展的主要预期目标",
    "　　地区生产总值增长5%左右，规模以上工业增加值增长6%，固定资产投资增长8%，社会消费品零售总额增长6.5%。",
  ].join("\n");

  it("reads a long text cell as paragraphs, as the same text in a file", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("报告");
    ws.addRow(["标题", "全文"]);
    ws.addRow(["雷州市计划报告", report]);
    const bytes = await bytesOf(wb);
    const reading = await readBytes(bytes, { name: "t.xlsx" });
    expect(reading.text).toContain("\n\n一、2023年国民经济和社会发展规划执行情况\n\n2023年是全面贯彻");
    const fromSheet = await extractBytes(bytes, { name: "t.xlsx" });
    const fromText = extractText(report, { name: "t.txt" });
    expect(facts(fromSheet)).toEqual(facts(fromText));
    expect(fromSheet.observations.find((o) => o.indicator_id === "gdp" && o.kind === "target")).toMatchObject({ growth_pct: 5, growth_qualifier: "about" });
  });

  it("holds one document per row when rows are reports", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("语料");
    ws.addRow(["地区", "全文"]);
    ws.addRow(["雷州市", report]);
    ws.addRow(["遂溪县", report.replaceAll("雷州市", "遂溪县").replaceAll("386.42", "430.1")]);
    const r = await extractBytes(await bytesOf(wb), { name: "t.xlsx" });
    expect(r.documents.map((d) => d.region)).toEqual(["雷州市", "遂溪县"]);
    expect(r.observations.filter((o) => o.indicator_id === "gdp" && o.kind === "actual").map((o) => [o.region, o.value])).toEqual([
      ["雷州市", 386.42],
      ["遂溪县", 430.1],
    ]);
  });
});

describe("files that cannot be read", () => {
  it(".xls (Excel 97-2003) is refused with advice to save it as .xlsx", async () => {
    const err = await failure(ole2(["Workbook", "\u0005SummaryInformation"]), "统计表.xls");
    expect(err).toMatchObject({ code: "unsupported_format" });
    expect(err.message).toContain(".xlsx");
  });

  it("an encrypted .xlsx is encrypted", async () => {
    expect(await failure(ole2(["\u0006DataSpaces", "EncryptionInfo", "EncryptedPackage"]), "统计表.xlsx")).toMatchObject({ code: "encrypted" });
  });

  it("a damaged workbook is corrupt", async () => {
    const bytes = zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "xl/workbook.xml": strToU8("<workbook><sheets><sheet") });
    expect(await failure(bytes, "t.xlsx")).toMatchObject({ code: "corrupt" });
    const good = await bytesOf(annexWorkbook());
    expect(await failure(good.subarray(0, good.length - 100), "t.xlsx")).toMatchObject({ code: "corrupt" });
  });

  it("the kit's own output workbook is not a report, and a folder skips it without failing", async () => {
    const wb = annexWorkbook();
    wb.creator = "Zhibiao";
    const bytes = await bytesOf(wb);
    expect(await failure(bytes, "out.xlsx")).toMatchObject({ code: "own_output" });
    const dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-own-"));
    writeFileSync(path.join(dir, "zhibiao.xlsx"), bytes);
    writeFileSync(path.join(dir, "report.txt"), "武义县2024年国民经济和社会发展统计公报\n\n全年地区生产总值458.2亿元，增长5.1%。\n");
    const batch = await extractPaths([dir]);
    expect(batch.failures).toEqual([]);
    expect(batch.skipped).toEqual({ "Zhibiao workbook": 1 });
    expect(batch.documents.map((d) => d.doc)).toEqual(["report.txt"]);
  });

  it("a workbook with no text is no_text", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1");
    expect(await failure(await bytesOf(wb), "t.xlsx")).toMatchObject({ code: "no_text" });
  });
});
