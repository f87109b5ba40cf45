// Reports in Traditional script (web copies) are read like Simplified ones; quotes keep the
// original characters. The Traditional text is made here from Simplified with OpenCC.
import { describe, expect, it } from "vitest";
import * as OpenCC from "opencc-js/cn2t";
import { isTraditional, simplifiedCopy } from "../kit/script/script.js";
import { planReport, extract, one } from "./helpers/docs.js";

const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });

const simplified = planReport(
  "廉江市",
  2017,
  "全市实现地区生产总值521.5亿元，增长9%。其中，第一产业增加值113.7亿元，增长4.2%。全市金融机构存款余额362亿元，增长8%。全年接待游客615.9万人次，增长5.1%。",
  "主要预期目标是：地区生产总值增长8%，城镇新增就业5000人以上。",
);
const traditional = toTraditional(simplified);

describe("Traditional script", () => {
  it("is told apart from Simplified", () => {
    expect(traditional).not.toBe(simplified);
    expect(isTraditional(traditional)).toBe(true);
    expect(isTraditional(simplified)).toBe(false);
  });

  it("is read through a Simplified copy of the same length", () => {
    const reading = simplifiedCopy(traditional);
    expect(reading.length).toBe(traditional.length);
    expect(reading).toContain("地区生产总值");
  });

  it("gives the same observations as the Simplified report, quoting the original characters", () => {
    const a = extract(simplified);
    const b = extract(traditional);
    const strip = (r: typeof a) => r.observations.map(({ id: _id, quote: _q, ...rest }) => rest);
    expect(strip(b)).toEqual(strip(a));
    const gdp = one(b, { indicator_id: "gdp", period: "2017" });
    expect(gdp).toMatchObject({ region: "廉江市", value: 521.5, growth_pct: 9 });
    expect(gdp.quote).toBe(toTraditional("全市实现地区生产总值521.5亿元，增长9%"));
  });
});

describe("national reports", () => {
  it("are about 全国", () => {
    const r = extract("2022年国务院政府工作报告\n\n一、2021年工作回顾\n\n我国国内生产总值达到114万亿元，增长8.1%。\n\n二、2022年主要预期目标\n\n国内生产总值增长5.5%左右。\n");
    expect(r.documents[0]).toMatchObject({ region: "全国", type: "government_work_report", report_period: "2021", plan_period: "2022" });
    expect(one(r, { indicator_id: "gdp", period: "2021" })).toMatchObject({ value: 114, unit: "万亿元", growth_pct: 8.1 });
    expect(one(r, { indicator_id: "gdp", period: "2022" })).toMatchObject({ kind: "target", growth_pct: 5.5, growth_qualifier: "about" });
  });
});
