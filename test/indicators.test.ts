// The catalogue's facts about an indicator and where the tables hold it (indicatorInfo), and
// `zhibiao indicators` on the command line.
import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import path from "node:path";
import { INDICATORS, indicatorCatalogue, indicatorInfo } from "../kit/index.js";
import type { DocumentRow, Mention } from "../kit/types.js";
import { withStandard } from "./helpers/observation.js";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");

function obs(p: Partial<Parameters<typeof withStandard>[0]>) {
  return withStandard({
    id: "x", doc: "a.txt", region: "甲县", period: "2023", period_part: null, kind: "actual", indicator: "地区生产总值", indicator_id: "gdp", value: 10,
    unit: "亿元", growth_pct: null, growth_basis: "yoy", value_qualifier: null, growth_qualifier: null, target_text: null, rank: null, rank_scope: null,
    conflict: false, quote: "q", ...p,
  });
}
function doc(p: Partial<DocumentRow>): DocumentRow {
  return {
    doc: "a.txt", part: 0, title: null, region: "甲县", parent_region: null, region_source: "title", type: "plan_report", report_period: "2023", report_period_part: null,
    plan_period: "2024", date: null, format: "text", encoding: "utf-8", start: 0, end: 100, observations: 0, mentions: 0, conflicts: 0, warnings: [], ...p,
  };
}

describe("the catalogue's definitions", () => {
  it("give every catalogued indicator one Chinese sentence", () => {
    for (const s of INDICATORS) {
      expect(s.definition, s.id).toMatch(/^[^。]{8,}。$/);
      expect(s.definition, s.id).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});

describe("indicatorInfo", () => {
  it("returns the definition, standard unit, aliases and variants", () => {
    const gdp = indicatorInfo("gdp")!;
    expect(gdp.name).toBe("地区生产总值");
    expect(gdp.definition).toContain("常住单位在一定时期内生产活动的最终成果");
    expect(gdp.defaultUnit).toBe("亿元");
    expect(gdp.aliases).toContain("生产总值");
    const pension = indicatorInfo("pension_insured_urban_workers")!;
    expect(pension.variants).toContain("参加城镇企业职工基本养老保险人数");
    expect(indicatorInfo("gdp_primary")!.partOf).toBe("gdp");
    expect(indicatorInfo("no_such_indicator")).toBeUndefined();
    expect(gdp.coverage).toEqual({ observations: 0, kinds: { actual: 0, estimate: 0, target: 0 }, documents: [], regions: [], years: [] });
  });

  it("says which documents, regions and years hold it", () => {
    const observations = [
      obs({ id: "1", region: "甲县", period: "2023" }),
      obs({ id: "2", region: "甲县", period: "2024", kind: "target", value: null, unit: null, growth_pct: 5 }),
      obs({ id: "3", doc: "b.html", region: "乙县", period: "2024", period_part: "H1" }),
      obs({ id: "4", doc: "b.html", region: "乙县", period: "2016-2020", kind: "estimate" }),
      obs({ id: "5", indicator_id: "fai", indicator: "固定资产投资" }),
    ];
    const documents = [
      doc({ title: "甲县2023年计划执行情况的报告" }),
      doc({ doc: "b.html", part: 0, title: "乙县新闻一", region: "乙县", type: "news", start: 0, end: 50 }),
      doc({ doc: "b.html", part: 1, title: "乙县新闻二", region: "乙县", type: "news", start: 50, end: 100 }),
    ];
    const mentions: Mention[] = [
      { observation_id: "3", doc: "b.html", start: 60, end: 70, quote: "q", section: null, from_table: false, page: null },
      { observation_id: "4", doc: "b.html", start: 10, end: 20, quote: "q", section: null, from_table: false, page: null },
    ];
    const c = indicatorInfo("gdp", observations, documents, mentions)!.coverage;
    expect(c.observations).toBe(4);
    expect(c.kinds).toEqual({ actual: 2, estimate: 1, target: 1 });
    expect(c.regions).toEqual(["乙县", "甲县"].sort((a, b) => a.localeCompare(b, "zh")));
    expect(c.years).toEqual(["2016-2020", "2023", "2024", "2024H1"]);
    expect(c.documents.map((d) => [d.doc, d.part, d.title, d.observations])).toEqual([
      ["a.txt", 0, "甲县2023年计划执行情况的报告", 2],
      ["b.html", 0, "乙县新闻一", 1],
      ["b.html", 1, "乙县新闻二", 1],
    ]);
    expect(indicatorCatalogue(observations, documents).find((i) => i.id === "fai")!.coverage.observations).toBe(1);
    expect(indicatorCatalogue().map((i) => i.id)).toEqual(INDICATORS.map((s) => s.id));
  });
});

describe("zhibiao indicators", () => {
  const cli = path.join(root, "dist/cli/main.js");
  const zhibiao = (args: string[]) => run(process.execPath, [cli, ...args], { cwd: root, env: { ...process.env, ZHIBIAO_LANG: "" }, maxBuffer: 64 * 1024 * 1024 });
  it("prints the catalogue in Chinese, with coverage when paths are given", async () => {
    const plain = (await zhibiao(["indicators"])).stdout;
    expect(plain).toContain("地区生产总值 (gdp) · 标准单位：亿元");
    expect(plain).toContain("定义：按市场价格计算的一个地区所有常住单位");
    expect(plain).not.toContain("覆盖：");
    const seeds = (await zhibiao(["indicators", "seeds"])).stdout;
    expect(seeds).toMatch(/覆盖：\d+ 条（实际 \d+/);
    expect(seeds).toContain("雷州市2023年国民经济和社会发展规划执行情况与2024年计划草案的报告");
  }, 60_000);
  it("prints JSON with the field names the task pane relies on, and English labels on request", async () => {
    const json = JSON.parse((await zhibiao(["indicators", "seeds", "--json"])).stdout) as { id: string; definition: string; defaultUnit: string; coverage: { regions: string[]; years: string[] } }[];
    const gdp = json.find((i) => i.id === "gdp")!;
    expect(gdp.defaultUnit).toBe("亿元");
    expect(gdp.definition).toMatch(/。$/);
    expect(gdp.coverage.regions).toContain("雷州市");
    expect(gdp.coverage.years).toContain("2023");
    expect((await zhibiao(["indicators", "--lang", "en"])).stdout).toContain("地区生产总值 (gdp) · Standard unit: 亿元");
  }, 60_000);
});
