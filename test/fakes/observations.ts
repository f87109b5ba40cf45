// Observations for the add-in's unit tests, shaped like the kit's (kit/types.ts).
import type { Observation } from "../../kit/types.js";

let n = 0;

/**
 * Rows without value_std and unit_std unless a test gives them: the add-in shows the standard
 * unit's columns only when the service sends them (test/addin-layouts.test.ts gives them).
 */
export function observation(over: Partial<Observation> = {}): Observation {
  n++;
  return {
    id: `obs${String(n).padStart(6, "0")}`,
    doc: "000_test.txt",
    region: "雷州市",
    period: "2023",
    period_part: null,
    kind: "actual",
    indicator: "地区生产总值",
    indicator_id: "gdp",
    value: 386.42,
    unit: "亿元",
    growth_pct: 3.6,
    growth_basis: "yoy",
    value_qualifier: null,
    growth_qualifier: null,
    target_text: null,
    rank: 3,
    rank_scope: "湛江市",
    conflict: false,
    quote: "全市完成地区生产总值 386.42 亿元、增长 3.6%，增速居湛江市第三",
    ...over,
  } as Observation;
}

/** `count` distinct observations of one region, ids in order. */
export function observations(count: number, over: Partial<Observation> = {}): Observation[] {
  return Array.from({ length: count }, (_, i) => observation({ indicator: `指标${String(i).padStart(5, "0")}`, indicator_id: null, value: i + 0.5, ...over }));
}
