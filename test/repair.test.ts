// Damaged text read through in the text layer, every offset still pointing at the original.
import { describe, expect, it } from "vitest";
import { extract, one } from "./helpers/docs.js";
import { findRepairs } from "../kit/text/repair.js";
import { cleanRange, footnoteEnd } from "../kit/text/clean.js";

describe("finding what a text needs", () => {
  it("finds the token a bad export wrote for %, and literal line breaks", () => {
    expect(findRepairs("增长8.5_M_M_，增长3.2_M_M_，下降1.1_M_M_。\\r\\n第二段\\r\\n第三段\\r\\n")).toEqual({ percent: "_M_M_", literalBreaks: true });
    // A unit written in letters is no stand-in; a text with % has none.
    expect(findRepairs("装机容量12MW，13MW，14MW。").percent).toBeNull();
    expect(findRepairs("增长8.5%，增长3.2%，增长1_x_，2_x_，3_x_，4%，5%，6%，7%").percent).toBeNull();
  });

  it("finds footnote markers only where they are markers", () => {
    expect(footnoteEnd("②达到", 0, 3)).toBe(1);
    expect(footnoteEnd("[12]金额", 0, 6)).toBe(4);
    expect(footnoteEnd("【3】", 0, 3)).toBe(3);
    expect(footnoteEnd("[a]", 0, 3)).toBe(0);
  });

  it("maps clean text back to the original through entities and ??", () => {
    const raw = "生产总值&nbsp;458亿元??增长5%";
    const span = cleanRange(raw, 0, raw.length);
    expect(span.text).toBe("生产总值458亿元增长5%");
    expect(raw.slice(span.map[4]!, span.map[8]! + 1)).toBe("458亿元");
  });
});

describe("reports damaged on their way", () => {
  const text = "武义县2024年国民经济和社会发展统计公报\\r\\n\\r\\n全年地区生产总值&nbsp;458.2亿元，比上年增长8.5_M_M_。\\r\\n固定资产投资增长3.2_M_M_；社会消费品零售总额??120亿元，增长6.1_M_M_。\\r\\n一般公共预算收入20亿元。";
  const r = extract(text);

  it("reads every figure, % restored", () => {
    expect(one(r, { indicator_id: "gdp" })).toMatchObject({ value: 458.2, growth_pct: 8.5 });
    expect(one(r, { indicator_id: "fai" }).growth_pct).toBe(3.2);
    expect(one(r, { indicator_id: "retail_sales" })).toMatchObject({ value: 120, growth_pct: 6.1 });
    expect(one(r, { indicator_id: "budget_revenue" }).value).toBe(20);
  });

  it("quotes the original characters, stand-in included", () => {
    expect(one(r, { indicator_id: "gdp" }).quote).toBe("全年地区生产总值&nbsp;458.2亿元，比上年增长8.5_M_M_");
  });

  it("splits the document at the literal line breaks (the title is its own line)", () => {
    expect(r.documents[0]).toMatchObject({ title: "武义县2024年国民经济和社会发展统计公报", region: "武义县", type: "statistical_bulletin" });
  });
});

describe("footnotes are not articles", () => {
  it("keeps one document, reads the text before the first marker, and reads through markers", () => {
    const text = "武义县2024年国民经济和社会发展统计公报\n\n全年地区生产总值【1】458.2亿元，增长5.1%。\n\n名词解释\n\n【1】地区生产总值：指按市场价格计算的一个地区所有常住单位在一定时期内生产活动的最终成果。\n【2】规模以上工业：年主营业务收入2000万元及以上的工业企业。\n";
    const r = extract(text);
    expect(r.documents).toHaveLength(1);
    expect(one(r, { indicator_id: "gdp" })).toMatchObject({ value: 458.2, growth_pct: 5.1 });
    expect(r.observations).toHaveLength(1);
  });
});
