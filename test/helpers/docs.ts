// Small reports for tests, written in the style of the real ones.
import { expect } from "vitest";
import { extractText } from "../../kit/core.js";
import type { ExtractResult, Observation } from "../../kit/types.js";

export function planReport(region: string, year: number, results: string, plans = ""): string {
  return [
    `关于${region}${year}年国民经济和社会发展计划执行情况与${year + 1}年计划草案的报告`,
    "",
    `一、${year}年国民经济和社会发展计划执行情况`,
    "",
    results,
    "",
    `二、${year + 1}年经济社会发展的主要预期目标`,
    "",
    plans,
    "",
  ].join("\n");
}

export function extract(text: string, name = "test.txt"): ExtractResult & { text: string } {
  const r = extractText(text, { name });
  // Every mention of every test document must reproduce its quote.
  for (const m of r.mentions) expect(text.slice(m.start, m.end)).toBe(m.quote);
  return { ...r, text };
}

export function one(r: ExtractResult, where: Partial<Observation>): Observation {
  const found = r.observations.filter((o) => Object.entries(where).every(([k, v]) => o[k as keyof Observation] === v));
  expect(found, `observations matching ${JSON.stringify(where)} among\n${r.observations.map((o) => `${o.region} ${o.period} ${o.kind} ${o.indicator} ${o.value} ${o.growth_pct}`).join("\n")}`).toHaveLength(1);
  return found[0]!;
}

export function none(r: ExtractResult, where: Partial<Observation>): void {
  const found = r.observations.filter((o) => Object.entries(where).every(([k, v]) => o[k as keyof Observation] === v));
  expect(found).toEqual([]);
}
