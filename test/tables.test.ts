// Annex indicator tables: headers, units, numbering, category rows, repeated headers,
// missing values, qualifiers and targets in words.
import { describe, expect, it } from "vitest";
import { parseCell, columnModel, type TableContext } from "../kit/tables/table.js";
import { toBlocks } from "../kit/text/blocks.js";
import { extract, one, none } from "./helpers/docs.js";

const ctx: TableContext = { doc: "t.txt", part: 0, region: "湛河区", reportYear: 2022, planYear: 2023, section: null, subPeriod: null, mode: "result", nextOrder: () => 0, raw: "" };

function headerRows(text: string) {
  const block = toBlocks(text).find((b) => b.type === "table");
  if (block?.type !== "table") throw new Error("no table");
  return block.rows;
}

describe("cells", () => {
  it.each([
    ["245.24", { type: "number", value: 245.24, qualifier: null, percent: false }],
    ["7.5以上", { type: "number", value: 7.5, qualifier: "at_least" }],
    ["5.0 左右", { type: "number", value: 5, qualifier: "about" }],
    ["35左右", { type: "number", value: 35, qualifier: "about" }],
    ["-16.8", { type: "number", value: -16.8 }],
    ["98.02%", { type: "number", value: 98.02, percent: true }],
    ["—", { type: "empty" }],
    ["-", { type: "empty" }],
    ["", { type: "empty" }],
    ["完成市定目标", { type: "text", text: "完成市定目标" }],
  ])("%s", (cell, expected) => expect(parseCell(cell)).toMatchObject(expected));
});

describe("headers", () => {
  it("dates 1-6月 columns to the half and leaves 全年目标 columns annual", () => {
    const rows = headerRows("指标\t单位\t全年目标\t1-6月\t比上年同期增长%\n");
    // A report on part of a year plans no next year: its targets are the year's own.
    expect(columnModel(rows, { ...ctx, planYear: null, subPeriod: "H1" })!.groups).toEqual([
      { period: "2022", period_part: null, kind: "target", value: 2, growth: null },
      { period: "2022", period_part: "H1", kind: "actual", value: 3, growth: 4 },
    ]);
  });

  it("dates a quarterly report's unlabelled columns to the report's part of the year", () => {
    const rows = headerRows("指标\t单位\t2022年\t增长%\n");
    expect(columnModel(rows, { ...ctx, subPeriod: "Q1-Q3" })!.groups).toEqual([{ period: "2022", period_part: "Q1-Q3", kind: "actual", value: 2, growth: 3 }]);
    expect(columnModel(rows, ctx)!.groups).toEqual([{ period: "2022", period_part: null, kind: "actual", value: 2, growth: 3 }]);
  });

  it("reads year groups over 绝对值/增长 sub-columns, with the unit column apart", () => {
    const rows = headerRows("指 标 名 称\t计 量 单 位\t2022年计划\t\t2022年实际完成\t\t2023年计划\t\n\t\t绝对值\t增长%\t绝对值\t增长%\t绝对值\t增长%\n");
    const m = columnModel(rows, ctx)!;
    expect(m).toMatchObject({ name: 0, unit: 1 });
    expect(m.groups).toEqual([
      { period: "2022", period_part: null, kind: "target", value: 2, growth: 3 },
      { period: "2022", period_part: null, kind: "actual", value: 4, growth: 5 },
      { period: "2023", period_part: null, kind: "target", value: 6, growth: 7 },
    ]);
  });

  it("reads a one-row header with a growth column after each value column", () => {
    const rows = headerRows("指标\t2022年预计\t增长(%)\t2023年目标\t增长(%)\n");
    expect(columnModel(rows, ctx)!.groups).toEqual([
      { period: "2022", period_part: null, kind: "estimate", value: 1, growth: 2 },
      { period: "2023", period_part: null, kind: "target", value: 3, growth: 4 },
    ]);
  });
});

describe("a table split over pages", () => {
  const table = [
    "湛河区2023年国民经济和社会发展计划 主要指标（草案）",
    "",
    "指 标 名 称\t计 量 单 位\t2022年计划\t\t2022年实际完成\t\t2023年计划\t",
    "\t\t绝对值\t增长%\t绝对值\t增长%\t绝对值\t增长%",
    "一、综合类\t\t\t\t\t\t\t",
    "(一) 生产总值\t亿元\t—\t7.5以上\t245.24\t3.8\t—\t7.5",
    "规上工业\t亿元\t—\t8.5以上\t53.5\t9.5\t—\t8.5",
    "",
    "指标名称\t计量单位\t2022年计划\t\t2022年实际完成\t\t2023年计划\t",
    "\t\t绝对值\t增长%\t绝对值\t增长%\t绝对值\t增长%",
    "11. 常住人口城镇化率\t%\t完成市定目标\t—\t81.06\t—\t—\t1.5",
    "22. 城镇居民人均可支配收入\t元\t—\t与经济增长协调同步\t42390\t3.1\t—\t与经济增长同步",
    "24. 常住人口\t万人\t35左右\t—\t33.95\t—\t—\t—",
    "",
  ].join("\n");
  const r = extract(`关于湛河区2022年国民经济和社会发展计划执行情况与2023年国民经济和社会发展计划（草案）的报告\n\n${table}`);

  it("gives one observation per row and column group, skipping category rows and dashes", () => {
    expect(one(r, { indicator_id: "gdp", period: "2022", kind: "target" })).toMatchObject({ value: null, growth_pct: 7.5, growth_qualifier: "at_least", unit: "亿元" });
    expect(one(r, { indicator_id: "gdp", period: "2022", kind: "actual" })).toMatchObject({ value: 245.24, growth_pct: 3.8 });
    expect(one(r, { indicator_id: "gdp", period: "2023", kind: "target" })).toMatchObject({ value: null, growth_pct: 7.5, growth_qualifier: null });
    expect(r.observations.some((o) => o.indicator.includes("综合类"))).toBe(false);
  });

  it("maps 规上工业 in a table to 规模以上工业增加值", () => {
    expect(one(r, { indicator_id: "industry_va_above_scale", period: "2022", kind: "actual" }).value).toBe(53.5);
  });

  it("reads the repeated header of the next page, numbering, targets in words and qualifiers", () => {
    expect(one(r, { indicator_id: "urbanization_rate", period: "2022", kind: "target" })).toMatchObject({ target_text: "完成市定目标", value: null });
    expect(one(r, { indicator_id: "urbanization_rate", period: "2023", kind: "target" })).toMatchObject({ growth_pct: 1.5 });
    expect(one(r, { indicator_id: "income_urban", period: "2023" }).target_text).toBe("与经济增长同步");
    expect(one(r, { indicator_id: "population", period: "2022", kind: "target" })).toMatchObject({ value: 35, value_qualifier: "about", unit: "万人" });
    none(r, { indicator_id: "population", period: "2023" });
  });

  it("quotes the whole row as the mention, marked from_table", () => {
    const o = one(r, { indicator_id: "gdp", period: "2022", kind: "actual" });
    const m = r.mentions.find((x) => x.observation_id === o.id)!;
    expect(m).toMatchObject({ from_table: true, quote: "(一) 生产总值\t亿元\t—\t7.5以上\t245.24\t3.8\t—\t7.5" });
  });
});

describe("units in names", () => {
  it("takes the unit from the name's brackets", () => {
    const r = extract(
      "雷州市 2023 年国民经济和社会发展规划执行情况与 2024 年计划草案的报告\n\n指标名称\t2023 年完成情况\t\t2024 年计划目标\t\n\t绝对值\t增长 (%)\t绝对值\t增长 (%)\n城镇新增就业人数 (人)\t5263\t18.1\t4700\t-\n高中阶段教育毛入学率 (%)\t98.02\t0.01\t98.02\t0\n",
    );
    expect(one(r, { indicator_id: "new_urban_jobs", period: "2023" })).toMatchObject({ value: 5263, unit: "人", growth_pct: 18.1 });
    expect(one(r, { indicator_id: "new_urban_jobs", period: "2024" })).toMatchObject({ value: 4700, kind: "target" });
    expect(one(r, { indicator: "高中阶段教育毛入学率", period: "2024" })).toMatchObject({ value: 98.02, unit: "%", growth_pct: 0 });
  });
});

describe("a table pasted from a PDF", () => {
  it("reads columns separated by runs of spaces, header row included", () => {
    const r = extract(
      [
        "关于东兴县2023年国民经济和社会发展计划执行情况与2024年计划草案的报告",
        "",
        "东兴县2024年国民经济和社会发展主要指标",
        "指标名称          单位      2023年完成    增长%    2024年目标    增长%",
        "地区生产总值      亿元      210.5         5.2      —             6左右",
        "固定资产投资      亿元      88.3          -3.1     —             5",
        "城镇新增就业      人        3120          —        3000          —",
        "",
      ].join("\n"),
    );
    expect(r.documents[0]!.region).toBe("东兴县");
    expect(one(r, { indicator_id: "gdp", period: "2023" })).toMatchObject({ kind: "actual", value: 210.5, growth_pct: 5.2 });
    expect(one(r, { indicator_id: "gdp", period: "2024" })).toMatchObject({ kind: "target", growth_pct: 6, growth_qualifier: "about" });
    expect(one(r, { indicator_id: "fai", period: "2023" }).growth_pct).toBe(-3.1);
    expect(one(r, { indicator_id: "new_urban_jobs", period: "2024" }).value).toBe(3000);
  });
});

describe("markdown tables", () => {
  const text = [
    "关于坡头区2023年国民经济和社会发展计划执行情况与2024年计划草案的报告",
    "",
    "附表：坡头区2024年国民经济和社会发展主要指标",
    "",
    "| 序号 | 指标名称 | 单位 | 2023年完成 | 同比增长(%) | 2024年目标 | 增长(%) |",
    "| --- | :---: | --- | --- | --- | --- | --- |",
    "| 1 | 地区生产总值 | 亿元 | 180.2 | 5.1 | 190 | 5.5左右 |",
    "| 3 | 固定资产投资 | 亿元 | — | 8.3 | — | 10以上 |",
    "| 5 | 城镇新增就业 | 人 | 2650 | — | 2500 | — |",
    "",
  ].join("\n");
  const r = extract(text);

  it("reads | cells | under the header, skipping the | --- | rule and the 序号 column", () => {
    expect(one(r, { indicator_id: "gdp", kind: "actual" })).toMatchObject({ period: "2023", value: 180.2, unit: "亿元", growth_pct: 5.1 });
    expect(one(r, { indicator_id: "gdp", kind: "target" })).toMatchObject({ period: "2024", value: 190, growth_pct: 5.5, growth_qualifier: "about" });
    expect(one(r, { indicator_id: "fai", kind: "target" })).toMatchObject({ value: null, growth_pct: 10, growth_qualifier: "at_least" });
    expect(one(r, { indicator_id: "new_urban_jobs", kind: "target" })).toMatchObject({ value: 2500, unit: "人" });
    expect(r.observations).toHaveLength(6);
  });

  it("quotes the whole row", () => {
    const gdp = one(r, { indicator_id: "gdp", kind: "actual" });
    const m = r.mentions.find((x) => x.observation_id === gdp.id)!;
    expect(m).toMatchObject({ from_table: true, quote: "| 1 | 地区生产总值 | 亿元 | 180.2 | 5.1 | 190 | 5.5左右 |" });
  });
});

describe("bulletin tables with no year over their columns", () => {
  const text = [
    "2023年遂溪县国民经济和社会发展统计公报",
    "",
    "表1  2023年主要农产品产量及其增长速度",
    "",
    "产品名称\t单位\t产量\t比上年增长(%)",
    "粮食\t万吨\t24.6\t1.8",
    "甘蔗\t万吨\t310.5\t-2.3",
    "",
    "表2  2023年规模以上工业主要产品产量",
    "",
    "| 产品名称 | 单位 | 绝对数 | 比上年增长(%) |",
    "| --- | --- | --- | --- |",
    "| 发电量 | 亿千瓦时 | 12.3 | 5.6 |",
    "",
  ].join("\n");
  const r = extract(text);

  it("reads them as the document's year, and names rows by a 产量 header", () => {
    expect(one(r, { indicator_id: "grain_output" })).toMatchObject({ indicator: "粮食产量", period: "2023", kind: "actual", value: 24.6, unit: "万吨", growth_pct: 1.8 });
    expect(one(r, { indicator: "甘蔗产量" })).toMatchObject({ value: 310.5, growth_pct: -2.3 });
    expect(one(r, { indicator: "发电量" })).toMatchObject({ value: 12.3, unit: "亿千瓦时", growth_pct: 5.6 });
    expect(r.observations).toHaveLength(3);
  });

  it("reads a yearless table under a plan as the plan year's targets", () => {
    const plan = extract(
      "关于遂溪县2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n\n二、2024年主要预期目标\n\n指标\t单位\t数值\t增长(%)\n地区生产总值\t亿元\t430\t5.5\n",
    );
    expect(one(plan, { indicator_id: "gdp" })).toMatchObject({ period: "2024", kind: "target", value: 430, growth_pct: 5.5 });
  });
});

describe("what a captioned table measures", () => {
  const text = [
    "武义县2024年国民经济和社会发展统计公报",
    "",
    "全年地区生产总值458.2亿元，增长5.1%。其中第一产业增加值30.1亿元，增长3.2%。全年粮食总产量12.35万吨，增长1.8%。",
    "",
    "表1 地区生产总值",
    "",
    "指标\t绝对数（亿元）\t比上年增长（%）",
    "地区生产总值\t458.2\t5.1",
    "第一产业\t30.1\t3.2",
    "",
    "表2 分行业固定资产投资",
    "",
    "行业\t完成额（万元）\t比上年增长（%）",
    "第一产业\t302455\t-23.9",
    "第二产业\t2004456\t13.0",
    "",
    "表3 主要农产品产量",
    "",
    "产品\t产量（吨）\t比上年增长（%）",
    "粮食\t123474\t1.8",
    "",
  ].join("\n");
  const r = extract(text);

  it("keeps the short names of a GDP table's parts, and gives another measure's rows that measure", () => {
    expect(one(r, { indicator_id: "gdp_primary" })).toMatchObject({ value: 30.1, growth_pct: 3.2, conflict: false });
    expect(one(r, { indicator: "第一产业固定资产投资" })).toMatchObject({ indicator_id: null, value: 302455, unit: "万元", growth_pct: -23.9 });
    none(r, { indicator_id: "gdp_secondary" });
  });

  it("takes a value column's unit from its header, and a table's figure in another unit agrees with the text's", () => {
    expect(one(r, { indicator_id: "grain_output" })).toMatchObject({ value: 123474, unit: "吨", growth_pct: 1.8, conflict: false });
  });
});

describe("a unit column naming two units", () => {
  it("reads 亿元、% as the value's unit then the growth's", () => {
    const r = extract(["关于武义县2024年国民经济和社会发展计划执行情况的报告", "", "指标\t单位\t2024年完成", "地区生产总值\t亿元、%\t458.2", ""].join("\n"));
    expect(one(r, { indicator_id: "gdp" })).toMatchObject({ value: 458.2, unit: "亿元" });
  });
});

describe("rows under 其中", () => {
  it("names a part with the row above it, unless it names an indicator itself", () => {
    const r = extract(
      [
        "武义县2024年国民经济和社会发展统计公报",
        "",
        "指标\t单位\t绝对数\t比上年增长（%）",
        "商品房施工面积\t万平方米\t766.09\t-12",
        "其中：住宅\t万平方米\t571.92\t-8.7",
        "商品房销售面积\t万平方米\t250.51\t-5.9",
        "其中：住宅\t万平方米\t201.3\t-3.1",
        "第二产业增加值\t亿元\t120.5\t6.1",
        "其中：规上工业增加值\t亿元\t88.2\t7.3",
        "",
      ].join("\n"),
    );
    expect(one(r, { indicator: "商品房施工面积：住宅" }).value).toBe(571.92);
    expect(one(r, { indicator: "商品房销售面积：住宅" }).value).toBe(201.3);
    expect(one(r, { indicator_id: "industry_va_above_scale" }).value).toBe(88.2);
    expect(r.observations.filter((o) => o.conflict)).toEqual([]);
  });
});
