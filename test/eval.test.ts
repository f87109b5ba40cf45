// The scorer behind `zhibiao eval`, on gold rows and predictions written here.
import { describe, expect, it } from "vitest";
import { metaProblems, scoreDocument, totalLine, totals, type GoldRow } from "../eval/score.js";
import type { DocumentRow, Observation } from "../kit/types.js";
import { withStandard } from "./helpers/observation.js";

const gold = (p: Partial<GoldRow>): GoldRow => ({
  tier: "A", region: "武义县", period: "2025", kind: "actual", indicator: "地区生产总值", indicator_id: "gdp", value: null, unit: null, growth_pct: null,
  growth_basis: "yoy", value_qualifier: null, growth_qualifier: null, target_text: null, rank: null, rank_scope: null, quote: "q", ...p,
});
const obs = (p: Partial<Observation>): Observation => withStandard({
  id: "x", doc: "d.txt", region: "武义县", period: "2025", period_part: null, kind: "actual", indicator: "地区生产总值", indicator_id: "gdp", value: null, unit: null,
  growth_pct: null, growth_basis: "yoy", value_qualifier: null, growth_qualifier: null, target_text: null, rank: null, rank_scope: null, conflict: false, quote: "q", ...p,
});

describe("scoring a document", () => {
  const g = [gold({ value: 458.2, unit: "亿元", growth_pct: 5.1 }), gold({ indicator: "固定资产投资", indicator_id: "fai", growth_pct: 3 }), gold({ tier: "B", indicator: "工业用电量", indicator_id: null, value: 12, unit: "亿千瓦时" })];
  const p = [
    obs({ id: "1", value: 458.2, unit: "亿元", growth_pct: 5.2 }), // found, one field wrong
    obs({ id: "2", indicator: "工业用电量", indicator_id: null, value: 12, unit: "亿千瓦时" }), // tier B exact
    obs({ id: "3", indicator: "社会消费品零售总额", indicator_id: "retail_sales", growth_pct: 4 }), // a headline row gold lacks
    obs({ id: "4", region: "金华市", indicator_id: "fai", growth_pct: 3 }), // another region: no match
  ];
  const s = scoreDocument({ doc: "d.txt", observations: g }, p);

  it("counts found, exact and false headline rows as the gold's README says", () => {
    expect(s.A).toEqual({ n: 2, found: 1, exact: 0 });
    expect(s.B).toEqual({ n: 1, found: 1, exact: 1 });
    expect([s.headline, s.falseHeadline]).toEqual([3, 2]);
    expect(s.wrongFields[0]).toMatch(/growth_pct gold=5.1 got=5.2/);
    expect(s.misses[0]).toMatch(/固定资产投资/);
  });

  it("totals documents into one line", () => {
    expect(totalLine(totals([s, s]))).toBe("TOTAL A recall 50.0% exact 0.0% | headline precision 33.3% | B recall 100.0% exact 100.0%");
  });
});

describe("document metadata", () => {
  const row = { doc: "d.txt", region: "武义县", type: "statistical_bulletin", report_period: "2025" } as DocumentRow;
  it("names what differs, and a file read as several parts", () => {
    expect(metaProblems({ region: "武义县", type: "statistical_bulletin", report_period: "2025" }, [row])).toEqual([]);
    expect(metaProblems({ region: "金华市", report_period: "2024" }, [row])).toEqual(["region 金华市 got 武义县", "report_period 2024 got 2025"]);
    expect(metaProblems({ region: "武义县" }, [row, row])).toEqual(["2 parts"]);
  });
});
