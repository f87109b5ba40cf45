// Which passages review results and which set targets, for which year or span: headings
// numbered or not, paragraphs that open goals, five-year reviews and the next plan period.
import { describe, expect, it } from "vitest";
import { extract, one, none } from "./helpers/docs.js";
import { classifyHeading, goalsOpened, spanNamed } from "../kit/structure/passages.js";

const gov = (year: number, body: string) => `${year}年武义县政府工作报告\n\n${body}\n`;

describe("passages that set targets", () => {
  it("reads an unnumbered line such as 2025年工作目标任务 as the heading of the plan year's goals", () => {
    const r = extract(gov(2025, "一、2024年工作回顾\n\n全县地区生产总值增长6.2%。\n\n2025年工作目标任务\n\n地区生产总值增长6%左右，固定资产投资增长5%。"));
    expect(one(r, { indicator_id: "gdp", kind: "actual" })).toMatchObject({ period: "2024", growth_pct: 6.2 });
    expect(one(r, { indicator_id: "gdp", kind: "target" })).toMatchObject({ period: "2025", growth_pct: 6, growth_qualifier: "about" });
    expect(one(r, { indicator_id: "fai" })).toMatchObject({ kind: "target", period: "2025" });
  });

  it("reads a paragraph that opens 主要预期目标是 as targets to its end, and no further", () => {
    const r = extract(
      gov(2025, "全县地区生产总值增长6.2%。\n\n今年全县经济社会发展主要预期目标是：地区生产总值增长5.5%左右，社会消费品零售总额增长6%。\n\n一般公共预算收入增长3%。"),
    );
    expect(one(r, { indicator_id: "gdp", kind: "target" })).toMatchObject({ period: "2025", growth_pct: 5.5 });
    expect(one(r, { indicator_id: "retail_sales" })).toMatchObject({ kind: "target", period: "2025" });
    expect(one(r, { indicator_id: "budget_revenue" })).toMatchObject({ kind: "actual", period: "2024" });
    // A target never merges into the result of the same indicator as a false conflict.
    expect(r.observations.filter((o) => o.conflict)).toEqual([]);
  });

  it("reads a heading with a later year and no plan word (二、关于2025年工作) as the plan year's", () => {
    const r = extract(gov(2025, "一、2024年工作回顾\n\n全县地区生产总值增长6.2%。\n\n二、关于2025年工作\n\n地区生产总值增长6%左右。"));
    expect(one(r, { indicator_id: "gdp", kind: "target" }).period).toBe("2025");
  });

  it("never takes a bulletin's issue date under its title for a plan heading", () => {
    const r = extract("武义县2024年国民经济和社会发展统计公报\n\n武义县统计局\n\n2025年3月20日\n\n全年地区生产总值增长6.1%。\n");
    expect(one(r, { indicator_id: "gdp" })).toMatchObject({ kind: "actual", period: "2024" });
  });
});

describe("five-year reviews and the next plan period", () => {
  const r = extract(
    gov(
      2026,
      [
        "一、2025年和“十四五”时期工作回顾",
        "全县地区生产总值增长5.1%。",
        "五年来，全县地区生产总值年均增长6.3%，一般公共预算收入累计完成120亿元，常住人口城镇化率提高到62%。",
        "二、“十五五”时期主要目标任务",
        "地区生产总值年均增长5%左右，常住人口城镇化率达66%左右。",
        "三、2026年工作安排",
        "主要预期目标是：地区生产总值增长5%左右。",
      ].join("\n\n"),
    ),
  );

  it("gives a five-year review's 年均 and 累计 figures the span, and its levels the last year", () => {
    expect(one(r, { indicator_id: "gdp", period: "2021-2025" })).toMatchObject({ kind: "actual", growth_pct: 6.3, growth_basis: "annual_avg" });
    expect(one(r, { indicator_id: "budget_revenue" })).toMatchObject({ period: "2021-2025", value: 120 });
    expect(one(r, { indicator_id: "urbanization_rate", kind: "actual" })).toMatchObject({ period: "2025", value: 62 });
    expect(one(r, { indicator_id: "gdp", period: "2025" })).toMatchObject({ kind: "actual", growth_pct: 5.1 });
  });

  it("gives the next plan period's goals the span as targets, apart from the plan year's", () => {
    expect(one(r, { indicator_id: "gdp", period: "2026-2030" })).toMatchObject({ kind: "target", growth_pct: 5, growth_basis: "annual_avg" });
    expect(one(r, { indicator_id: "urbanization_rate", kind: "target" })).toMatchObject({ period: "2026-2030", value: 66, value_qualifier: "about" });
    expect(one(r, { indicator_id: "gdp", period: "2026" })).toMatchObject({ kind: "target", growth_pct: 5, growth_basis: "yoy" });
    none(r, { indicator_id: "urbanization_rate", period: "2026" });
  });
});

describe("the passage functions", () => {
  const meta = { reportYear: 2025, planYear: 2026 };
  it("names spans by plan number, by 五年来 and by 今后五年", () => {
    expect(spanNamed("“十四五”时期，全省", meta)).toEqual({ from: 2021, to: 2025, future: false });
    expect(spanNamed("二、“十五五”时期主要目标", meta)).toEqual({ from: 2026, to: 2030, future: true });
    expect(spanNamed("“十二五”期间", { reportYear: 2015, planYear: 2016 })).toEqual({ from: 2011, to: 2015, future: false });
    expect(spanNamed("五年来，我们", meta)).toEqual({ from: 2021, to: 2025, future: false });
    expect(spanNamed("今后五年", meta)).toEqual({ from: 2026, to: 2030, future: true });
    // The first year of a plan names no period of figures.
    expect(spanNamed("今年是“十五五”开局之年", meta)).toBeNull();
  });
  it("classifies headings", () => {
    expect(classifyHeading("一、2025年工作回顾", meta)).toEqual({ mode: "result", year: 2025 });
    expect(classifyHeading("二、关于2026年工作", meta)).toEqual({ mode: "plan", year: 2026 });
    expect(classifyHeading("2026年3月1日", meta)).toBeNull();
    expect(goalsOpened("今年全县经济社会发展主要预期目标是：地区生产总值增长5%左右")).toEqual({ year: null });
    expect(goalsOpened("2026年主要预期目标是：")).toEqual({ year: 2026 });
  });
});

describe("lines broken inside a sentence", () => {
  it("joins …发展的 / 主要目标 / 是：… back into one sentence", () => {
    const r = extract(gov(2026, "三、2026年工作安排\n今年经济社会发展的\n主要预期目标\n是：地区生产总值增长5%左右；一般公共预算收入增长3%左右。"));
    expect(one(r, { indicator_id: "gdp" })).toMatchObject({ kind: "target", period: "2026" });
    expect(one(r, { indicator_id: "budget_revenue" })).toMatchObject({ kind: "target", growth_pct: 3 });
  });
});
