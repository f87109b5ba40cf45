// The workbook export's pure parts: formats, widths, layout, Compare's choices, notes, XML.
import { describe, expect, it } from "vitest";
import type { ExtractResult, Mention, Observation } from "../kit/types.js";
import { columnLabel, compareGrid, latestResult, nextTarget, parsePeriod } from "../export/xlsx/compare.js";
import { cellWidth, decimalsOf, displayWidth, fitWidth, growthFormat, literalsOf, valueFormat } from "../export/xlsx/format.js";
import { layout, mentionsOf } from "../export/xlsx/layout.js";
import {
  addContentTypes, columnLetter, hyperlinkXml, noteRightEdge, noteRows, sheetRef, tableRange, tableXml, vmlBlocks, xmlEscape,
} from "../export/xlsx/ooxml.js";
import { noteText, observationLinks, mentionLinks, oneLine } from "../export/xlsx/provenance.js";
import { documentRows, shapeRow } from "../export/xlsx/rows.js";
import { DOCUMENTS, OBSERVATIONS, STYLE } from "../export/xlsx/spec.js";
import { StyleCache } from "../export/xlsx/styles.js";
import { withStandard } from "./helpers/observation.js";

function obs(p: Partial<Observation>): Observation {
  return withStandard({
    id: "x", doc: "d.txt", region: "雷州市", period: "2023", period_part: null, kind: "actual", indicator: "地区生产总值", indicator_id: "gdp",
    value: null, unit: null, growth_pct: null, growth_basis: "yoy", value_qualifier: null, growth_qualifier: null,
    target_text: null, rank: null, rank_scope: null, conflict: false, quote: "q", ...p,
  });
}
function mention(p: Partial<Mention>): Mention {
  return { observation_id: "x", doc: "d.txt", start: 0, end: 1, quote: "q", section: null, from_table: false, page: null, ...p };
}

describe("number formats", () => {
  it("keep the decimals the value was written with", () => {
    expect(decimalsOf(386.42)).toBe(2);
    expect(decimalsOf(5263)).toBe(0);
    expect(decimalsOf(0.09)).toBe(2);
    expect(decimalsOf(1e-7)).toBe(7);
    expect(valueFormat(386.42)).toBe("#,##0.00");
    expect(valueFormat(5263)).toBe("#,##0");
    expect(valueFormat(5.5)).toBe("#,##0.0");
  });
  it("show unit and qualifier as literals, so the cell stays a number", () => {
    expect(valueFormat(386.42, "亿元")).toBe('#,##0.00" 亿元"');
    expect(valueFormat(4700, "人", "at_least")).toBe('#,##0" 人""以上"');
    expect(valueFormat(10, "亿元", "more_than")).toBe('"超"#,##0" 亿元"');
    expect(growthFormat()).toBe("0.0#");
    expect(growthFormat("about")).toBe('0.0#"左右"');
    expect(literalsOf('#,##0" 人""以上"')).toBe(" 人以上");
  });
  it("drop quotes from a unit rather than break the format", () => {
    expect(valueFormat(1, 'a"b')).toBe('#,##0" ab"');
  });
});

describe("widths", () => {
  it("count Chinese characters twice", () => {
    expect(displayWidth("雷州市")).toBe(6);
    expect(displayWidth("gdp")).toBe(3);
    expect(displayWidth("增长 3.6%，")).toBe(2 * 2 + 1 + 4 + 2);
    expect(cellWidth(1873.19)).toBe("1,873.19".length);
    expect(cellWidth(-493660)).toBe("-493,660".length);
    expect(cellWidth(true)).toBe(4);
  });
  it("fit header and widest cell, within bounds", () => {
    expect(fitWidth("id", 16)).toBe(Math.ceil(16 * 1.1) + 2);
    expect(fitWidth("growth_pct", 3)).toBe(displayWidth("growth_pct") + 4);
    expect(fitWidth("quote", 500, 70)).toBe(70);
  });
});

describe("layout", () => {
  const result: ExtractResult = {
    documents: [],
    observations: [obs({ id: "a" }), obs({ id: "b", conflict: true }), obs({ id: "c" })],
    mentions: [mention({ observation_id: "b", start: 50 }), mention({ observation_id: "a" }), mention({ observation_id: "b", start: 10 }), mention({ observation_id: "zz" })],
  };
  const l = layout(result);
  it("groups mentions under their observation, in offset order, orphans last", () => {
    expect(l.mentions.map((m) => `${m.observation_id}${m.start}`)).toEqual(["a0", "b10", "b50", "zz0"]);
    expect([...l.mentionStart]).toEqual([0, 1, 3]);
    expect([...l.mentionCount]).toEqual([1, 2, 0]);
    expect(mentionsOf(l, 1).map((m) => m.start)).toEqual([10, 50]);
    expect(l.conflicts).toEqual([1]);
  });
  it("links each observation to the first of its mentions and back", () => {
    expect([...observationLinks(l)].map((k) => [k.row, k.targetRow])).toEqual([[2, 2], [3, 3]]);
    expect([...mentionLinks(l)].map((k) => [k.row, k.targetRow])).toEqual([[2, 2], [3, 3], [4, 3]]);
  });
});

describe("rows", () => {
  it("follow the spec's columns and give each value its format", () => {
    const row = shapeRow(obs({ value: 386.42, growth_pct: 3.6, rank: 3 }) as unknown as Record<string, unknown>, OBSERVATIONS.columns);
    const at = (k: string) => OBSERVATIONS.columns.findIndex((c) => c.key === k);
    expect(row.values[at("value")]).toBe(386.42);
    expect(row.formats[at("value")]).toBe("#,##0.00");
    expect(row.values[at("conflict")]).toBe(false);
    expect(row.values[at("value_qualifier")]).toBeNull();
    expect(row.formats[at("growth_pct")]).toBeUndefined(); // the column's own format applies
  });
  it("give every file that failed a Documents row", () => {
    const rows = [...documentRows({ documents: [], observations: [], mentions: [], failures: [{ file: "/in/bad.txt", code: "empty", message: "is empty" }] })];
    const at = (k: string) => DOCUMENTS.columns.findIndex((c) => c.key === k);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.values[at("doc")]).toBe("bad.txt");
    expect(rows[0]!.values[at("failures")]).toBe(1);
    expect(rows[0]!.values[at("failure_code")]).toBe("空文件"); // codes show their Chinese label
    expect([...documentRows({ documents: [], observations: [], mentions: [], failures: [{ file: "/in/bad.txt", code: "empty", message: "is empty" }] }, "en")][0]!.values[at("failure_code")]).toBe("empty");
    expect(rows[0]!.values[at("failure_message")]).toBe("/in/bad.txt: is empty");
  });
});

describe("Compare's choices", () => {
  it("orders periods by their end", () => {
    expect(parsePeriod("2016-2020")).toEqual({ start: 2016, end: 2020, span: true });
    expect(parsePeriod("2023")).toEqual({ start: 2023, end: 2023, span: false });
    expect(parsePeriod("十四五")).toBeNull();
  });
  it("takes the latest result, an actual over an estimate, a year over a span", () => {
    const list = [
      obs({ id: "old", period: "2022", value: 1 }),
      obs({ id: "est", period: "2023", kind: "estimate", value: 2 }),
      obs({ id: "act", period: "2023", value: 3 }),
      obs({ id: "span", period: "2019-2023", value: 4 }),
      obs({ id: "plan", period: "2024", kind: "target", growth_pct: 5 }),
    ];
    expect(latestResult(list)?.id).toBe("act");
    expect(latestResult(list.filter((o) => o.id !== "act"))?.id).toBe("est");
  });
  it("takes the whole year over part of it, and labels a part-year result", () => {
    const h1 = obs({ id: "h1", period: "2024", period_part: "H1", value: 200, unit: "亿元" });
    const year = obs({ id: "year", period: "2024", value: 410, unit: "亿元" });
    expect(latestResult([h1, year])?.id).toBe("year");
    expect(latestResult([year, h1])?.id).toBe("year");
    const target = obs({ id: "t", period: "2024", kind: "target", growth_pct: 5 });
    const g = compareGrid({ documents: [], observations: [h1, target], mentions: [] }, [{ id: "gdp", name: "地区生产总值" }]);
    // After 2024H1 the year's own target is still ahead.
    expect(g.rows[0]!.cells.map((c) => c.value)).toEqual(["2024H1", 200, "2024", 5]);
  });
  it("takes the next target after the result, not an old plan", () => {
    const list = [
      obs({ id: "plan22", period: "2022", kind: "target", growth_pct: 7.5 }),
      obs({ id: "plan23", period: "2023", kind: "target", growth_pct: 7.5 }),
      obs({ id: "plan21-25", period: "2021-2025", kind: "target", growth_pct: 6 }),
      obs({ id: "empty24", period: "2024", kind: "target" }),
    ];
    expect(nextTarget(list, 2022)?.id).toBe("plan23");
    expect(nextTarget(list, 2023)?.id).toBe("plan21-25");
    expect(nextTarget(list, undefined)?.id).toBe("plan21-25");
  });
  it("builds one row per region with only the measures some region has", () => {
    const result: ExtractResult = {
      documents: [{ doc: "d.txt", part: 0, title: null, region: "雷州市", parent_region: "湛江市", region_source: "title", type: "plan_report", report_period: "2023", report_period_part: null, plan_period: "2024", date: null, format: "text", encoding: "utf-8", start: 0, end: 1, observations: 3, mentions: 3, conflicts: 0, warnings: [] }],
      observations: [
        obs({ id: "1", value: 386.42, unit: "亿元", growth_pct: 3.6 }),
        obs({ id: "2", period: "2024", kind: "target", growth_pct: 5, growth_qualifier: "about" }),
        obs({ id: "3", region: "泉港区", kind: "estimate", value: 623.68, unit: "亿元", growth_pct: -9.6 }),
        obs({ id: "4", indicator_id: null, indicator: "其他" }),
      ],
      mentions: [],
    };
    const g = compareGrid(result, [{ id: "fai", name: "固定资产投资" }, { id: "gdp", name: "地区生产总值" }]);
    expect(g.groups).toEqual([
      { indicatorId: "gdp", label: "地区生产总值", columns: [{ measure: "period" }, { measure: "value", unit: "亿元" }, { measure: "growth" }, { measure: "target_period" }, { measure: "target_growth" }] },
    ]);
    expect(g.rows.map((r) => [r.region, r.parentRegion])).toEqual([["雷州市", "湛江市"], ["泉港区", null]]);
    expect(g.rows[0]!.cells.map((c) => c.value)).toEqual(["2023", 386.42, 3.6, "2024", 5]);
    expect(g.rows[0]!.cells[1]!.numFmt).toBe('#,##0.00" 亿元"');
    expect(g.rows[0]!.cells[4]!.numFmt).toBe('0.0#"左右"');
    expect(g.rows[1]!.cells.map((c) => c.value)).toEqual(["2023 预计", 623.68, -9.6, null, null]);
  });
});

describe("Compare's units", () => {
  const region = (r: string, p: Partial<Observation>) => obs({ region: r, ...p });
  it("give a figure's measure one column per standard unit, never mixing 万元 with 亿元 or 元 with 美元", () => {
    const result: ExtractResult = {
      documents: [],
      observations: [
        region("甲县", { id: "a", indicator_id: "trade_total", indicator: "进出口总额", value: 12.5, unit: "亿元" }),
        region("乙县", { id: "b", indicator_id: "trade_total", indicator: "进出口总额", value: 5000, unit: "万元" }),
        region("丙县", { id: "c", indicator_id: "trade_total", indicator: "进出口总额", value: 1.2, unit: "亿美元", value_qualifier: "about" }),
      ],
      mentions: [],
    };
    const g = compareGrid(result, [{ id: "trade_total", name: "进出口总额" }]);
    expect(g.groups[0]!.columns).toEqual([{ measure: "period" }, { measure: "value", unit: "亿元" }, { measure: "value", unit: "亿美元" }]);
    expect(g.rows.map((r) => r.cells.map((c) => c.value))).toEqual([["2023", 12.5, null], ["2023", 0.5, null], ["2023", null, 1.2]]);
    expect(g.rows[1]!.cells[1]!.numFmt).toBe('#,##0.0" 亿元"');
    expect(g.rows[2]!.cells[2]!.numFmt).toBe('#,##0.0" 亿美元""左右"');
    expect(columnLabel(g.groups[0]!.columns[2]!)).toBe("实际（亿美元）");
    expect(columnLabel(g.groups[0]!.columns[2]!, "en")).toBe("Result (亿美元)");
  });
  it("put a figure that cannot be harmonised in a column of its own, as text that says so", () => {
    const result: ExtractResult = {
      documents: [],
      observations: [
        region("甲县", { id: "a", indicator_id: "tourist_visits", indicator: "接待游客人次", value: 120, unit: "万人次" }),
        region("乙县", { id: "b", indicator_id: "tourist_visits", indicator: "接待游客人次", value: 50, unit: "万人" }),
      ],
      mentions: [],
    };
    const g = compareGrid(result, [{ id: "tourist_visits", name: "接待游客人次" }]);
    expect(g.groups[0]!.columns).toEqual([{ measure: "period" }, { measure: "value", unit: "万人次" }, { measure: "value", unit: null }]);
    expect(g.rows[1]!.cells.map((c) => c.value)).toEqual(["2023", null, "50 万人：单位无法换算"]);
    expect(columnLabel(g.groups[0]!.columns[2]!)).toBe("实际（单位无法统一）");
  });
});

describe("notes", () => {
  it("quote the source first, then the document and section, then other mentions", () => {
    const o = obs({ quote: "全市完成地区生产总值 386.42 亿元、增长 3.6%" });
    const text = noteText(o, [mention({ quote: o.quote, section: "一、执行情况" }), mention({ quote: "地区生产总值 386.42 3.6", from_table: true })]);
    const lines = text.split("\n");
    expect(lines[0]).toBe(o.quote);
    expect(lines[1]).toBe("—— d.txt · 一、执行情况");
    expect(lines.slice(2)).toEqual(["另见：", "· 地区生产总值 386.42 3.6（表格）"]);
    expect(noteText({ ...o, conflict: true }, []).split("\n")[0]).toMatch(/^⚠ 冲突：/);
    // The document's title where there is one, and English on request.
    expect(noteText(o, [mention({ quote: o.quote, section: "一、执行情况" })], "雷州市2023年计划执行情况报告", "en").split("\n")[1]).toBe("—— 雷州市2023年计划执行情况报告 · 一、执行情况");
    expect(noteText({ ...o, conflict: true }, [], "d.txt", "en").split("\n")[0]).toMatch(/^⚠ Conflict:/);
  });
  it("join a quote's broken lines: inside Chinese text without a space", () => {
    expect(oneLine("雷\n\n州经济开发区")).toBe("雷州经济开发区");
    expect(oneLine("完成投资\n\n12.84 亿元")).toBe("完成投资 12.84 亿元");
    expect(oneLine("工建项目 329\n\n\n\n个")).toBe("工建项目 329 个");
    expect(noteText(obs({ quote: "美丽\n\n宜居标准" }), []).split("\n")[0]).toBe("美丽宜居标准");
  });
  it("size their box to the text", () => {
    const style = STYLE.note;
    expect(noteRows("短", style)).toBe(style.minRows);
    expect(noteRows("字".repeat(26 * 4), style)).toBe(4 + 1);
    // A note on A starts in B (index 1): B 10 + C 30, then 12 units into D (index 3).
    expect(noteRightEdge(1, 52, [99, 10, 30, 30])).toEqual([3, 12 * 7]);
  });
});

describe("XML fragments", () => {
  it("escape text and drop characters XML forbids", () => {
    expect(xmlEscape(`a<b>&"c"'\u0001\u000b\t`)).toBe("a&lt;b&gt;&amp;&quot;c&quot;&apos;\ufffd\ufffd\t");
    expect(columnLetter(1)).toBe("A");
    expect(columnLetter(26)).toBe("Z");
    expect(columnLetter(27)).toBe("AA");
    expect(columnLetter(16384)).toBe("XFD");
    expect(sheetRef("O'Brien 表")).toBe("'O''Brien 表'");
  });
  it("write a table whose range covers at least one data row", () => {
    expect(tableRange({ columns: ["a", "b", "c"], firstRow: 1, lastRow: 1 })).toBe("A1:C2");
    const xml = tableXml({ id: 3, name: "Observations", columns: ["id", "a&b"], firstRow: 1, lastRow: 10, style: "TableStyleMedium2" });
    expect(xml).toContain('id="3" name="Observations" displayName="Observations" ref="A1:B10"');
    expect(xml).toContain('<autoFilter ref="A1:B10"/>');
    expect(xml).toContain('<tableColumn id="2" name="a&amp;b"/>');
    expect(xml).toContain('showRowStripes="1"');
  });
  it("link inside the workbook with a location and no relationship", () => {
    const xml = hyperlinkXml({ row: 2, col: 1, sheet: "来源 Mentions", targetRow: 5, targetCol: 1, tooltip: "t" });
    expect(xml).toBe(`<hyperlink ref="A2" location="&apos;来源 Mentions&apos;!A5" tooltip="t"/>`);
    expect(xml).not.toContain("r:id");
  });
  it("give VML shapes a 1024-id block per thousand notes", () => {
    expect(vmlBlocks(1, 10)).toEqual([1]);
    expect(vmlBlocks(1, 1024)).toEqual([1, 2]);
    expect(vmlBlocks(4, 3000)).toEqual([4, 5, 6]);
  });
  it("add content types once", () => {
    const xml = '<Types><Default Extension="vml" ContentType="v"/></Types>';
    const out = addContentTypes(xml, [{ part: "/xl/tables/table1.xml", type: "t" }], [{ ext: "vml", type: "v" }]);
    expect(out).toBe('<Types><Default Extension="vml" ContentType="v"/><Override PartName="/xl/tables/table1.xml" ContentType="t"/></Types>');
  });
});

describe("styles", () => {
  it("are shared between cells with the same look", () => {
    const cache = new StyleCache();
    const a = cache.get("value", "#,##0.00", false);
    expect(cache.get("value", "#,##0.00", false)).toBe(a);
    expect(cache.get("value", "#,##0.0", false)).not.toBe(a);
    expect(cache.get("value", "#,##0.00", true).fill).toEqual(STYLE.conflictFill);
    expect(a.font?.name).toBe("等线");
    expect(cache.size).toBe(3);
  });
});
