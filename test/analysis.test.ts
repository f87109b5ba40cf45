// kit/analysis: the questions the notebooks ask of the tidy tables, on small hand-made rows
// (each rule alone) and on the seeds (the facts the notebooks show).
import { describe, expect, it } from "vitest";
import path from "node:path";
import {
  compareRegions,
  convertValue,
  crossChecks,
  difference,
  extractPaths,
  figureText,
  headlineTable,
  industryStructure,
  judge,
  latestResults,
  planVersusResult,
  rankDescending,
  reportingRegions,
  select,
  targetsAgainstLastResult,
  verdictCounts,
  yearOf,
} from "../kit/index.js";
import type { DocumentRow, Mention, Observation } from "../kit/types.js";
import { withStandard } from "./helpers/observation.js";

let counter = 0;
function obs(fields: Partial<Observation>): Observation {
  counter += 1;
  return withStandard({
    id: `o${counter}`,
    doc: "a.txt",
    region: "甲县",
    period: "2023",
    period_part: null,
    kind: "actual",
    indicator: "地区生产总值",
    indicator_id: "gdp",
    value: null,
    unit: null,
    growth_pct: null,
    growth_basis: "yoy",
    value_qualifier: null,
    growth_qualifier: null,
    target_text: null,
    rank: null,
    rank_scope: null,
    conflict: false,
    quote: "",
    ...fields,
  });
}

function doc(fields: Partial<DocumentRow>): DocumentRow {
  return {
    doc: "a.txt", part: 0, title: null, region: "甲县", parent_region: null, region_source: "title", type: "plan_report", report_period: "2023", report_period_part: null, plan_period: "2024",
    date: null, format: "text", encoding: "utf-8", start: 0, end: 1, observations: 10, mentions: 10, conflicts: 0, warnings: [], ...fields,
  };
}

describe("figures", () => {
  it("reads single years and leaves spans out", () => {
    expect(yearOf("2023")).toBe(2023);
    expect(yearOf("2016-2020")).toBeNull();
    expect(["", "202", "20233", "2e03", " 202", "-202", "二〇二三"].map(yearOf)).toEqual([null, null, null, null, null, null, null]);
  });

  it("converts between units of one kind only", () => {
    expect(convertValue(35573, "人次", "万人次")).toBeCloseTo(3.5573, 10);
    expect(convertValue(1.5, "亿元", "万元")).toBe(15000);
    expect(convertValue(3, "亿元", "万人")).toBeNull();
    expect(convertValue(3, "某单位", "亿元")).toBeNull();
    expect(convertValue(3, null, null)).toBe(3);
  });

  it("subtracts without binary noise", () => {
    expect(difference(9.1, 9)).toBe(0.1);
    expect(9.1 - 9).not.toBe(0.1);
  });

  it("writes a figure with its qualifiers, basis and rank", () => {
    expect(figureText(obs({ value: 386.42, unit: "亿元", growth_pct: 3.6, rank: 3, rank_scope: "湛江市" }))).toBe("386.42 亿元 · +3.6% · 湛江市第3");
    expect(figureText(obs({ kind: "target", growth_pct: 7.5, growth_qualifier: "at_least" }))).toBe("≥+7.5%");
    expect(figureText(obs({ growth_pct: -9.6 }))).toBe("-9.6%");
    expect(figureText(obs({ value: 3100, unit: "亿元", value_qualifier: "more_than", growth_pct: 5.1, growth_basis: "annual_avg" }))).toBe(">3100 亿元 · 年均+5.1%");
    expect(figureText(obs({ kind: "target", target_text: "与经济增长同步" }))).toBe("与经济增长同步");
  });
});

describe("latestResults", () => {
  it("takes the latest year, an actual over an estimate, and never a target or a span", () => {
    const rows = [
      obs({ period: "2022", value: 1 }),
      obs({ period: "2023", kind: "estimate", value: 2 }),
      obs({ period: "2023", kind: "actual", value: 3 }),
      obs({ period: "2024", kind: "target", growth_pct: 5 }),
      obs({ period: "2021-2025", value: 9 }),
    ];
    expect(latestResults(rows).map((o) => o.value)).toEqual([3]);
  });

  it("prefers the more complete statement of the same fact", () => {
    const rows = [obs({ growth_pct: 3.6, doc: "x" }), obs({ value: 386.42, growth_pct: 3.6, doc: "y" })];
    expect(latestResults(rows)[0]?.doc).toBe("y");
  });

  it("keeps one row per region and indicator, in the selection's order", () => {
    const rows = [
      obs({ region: "甲县", indicator_id: "gdp", value: 1 }),
      obs({ region: "乙区", indicator_id: "fai", indicator: "固定资产投资", value: 2 }),
      obs({ region: "乙区", indicator_id: "gdp", value: 3 }),
      obs({ region: "丙市", indicator_id: "gdp", value: 4 }),
    ];
    const got = latestResults(rows, { regions: ["乙区", "甲县"], indicators: ["gdp", "fai"] });
    expect(got.map((o) => `${o.region}:${o.indicator_id}`)).toEqual(["乙区:gdp", "乙区:fai", "甲县:gdp"]);
  });

  it("selects uncatalogued indicators by name", () => {
    const rows = [obs({ indicator_id: null, indicator: "引进企业", value: 8 }), obs({ value: 1 })];
    expect(select(rows, { indicators: ["引进企业"] }).map((o) => o.value)).toEqual([8]);
  });
});

describe("headlineTable", () => {
  it("lays a region's figures out as indicator rows and period-kind columns", () => {
    const rows = [
      obs({ period: "2024", kind: "target", growth_pct: 5, growth_qualifier: "about" }),
      obs({ value: 386.42, unit: "亿元", growth_pct: 3.6 }),
      obs({ indicator_id: "fai", indicator: "固定资产投资", value: 97.45, unit: "亿元" }),
      obs({ region: "乙区", value: 1 }),
    ];
    const t = headlineTable(rows, "甲县", ["gdp", "fai", "retail_sales"]);
    expect(t.columns).toEqual(["indicator", "2023 actual", "2024 target"]);
    expect(t.rows).toEqual([
      { indicator: "地区生产总值", "2023 actual": "386.42 亿元 · +3.6%", "2024 target": "≈+5%" },
      { indicator: "固定资产投资", "2023 actual": "97.45 亿元", "2024 target": "" },
    ]);
  });
});

describe("compareRegions", () => {
  it("ranks competition-style, largest first", () => {
    expect(rankDescending([3, null, 5, 3, 1])).toEqual([2, null, 1, 2, 4]);
  });

  it("ranks levels in a common unit and only year-on-year growth", () => {
    const rows = [
      obs({ region: "甲县", value: 100, unit: "亿元", growth_pct: 3 }),
      obs({ region: "乙区", value: 2000000, unit: "万元", growth_pct: 9, growth_basis: "annual_avg" }),
      obs({ region: "丙市", value: 150, unit: "亿元", growth_pct: 5 }),
    ];
    const got = compareRegions(rows, { indicators: ["gdp"] });
    expect(got.map((r) => [r.region, r.value_rank, r.growth_rank])).toEqual([
      ["甲县", 3, 2],
      ["乙区", 1, null],
      ["丙市", 2, 1],
    ]);
  });

  it("keeps the report's own rank next to the computed ones", () => {
    const got = compareRegions([obs({ value: 1, unit: "亿元", rank: 3, rank_scope: "湛江市" })]);
    expect(got[0]).toMatchObject({ value_rank: 1, reported_rank: 3, rank_scope: "湛江市" });
  });

  it("sets side by side the regions of annual reports only", () => {
    const docs = [
      doc({ region: "甲县" }),
      doc({ region: "湛江市", type: "five_year_plan" }),
      doc({ region: "乙区", type: "government_work_report" }),
      doc({ region: "丙县", type: "news" }),
      doc({ region: "丁县", observations: 0 }),
      doc({ region: "甲县", doc: "b.txt" }),
    ];
    expect(reportingRegions(docs)).toEqual(["甲县", "乙区"]);
  });
});

describe("industryStructure", () => {
  const three = (region: string, period: string, values: [number, number, number], kind: "actual" | "estimate" = "actual") =>
    (["gdp_primary", "gdp_secondary", "gdp_tertiary"] as const).map((id, i) => obs({ region, period, kind, indicator_id: id, indicator: id, value: values[i]!, unit: "亿元" }));

  it("gives shares of the three industries in the latest year that states all three", () => {
    const rows = [...three("甲县", "2022", [10, 30, 60]), ...three("甲县", "2023", [20, 30, 50], "estimate"), obs({ region: "甲县", period: "2024", indicator_id: "gdp_primary", value: 1, unit: "亿元" })];
    const got = industryStructure(rows);
    expect(got.map((s) => [s.period, s.kind, s.industry_id, s.share_pct])).toEqual([
      ["2023", "estimate", "gdp_primary", 20],
      ["2023", "estimate", "gdp_secondary", 30],
      ["2023", "estimate", "gdp_tertiary", 50],
    ]);
  });

  it("converts units before summing and leaves out regions without all three", () => {
    const rows = [...three("甲县", "2023", [1, 1, 2]), obs({ region: "乙区", indicator_id: "gdp_tertiary", value: 5, unit: "亿元" })];
    rows[2] = { ...rows[2]!, value: 20000, unit: "万元" };
    const got = industryStructure(rows);
    expect(got.map((s) => s.share_pct)).toEqual([25, 25, 50]);
    expect(got.every((s) => s.region === "甲县")).toBe(true);
  });
});

describe("judge", () => {
  it("reads the qualifier", () => {
    expect(judge(7.5, 3.8, "at_least", 0.5)).toBe("missed");
    expect(judge(7.5, 7.5, "at_least", 0.5)).toBe("met");
    expect(judge(7.5, 7.5, "more_than", 0.5)).toBe("missed");
    expect(judge(4.5, 4.2, "at_most", 0.5)).toBe("met");
    expect(judge(4.5, 4.6, "at_most", 0.5)).toBe("missed");
  });

  it("lets 'about' fall short by the slack only", () => {
    expect(judge(5, 4.6, "about", 0.5)).toBe("met");
    expect(judge(5, 4.4, "about", 0.5)).toBe("missed");
    expect(judge(5, 4.6, null, 0.5)).toBe("missed");
  });

  it("treats a negative target as a decline to reach", () => {
    expect(judge(-3, -4, null, 0)).toBe("met");
    expect(judge(-3, -2, null, 0)).toBe("missed");
    expect(judge(-3, -2.8, "about", 0.5)).toBe("met");
  });
});

describe("planVersusResult", () => {
  it("compares growth where both give one, else the level in the target's unit", () => {
    const rows = [
      obs({ kind: "target", growth_pct: 7.5, growth_qualifier: "at_least", unit: "亿元" }),
      obs({ value: 245.24, unit: "亿元", growth_pct: 3.8 }),
      obs({ kind: "target", indicator_id: null, indicator: "技能培训", value: 1.38, unit: "万人次" }),
      obs({ indicator_id: null, indicator: "技能培训", value: 35573, unit: "人次" }),
    ];
    const got = planVersusResult(rows);
    expect(got.map((c) => [c.indicator, c.measure, c.target, c.gap, c.verdict])).toEqual([
      ["地区生产总值", "growth_pct", 7.5, -3.7, "missed"],
      ["技能培训", "value", 1.38, 2.1773, "met"],
    ]);
    expect(got[0]?.unit).toBe("%");
    expect(got[1]?.result).toBeCloseTo(3.5573, 10);
  });

  it("marks targets in words as not comparable and skips targets without a result", () => {
    const rows = [
      obs({ kind: "target", indicator_id: "new_urban_jobs", indicator: "城镇新增就业人数", target_text: "完成市定目标" }),
      obs({ indicator_id: "new_urban_jobs", indicator: "城镇新增就业人数", value: 9770, unit: "人" }),
      obs({ kind: "target", period: "2024", growth_pct: 5 }),
    ];
    const got = planVersusResult(rows);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ verdict: "not_comparable", measure: null, gap: null, target_figure: "完成市定目标", result_figure: "9770 人" });
  });

  it("pairs a plan in one report with the result in a later one, preferring the actual", () => {
    const rows = [
      obs({ doc: "2023.txt", kind: "target", period: "2024", growth_pct: 5, growth_qualifier: "about" }),
      obs({ doc: "2024.txt", kind: "estimate", period: "2024", growth_pct: 4.0 }),
      obs({ doc: "2025.txt", kind: "actual", period: "2024", growth_pct: 4.7 }),
    ];
    const got = planVersusResult(rows);
    expect(got.map((c) => [c.target_doc, c.result_doc, c.result_kind, c.verdict])).toEqual([["2023.txt", "2025.txt", "actual", "met"]]);
  });

  it("counts verdicts per region and year", () => {
    const rows = [
      obs({ kind: "target", growth_pct: 7.5 }),
      obs({ growth_pct: 3.8 }),
      obs({ kind: "target", indicator_id: "fai", indicator: "固定资产投资", growth_pct: 10 }),
      obs({ indicator_id: "fai", indicator: "固定资产投资", growth_pct: 19.5 }),
      obs({ kind: "target", indicator_id: "retail_sales", indicator: "社会消费品零售总额", target_text: "稳定增长" }),
      obs({ indicator_id: "retail_sales", indicator: "社会消费品零售总额", growth_pct: 2 }),
    ];
    expect(verdictCounts(planVersusResult(rows))).toEqual([{ region: "甲县", period: "2023", met: 1, missed: 1, not_comparable: 1 }]);
  });
});

describe("targetsAgainstLastResult", () => {
  it("sets next year's target against this year's result", () => {
    const rows = [
      obs({ value: 97.45, unit: "亿元", growth_pct: 5.1 }),
      obs({ kind: "target", period: "2024", value: 102.39, unit: "亿元", growth_pct: 5, growth_qualifier: "about" }),
      obs({ kind: "target", period: "2025", growth_pct: 6 }),
    ];
    const got = targetsAgainstLastResult(rows);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ base_period: "2023", target_period: "2024", target_qualifier: "about", growth_step: -0.1, base_figure: "97.45 亿元 · +5.1%", target_figure: "102.39 亿元 · ≈+5%" });
    expect(got[0]?.implied_growth_pct).toBeCloseTo(5.0693, 3);
  });

  it("does not subtract growth rates of different bases", () => {
    const rows = [obs({ growth_pct: 5.1, growth_basis: "annual_avg" }), obs({ kind: "target", period: "2024", growth_pct: 5 })];
    expect(targetsAgainstLastResult(rows)[0]?.growth_step).toBeNull();
  });
});

describe("crossChecks", () => {
  it("lists facts stated more than once, conflicts first, table rows first", () => {
    const a = obs({ value: 1 });
    const b = obs({ value: 2, conflict: true });
    const c = obs({ value: 3 });
    const m = (o: Observation, quote: string, from_table: boolean): Mention => ({ observation_id: o.id, doc: o.doc, start: 0, end: quote.length, quote, section: null, from_table, page: null });
    const got = crossChecks({ observations: [a, b, c], mentions: [m(a, "prose a", false), m(a, "table a", true), m(b, "b1", false), m(b, "b2", false), m(c, "c", false)] });
    expect(got.map((x) => [x.observation_id, x.conflict, x.from_table, x.from_prose, x.quotes])).toEqual([
      [b.id, true, 0, 2, ["b1", "b2"]],
      [a.id, false, 1, 1, ["table a", "prose a"]],
    ]);
  });
});

describe("on the seeds", async () => {
  const batch = await extractPaths([path.resolve(import.meta.dirname, "../seeds")]);
  const HEADLINE = ["gdp", "fai", "retail_sales", "budget_revenue", "income_per_capita"];

  it("compares the regions of the annual reports on their latest results", () => {
    const regions = reportingRegions(batch.documents);
    expect(regions).toEqual(expect.arrayContaining(["雷州市", "泉港区", "湛河区", "廉江市"]));
    expect(regions).not.toContain("湛江市");
    const gdp = compareRegions(batch.observations, { regions, indicators: HEADLINE }).find((r) => r.region === "雷州市" && r.indicator_id === "gdp");
    expect(gdp).toMatchObject({ period: "2023", kind: "actual", value: 386.42, unit: "亿元", growth_pct: 3.6, reported_rank: 3, rank_scope: "湛江市" });
  });

  it("judges 湛河区's 2022 plan against its 2022 results from the annex", () => {
    const checks = planVersusResult(batch.observations, { regions: ["湛河区"] }).filter((c) => c.period === "2022");
    const gdp = checks.find((c) => c.indicator_id === "gdp");
    expect(gdp).toMatchObject({ measure: "growth_pct", target: 7.5, result: 3.8, gap: -3.7, verdict: "missed" });
    expect(checks.find((c) => c.indicator_id === "fai")?.verdict).toBe("met");
  });

  it("sets 雷州市's 2024 targets against its 2023 results", () => {
    const steps = targetsAgainstLastResult(batch.observations, { regions: ["雷州市"], indicators: ["gdp"] });
    expect(steps).toEqual([expect.objectContaining({ base_period: "2023", base_growth_pct: 3.6, target_period: "2024", target_growth_pct: 5, growth_step: 1.4 })]);
  });
});
