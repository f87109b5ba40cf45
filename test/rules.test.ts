// Rules for how reports phrase their figures, each on a sentence written for the test in the
// way such reports are written (issue: reading reports the kit was not written for).
import { describe, expect, it } from "vitest";
import { extract, one, none } from "./helpers/docs.js";

/** A county government's work report reviewing 2025 and setting 2026's goals. */
const review = (body: string, plans = "") => extract(`2026年武义县政府工作报告\n\n一、2025年工作回顾\n\n${body}\n\n二、2026年工作安排\n\n${plans}\n`);

describe("ranks", () => {
  it("reads 首位 as first, with its scope", () => {
    expect(one(review("常住人口城镇化率提高到66.5%、居全市首位。"), { indicator_id: "urbanization_rate" })).toMatchObject({ value: 66.5, rank: 1, rank_scope: "全市" });
  });
  it("reads a rank with no verb after a figure (增长6.5%、全省第二)", () => {
    expect(one(review("地区生产总值增长6.5%、全省第二。"), { indicator_id: "gdp" })).toMatchObject({ growth_pct: 6.5, rank: 2, rank_scope: "浙江省" });
  });
  it("distributes packed ranks over the names before 分别", () => {
    const r = review("地区生产总值、固定资产投资、社会消费品零售总额增速分别居全市第二、第七、第九。");
    expect([one(r, { indicator_id: "gdp" }).rank, one(r, { indicator_id: "fai" }).rank, one(r, { indicator_id: "retail_sales" }).rank]).toEqual([2, 7, 9]);
  });
});

describe("lists", () => {
  it("splits a paired name in the middle of a name (本外币存贷款余额) into its two indicators", () => {
    const r = review("银行机构本外币存贷款余额分别达3870亿元、2990亿元。");
    expect(one(r, { indicator_id: "deposits" }).value).toBe(3870);
    expect(one(r, { indicator_id: "loans" }).value).toBe(2990);
  });
  it("splits 一二三产增加值 into the three industries", () => {
    const r = review("其中一二三产增加值分别增长3.5%、6%、5%。");
    expect([one(r, { indicator_id: "gdp_primary" }).growth_pct, one(r, { indicator_id: "gdp_secondary" }).growth_pct, one(r, { indicator_id: "gdp_tertiary" }).growth_pct]).toEqual([3.5, 6, 5]);
  });
  it("keeps 年均 before 分别 for every item", () => {
    const r = review("五年来，接待游客人次、旅游总收入年均分别增长4.4%、10%。");
    expect(one(r, { indicator_id: "tourist_visits" })).toMatchObject({ period: "2021-2025", growth_pct: 4.4, growth_basis: "annual_avg" });
    expect(one(r, { indicator_id: "tourism_revenue" })).toMatchObject({ growth_pct: 10, growth_basis: "annual_avg" });
  });
});

describe("what a change is measured against", () => {
  it("reads growth against a named year other than the last as cumulative over the years since, and the named year as no period", () => {
    const r = review("全县生产总值较2019年增长12%。常住人口城镇化率为66%，比2024年提高1.2个百分点。");
    expect(one(r, { indicator_id: "gdp" })).toMatchObject({ period: "2020-2025", growth_pct: 12, growth_basis: "cumulative" });
    expect(one(r, { indicator_id: "urbanization_rate" })).toMatchObject({ period: "2025", value: 66, growth_pct: 1.2, growth_basis: "yoy" });
    none(r, { period: "2019" });
    none(r, { period: "2024" });
  });
  it("reads 两年平均增长 as an average over the two years", () => {
    expect(one(review("全县生产总值两年平均增长3.1%。"), { indicator_id: "gdp" })).toMatchObject({ period: "2024-2025", growth_pct: 3.1, growth_basis: "annual_avg" });
  });
  it("reads 比上年末 for a stock as year on year", () => {
    expect(one(review("年末金融机构各项存款余额560亿元，比上年末增长8.1%。"), { indicator_id: "deposits" })).toMatchObject({ growth_pct: 8.1, growth_basis: "yoy" });
  });
  it("reads growth over a five-year span that is not an average as cumulative", () => {
    expect(one(review("五年来，居民人均可支配收入五年增长30.8%。"), { indicator_id: "income_per_capita" })).toMatchObject({ period: "2021-2025", growth_basis: "cumulative" });
  });
});

describe("notes and absolute changes inside a statement", () => {
  it("reads through a bracketed note with a comma in it, and its 下同 is no estimate", () => {
    const r = review("全年全县固定资产投资（不含农户，下同）比上年下降7.5%。工业投资下降2.7%。");
    expect(one(r, { indicator_id: "fai" })).toMatchObject({ kind: "actual", growth_pct: -7.5 });
    expect(one(r, { indicator_id: "industrial_investment" })).toMatchObject({ kind: "actual", growth_pct: -2.7 });
  });
  it("carries 预计 on where the note says 预计数，下同", () => {
    const r = review("全年地区生产总值预计增长5.5%（预计数，下同）。固定资产投资增长3%。");
    expect(one(r, { indicator_id: "fai" }).kind).toBe("estimate");
  });
  it("skips 增收 (an absolute change) and 按可比价计算, keeping the growth on the figure", () => {
    const r = review("全年一般公共预算收入17.9亿元，比上年增收1.4亿元，增长8.6%。全年农业总产值41.6亿元，按可比价计算增长3.9%。");
    expect(one(r, { indicator_id: "budget_revenue" })).toMatchObject({ value: 17.9, growth_pct: 8.6 });
    expect(one(r, { indicator_id: "agri_output" })).toMatchObject({ value: 41.6, growth_pct: 3.9 });
    none(r, { value: 1.4 });
  });
});

describe("targets", () => {
  it("keeps a range as written, its floor in growth_pct", () => {
    expect(one(review("", "地区生产总值增长4.5%—5%，在实际工作中争取更好结果。"), { indicator_id: "gdp" })).toMatchObject({ kind: "target", growth_pct: 4.5, growth_qualifier: null, target_text: "增长4.5%—5%" });
  });
  it("does not take 确保城镇 for a town", () => {
    expect(one(review("", "确保城镇新增就业1.2万人以上。"), { indicator_id: "new_urban_jobs" })).toMatchObject({ region: "武义县", value: 1.2, value_qualifier: "at_least" });
  });
});

describe("aliases", () => {
  it.each([
    ["全年旅游接待总人数1200万人次，比上年增长8%。", "tourist_visits"],
    ["实现旅游综合收入121亿元，同比增长33%。", "tourism_revenue"],
    ["出口值508.4亿元，增长38.7%。", "exports"],
    ["全年实际使用外商直接投资金额3.71亿美元，同比增长41.27%。", "fdi_actual"],
    ["公共预算支出36亿元，增长3%。", "budget_expenditure"],
  ])("%s → %s", (sentence, id) => {
    expect(one(review(sentence), { indicator_id: id }).kind).toBe("actual");
  });
});

describe("from–to without years", () => {
  it("dates 由上年…增加到… at both ends", () => {
    const r = review("年末常住人口由上年41.0万人增加到41.2万人。");
    expect(one(r, { indicator_id: "population", period: "2025" }).value).toBe(41.2);
    expect(one(r, { indicator_id: "population", period: "2024" }).value).toBe(41);
  });
  it("dates the start of a five-year review's 从…提高到… the year before the span", () => {
    const r = review("五年来，地区生产总值从311.4亿元提高到458.2亿元。");
    expect(one(r, { indicator_id: "gdp", period: "2025" }).value).toBe(458.2);
    expect(one(r, { indicator_id: "gdp", period: "2020" }).value).toBe(311.4);
  });
  it("leaves an undated start unsaid outside a review of a span", () => {
    const r = extract("武义县2025年国民经济和社会发展统计公报\n\n全县最低工资标准从1800元提高到2000元。\n");
    expect(r.observations.map((o) => o.value)).toEqual([2000]);
  });
});

describe("thresholds and exact figures", () => {
  it("takes the exact figure after a threshold (突破…、达到…)", () => {
    expect(one(review("全县地区生产总值突破400亿元、达到412.5亿元。"), { indicator_id: "gdp" })).toMatchObject({ value: 412.5, value_qualifier: null });
  });
  it("keeps a level to reach (迈上…台阶) as at least that level", () => {
    const r = review("", "“十五五”时期，全县地区生产总值年均增长5%左右、迈上600亿元台阶。");
    expect(one(r, { indicator_id: "gdp", period: "2026-2030" })).toMatchObject({ kind: "target", value: 600, value_qualifier: "at_least", growth_pct: 5, growth_basis: "annual_avg" });
  });
});

describe("figures that name nothing themselves", () => {
  it("gives a rank after 总量 to the last figure", () => {
    expect(one(review("地区生产总值增长3.9%、总量连续10年居全市首位。"), { indicator_id: "gdp" })).toMatchObject({ growth_pct: 3.9, rank: 1, rank_scope: "全市" });
  });
  it("gives a sentence's nameless figure to the catalogued indicator it opens on", () => {
    const r = review("五年来，全县生产总值连续跨越三个百亿台阶，年均增长5.9%。");
    expect(one(r, { indicator_id: "gdp" })).toMatchObject({ period: "2021-2025", growth_pct: 5.9, growth_basis: "annual_avg" });
  });
  it("distributes growth written after two named figures without 分别", () => {
    const r = review("全年城镇居民人均可支配收入42038元，农村居民人均可支配收入20366元，同比增长5.3%和6.4%。");
    expect(one(r, { indicator_id: "income_urban" })).toMatchObject({ value: 42038, growth_pct: 5.3 });
    expect(one(r, { indicator_id: "income_rural" })).toMatchObject({ value: 20366, growth_pct: 6.4 });
  });
  it("keeps growth against a year long past as a fact of its own span, not the year's", () => {
    const r = review("2025年旅游接待总人数292.6万人次，比2020年增长62.2%。");
    expect(one(r, { indicator_id: "tourist_visits", period: "2025" })).toMatchObject({ value: 292.6, growth_pct: null });
    expect(one(r, { indicator_id: "tourist_visits", period: "2021-2025" })).toMatchObject({ growth_pct: 62.2, growth_basis: "cumulative" });
  });
});

describe("noise inside a statement", () => {
  it("reads through footnote markers after a word (②, [7], 【3】)", () => {
    const r = review("全年全县生产总值②达到458.2亿元，比上年增长4.0%。实际使用外商直接投资[7]金额2.7亿美元，下降5.3%。一般公共预算收入【3】28.1亿元。");
    expect(one(r, { indicator_id: "gdp" })).toMatchObject({ value: 458.2, growth_pct: 4 });
    expect(one(r, { indicator_id: "fdi_actual" })).toMatchObject({ value: 2.7, unit: "亿美元", growth_pct: -5.3 });
    expect(one(r, { indicator_id: "budget_revenue" }).value).toBe(28.1);
  });
  it("reads 减产 as a fall", () => {
    expect(one(review("全年粮食产量21.5万吨，比上年减产1.8%。"), { indicator_id: "grain_output" }).growth_pct).toBe(-1.8);
  });
});

describe("targets in words", () => {
  it.each([
    ["固定资产投资实现正增长。", "fai", "实现正增长"],
    ["居民收入增速不低于经济增速。", "income_per_capita", "增速不低于经济增速"],
    ["农村居民收入增速高于城镇居民收入增速。", "income_rural", "增速高于城镇居民收入增速"],
  ])("%s", (sentence, id, words) => {
    expect(one(review("", sentence), { indicator_id: id })).toMatchObject({ kind: "target", period: "2026", target_text: words, value: null, growth_pct: null });
  });
});

describe("lists without 分别 and qualifiers written once", () => {
  it("splits listed names followed by as many figures (城镇和农村…4.2万元和2.1万元)", () => {
    const r = review("城镇和农村居民人均可支配收入4.2万元和2.1万元。");
    expect(one(r, { indicator_id: "income_urban" }).value).toBe(4.2);
    expect(one(r, { indicator_id: "income_rural" }).value).toBe(2.1);
  });
  it("gives a qualifier written after the last item to every item", () => {
    const r = review("", "地区生产总值、固定资产投资、社会消费品零售总额分别增长6%、5%、7%左右。");
    for (const id of ["gdp", "fai", "retail_sales"]) expect(one(r, { indicator_id: id }).growth_qualifier).toBe("about");
  });
  it("does not read 3项主要指标 as a figure", () => {
    expect(review("3项主要指标居全市第一。").observations).toEqual([]);
  });
  it("does not read a size class in a definition (2000万元及以上的工业企业) as a figure", () => {
    expect(review("规模以上工业统计范围为年主营业务收入2000万元及以上的工业企业。").observations).toEqual([]);
  });
});

describe("more targets in words", () => {
  it.each([
    ["房地产开发投资实现止跌回升。", "real_estate_investment", "实现止跌回升"],
    ["居民人均可支配收入增长快于全省平均。", "income_per_capita", "增长快于全省平均"],
  ])("%s", (sentence, id, words) => {
    expect(one(review("", sentence), { indicator_id: id })).toMatchObject({ kind: "target", target_text: words });
  });
});

describe("预计 that opens a sentence", () => {
  it("covers every figure of the sentence across ；, and （以下同） after 按可比价格计算 is no estimate", () => {
    const r = review("预计全年地区生产总值增长6%；固定资产投资增长5%，社会消费品零售总额120亿元。按可比价格计算（以下同），一般公共预算收入增长3%。");
    for (const id of ["gdp", "fai", "retail_sales"]) expect(one(r, { indicator_id: id }).kind).toBe("estimate");
    expect(one(r, { indicator_id: "budget_revenue" }).kind).toBe("actual");
  });
});

describe("a sub-scope is not the headline", () => {
  const r = review("全县民营经济增加值120亿元，增长6%，其中第一产业增加值10亿元，第二产业增加值50亿元。全县地区生产总值300亿元，其中，第一产业增加值30亿元。区本级固定资产投资30亿元。产业项目实际到位外资2000万美元。农民人均纯收入12000元，增长8%。");
  it("gives a sub-aggregate's 其中 breakdown the sub-aggregate's name", () => {
    expect(one(r, { indicator: "民营经济第一产业增加值" })).toMatchObject({ indicator_id: null, value: 10 });
    expect(one(r, { indicator_id: "gdp_primary" })).toMatchObject({ value: 30, conflict: false });
  });
  it("keeps 区本级, 产业项目 and 农民人均纯收入 under their own names", () => {
    for (const name of ["区本级固定资产投资", "产业项目实际到位外资", "农民人均纯收入"]) expect(one(r, { indicator: name }).indicator_id).toBeNull();
    none(r, { indicator_id: "fai" });
    none(r, { indicator_id: "fdi_actual" });
    none(r, { indicator_id: "income_rural" });
  });
});

describe("the span a review paragraph opens", () => {
  it("carries 五年来 to the paragraphs under it, until a paragraph speaks of one year again", () => {
    const r = review(["五年来，我们推动经济社会发展迈上新台阶。", "——综合实力进一步跃升。全县生产总值年均增长5.9%。一般公共预算收入从20亿元提高到28.5亿元。", "今年，全县社会消费品零售总额年均增长4%。"].join("\n\n"));
    expect(one(r, { indicator_id: "gdp" })).toMatchObject({ period: "2021-2025", growth_basis: "annual_avg" });
    expect(one(r, { indicator_id: "budget_revenue", period: "2020" }).value).toBe(20);
    expect(one(r, { indicator_id: "budget_revenue", period: "2025" }).value).toBe(28.5);
    expect(one(r, { indicator_id: "retail_sales" }).period).toBe("2025");
  });
});

describe("zones and lists", () => {
  it("keeps a zone named only by its kind (工业园区…) under the region, as no headline", () => {
    const r = review("全年工业园区投产工业企业2005家，实现工业增加值同比增长12.3%。");
    expect(one(r, { indicator: "工业园区工业增加值" })).toMatchObject({ region: "武义县", indicator_id: null, growth_pct: 12.3 });
    none(r, { indicator_id: "industry_va" });
  });
  it("keeps a short list item that names an indicator by itself, and shares a leading qualifier and a trailing rank", () => {
    const r = review("全域旅游人数、旅游综合收入分别增长9.2%、10.2%。城镇和农村居民人均可支配收入分别超过8万元、4.5万元，稳居全省第1位。");
    expect(one(r, { indicator_id: "tourist_visits" }).growth_pct).toBe(9.2);
    expect(one(r, { indicator_id: "income_urban" })).toMatchObject({ value: 8, value_qualifier: "more_than", rank: 1 });
    expect(one(r, { indicator_id: "income_rural" })).toMatchObject({ value: 4.5, value_qualifier: "more_than", rank: 1 });
  });
  it("reads a rank reached by a change (提升至全国第二)", () => {
    expect(one(review("第一产业增加值提升至全国第二。"), { indicator_id: "gdp_primary" })).toMatchObject({ rank: 2, rank_scope: "全国" });
  });
});

describe("more growth words", () => {
  it("reads 增速完成, 年均递增 and 完成上级确定的目标", () => {
    const r = review("地区生产总值增速完成6.5%。五年来，一般公共预算收入年均递增8.2%。", "社会消费品零售总额完成上级确定的目标。");
    expect(one(r, { indicator_id: "gdp" })).toMatchObject({ growth_pct: 6.5, value: null });
    expect(one(r, { indicator_id: "budget_revenue" })).toMatchObject({ period: "2021-2025", growth_pct: 8.2, growth_basis: "annual_avg" });
    expect(one(r, { indicator_id: "retail_sales" })).toMatchObject({ kind: "target", target_text: "完成上级确定的目标" });
  });
});

describe("comparisons beside a result", () => {
  it("does not take 高于全市平均 beside a result for a target in words", () => {
    const r = review("规模以上工业增加值增长9.2%，高于全市平均2.1个百分点。");
    expect(one(r, { indicator_id: "industry_va_above_scale" })).toMatchObject({ kind: "actual", growth_pct: 9.2, target_text: null });
  });
});
