// Figures in a sentence: numbers, units, qualifiers, growth, ranks. Every token is checked
// with its index and its text, so a rule that matches the right value in the wrong place fails.
import { describe, expect, it } from "vitest";
import { tokenize, type Token } from "../kit/prose/tokens.js";
import { parseRankNumber } from "../kit/patterns.js";

function only(s: string, type: Token["type"]): Token & { text: string } {
  const found = tokenize(s).filter((t) => t.type === type);
  expect(found, `${type} tokens in «${s}»`).toHaveLength(1);
  return { ...found[0]!, text: s.slice(found[0]!.start, found[0]!.end) };
}

describe("values", () => {
  it.each([
    ["全市完成地区生产总值386.42亿元、增长3.6%", 386.42, "亿元", null, "386.42亿元"],
    ["城镇新增就业4700人以上", 4700, "人", "at_least", "4700人以上"],
    ["完成南山中路等道路约3000盏智能灯具提升改造", 3000, "盏", "about", "约3000盏"],
    ["发展电商企业50多家", 50, "家", "more_than", "50多家"],
    ["帮助2000余人实现灵活就业", 2000, "人", "more_than", "2000余人"],
    ["市场主体总量突破6万户", 6, "万户", "more_than", "突破6万户"],
    ["城镇登记失业率控制在3.5%以内", 3.5, "%", "at_most", "控制在3.5%以内"],
    ["技术合同登记突破7000万元以上", 7000, "万元", "more_than", "突破7000万元以上"],
    ["实际利用外资1亿元人民币以上", 1, "亿元", "at_least", "1亿元人民币以上"],
    ["总投资1,234.5万元", 1234.5, "万元", null, "1,234.5万元"],
    ["户籍总户数49.4万户", 49.4, "万户", null, "49.4万户"],
    ["接待游客333.78万人次", 333.78, "万人次", null, "333.78万人次"],
  ])("%s", (s, value, unit, qualifier, text) => {
    const t = only(s, "value");
    expect(t).toMatchObject({ value, unit, qualifier, text });
    expect(t.start).toBe(s.indexOf(text));
  });

  it("does not read 签约 as the qualifier 约 (about)", () => {
    const t = only("2023年来全区共签约15.93万人", "value");
    expect(t).toMatchObject({ value: 15.93, qualifier: null, text: "15.93万人" });
  });

  it("reads '21项目' as 21 projects (个), leaving 项目 to the name", () => {
    const t = only("华特沥青加工等21项目建成投产", "value");
    expect(t).toMatchObject({ value: 21, unit: "个", text: "21" });
  });

  it.each([
    ["湛江港40万吨级航道", "a tonnage class in a name"],
    ["精心办好8类31件为民办实事项目", "a list count"],
    ["开展应急演练1535场", "an administrative activity"],
    ["走访民营企业700多次", "an administrative activity"],
  ])("skips %s (%s)", (s) => {
    expect(tokenize(s).filter((t) => t.type === "value")).toEqual([]);
  });

  it.each(["位居全市第1名", "PM2.5平均浓度", "国道G228线", "2024年3月20日"])("takes no value from %s", (s) => {
    expect(tokenize(s).filter((t) => t.type === "value")).toEqual([]);
  });

  it("never starts a number inside a comma-grouped one", () => {
    const t = only("总额12,345,678元", "value");
    expect(t).toMatchObject({ value: 12345678, text: "12,345,678元" });
  });
});

describe("growth", () => {
  it.each([
    ["增长3.6%", 3.6, "yoy", null],
    ["下降9.6%", -9.6, "yoy", null],
    ["同比下降60.1%", -60.1, "yoy", null],
    ["比上年增长3%以上", 3, "yoy", "at_least"],
    ["增长5%左右", 5, "yoy", "about"],
    ["增长3.2倍", 320, "yoy", null],
    ["年均增长5.1%", 5.1, "annual_avg", null],
    ["比年初减少3%", -3, "vs_start_of_year", null],
    ["比增175.66%", 175.66, "yoy", null],
    ["提高0.7个百分点", 0.7, "yoy", null],
    ["增长-25.0%", -25, "yoy", null],
    ["增速为5.2%", 5.2, "yoy", null],
    ["增长速度达到7.1%", 7.1, "yoy", null],
    ["同口径增长5.9%", 5.9, "yoy", null],
  ])("%s", (s, pct, basis, qualifier) => {
    const t = only(s, "growth");
    expect(t).toMatchObject({ pct, basis, qualifier, start: 0, text: s });
  });

  it.each([
    ["增长5%-6%", 5, 6, null],
    ["增长8-10%", 8, 10, null],
    ["增长4.5%—5%", 4.5, 5, null],
    ["下降3%~5%", -3, -5, null], // ～ is folded to ~ before tokenizing
  ])("reads the range %s as its floor and its top, the range as written", (s, pct, upper, qualifier) => {
    expect(only(s, "growth")).toMatchObject({ pct, upper, qualifier, start: 0, text: s });
  });

  it.each([
    ["年均分别增长4.4%", "annual_avg", undefined, undefined],
    ["两年平均增长3.1%", "annual_avg", 2, undefined],
    ["比2021年提高0.64个百分点", "yoy", undefined, 2021],
    ["较2019年增长12%", "yoy", undefined, 2019],
  ])("reads what %s is measured over", (s, basis, years, baseYear) => {
    const t = tokenize(s).find((x) => x.type === "growth")!;
    expect(t).toMatchObject({ basis });
    expect(t.type === "growth" && [t.years, t.baseYear]).toEqual([years, baseYear]);
  });

  it("is not a value: 增长 3.6% gives one growth token and no value", () => {
    expect(tokenize("增长3.6%").map((t) => t.type)).toEqual(["growth"]);
  });
});

describe("ranks", () => {
  it.each([
    ["增速居湛江市第三", 3, "湛江市"],
    ["位居全市第1名", 1, "全市"],
    ["降幅居全市第一", 1, "全市"],
    ["位居六区第二名", 2, "六区"],
    ["排第220位", 220, ""],
    ["名列广东第8位", 8, "广东"],
  ])("%s", (s, rank, scope) => {
    const t = only(s, "rank");
    expect(t).toMatchObject({ rank, scope, text: s });
  });

  it("splits a scope from the indicator it names: 获全省基本公卫服务评价第4名", () => {
    const t = only("获全省基本公卫服务评价第4名", "rank");
    expect(t).toMatchObject({ rank: 4, scope: "全省", name: "基本公卫服务评价" });
  });

  it.each([
    ["三", 3],
    ["十", 10],
    ["十二", 12],
    ["二十一", 21],
    ["两", 2],
    ["220", 220],
  ])("第%s → %i", (s, n) => expect(parseRankNumber(s)).toBe(n));

  it("rejects what is not a number", () => expect(parseRankNumber("三a")).toBeNull());
});

describe("word targets, ratios, ranges", () => {
  it.each(["与经济增长同步", "与地区生产总值同步增长", "与去年同期持平", "基本持平", "和经济增长基本同步"])("%s", (s) => {
    expect(only(s, "word")).toMatchObject({ text: s, start: 0 });
  });

  it("reads a 三次产业 ratio", () => {
    const t = only("调整为21.8:45.3:32.9", "ratio");
    expect(t).toMatchObject({ parts: [21.8, 45.3, 32.9], text: "21.8:45.3:32.9" });
  });

  it("reads a range as a range", () => {
    expect(only("新增1至3个美丽乡村建设示范点", "range")).toMatchObject({ text: "1至3个", unit: "个" });
  });
});
