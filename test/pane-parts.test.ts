// Pure parts of the task pane: an indicator's coverage, where a number sits in its quote, the
// remembered language.
import { describe, expect, it } from "vitest";
import { coverage, specOf } from "../addin/pane/facts.js";
import { LANGUAGE_KEY, saveLocale, storedLocale } from "../addin/pane/language.js";
import { numberIn } from "../addin/pane/source-view.js";
import type { DocumentRow } from "../kit/types.js";
import { observation } from "./fakes/observations.js";

const docRow = (doc: string, part: number, region: string, title: string): DocumentRow =>
  ({ doc, part, title, region, parent_region: null, region_source: null, type: "news", report_period: null, report_period_part: null, plan_period: null, date: null, format: "text", encoding: null, start: 0, end: 0, observations: 0, mentions: 0, conflicts: 0, warnings: [] }) as DocumentRow;

describe("coverage", () => {
  it("lists each document and region with its years, an article's title for a page of several", () => {
    const rows = [
      observation({ doc: "a.txt", region: "雷州市", period: "2024", kind: "target" }),
      observation({ doc: "a.txt", region: "雷州市", period: "2023" }),
      observation({ doc: "news.html", region: "廉江市", period: "2017" }),
      observation({ doc: "a.txt", region: "雷州市", period: "2024", period_part: "H1" }),
    ];
    const docs = [docRow("a.txt", 0, "雷州市", "雷州市报告"), docRow("news.html", 0, "湛江市", "湛江新闻"), docRow("news.html", 1, "廉江市", "廉江市政府工作报告")];
    const c = coverage(rows, docs);
    expect(c.documents).toEqual([
      { doc: "news.html", title: "廉江市政府工作报告", region: "廉江市", periods: ["2017"], observations: 1 },
      { doc: "a.txt", title: "雷州市报告", region: "雷州市", periods: ["2023", "2024", "2024H1"], observations: 3 },
    ]);
    expect(c.periods).toEqual(["2017", "2023", "2024", "2024H1"]);
    expect(c.regions).toEqual(["廉江市", "雷州市"]);
  });

  it("reads the catalogue's facts, definition only where present", () => {
    const gdp = specOf("gdp")!;
    expect(gdp).toMatchObject({ name: "地区生产总值", defaultUnit: "亿元" });
    expect(gdp.definition === undefined || typeof gdp.definition === "string").toBe(true);
    expect(specOf("no_such_indicator")).toBeUndefined();
  });
});

describe("numberIn", () => {
  it("finds the value as written, not inside a longer number, else the growth", () => {
    const q = "2025年全市完成地区生产总值 386.42 亿元、增长 5%";
    expect(numberIn(q, { value: 386.42, growth_pct: 5 })).toEqual([q.indexOf("386.42"), q.indexOf("386.42") + 6]);
    expect(numberIn(q, { value: null, growth_pct: 5 })).toEqual([q.lastIndexOf("5"), q.lastIndexOf("5") + 1]);
    expect(numberIn("总额 5,263 亿元", { value: 5263, growth_pct: null })).toEqual([3, 8]);
    expect(numberIn("没有数字", { value: 1, growth_pct: null })).toBeNull();
  });
});

describe("the pane's language", () => {
  it("is Chinese unless English was chosen, and remembered", () => {
    const data = new Map<string, string>();
    const store = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
    expect(storedLocale(store)).toBe("zh");
    saveLocale(store, "en");
    expect(data.get(LANGUAGE_KEY)).toBe("en");
    expect(storedLocale(store)).toBe("en");
    expect(storedLocale(null)).toBe("zh");
    const refusing = { getItem: () => { throw new Error("SecurityError"); }, setItem: () => { throw new Error("SecurityError"); } };
    expect(storedLocale(refusing)).toBe("zh");
    expect(() => saveLocale(refusing, "en")).not.toThrow();
  });
});
