// Regions side by side: each region's latest result per indicator, ranked among the regions
// compared, and the make-up of each economy by the three industries.
import { periodLabel } from "../periods.js";
import { convertValue, indicatorKey, preferred, yearOf, type ResultKind } from "./figures.js";
import { latestResults, type Selection } from "./latest.js";
import type { DocumentRow, DocumentType, Kind, Observation } from "../types.js";

/** Reports that give a region's results for a year, as opposed to news items and five-year plans. */
const ANNUAL_REPORTS: readonly DocumentType[] = ["plan_report", "government_work_report", "statistical_bulletin"];

/**
 * The regions to set side by side: those with an annual report that yielded observations,
 * in document order. A city's five-year plan or a news item would put a different level of
 * government, or a stray figure, next to the counties and districts.
 */
export function reportingRegions(documents: readonly DocumentRow[]): string[] {
  const regions = documents.filter((d) => ANNUAL_REPORTS.includes(d.type) && d.observations > 0 && d.region !== null).map((d) => d.region!);
  return [...new Set(regions)];
}

export interface RegionFigure {
  region: string;
  indicator_id: string | null;
  indicator: string;
  period: string;
  kind: Kind;
  value: number | null;
  unit: string | null;
  growth_pct: number | null;
  /** 1 = largest among the regions compared; null without a value in a comparable unit. */
  value_rank: number | null;
  /** 1 = fastest year-on-year growth among the regions compared; null without one. */
  growth_rank: number | null;
  /** The report's own rank ("增速居湛江市第三") and among whom. */
  reported_rank: number | null;
  rank_scope: string | null;
}

/** Competition ranking, largest first ("1224"); nulls stay unranked. */
export function rankDescending(values: readonly (number | null)[]): (number | null)[] {
  return values.map((v) => (v === null ? null : 1 + values.filter((w) => w !== null && w > v).length));
}

/**
 * Each region's latest result per indicator, with ranks among the regions compared. Values
 * are ranked after conversion to a common unit (the first region's); a value in a unit of
 * another kind is left unranked. Only year-on-year growth rates are ranked together.
 */
export function compareRegions(observations: readonly Observation[], selection: Selection = {}): RegionFigure[] {
  const latest = latestResults(observations, selection);
  const ranks = new Map<Observation, { value: number | null; growth: number | null }>();
  for (const key of new Set(latest.map(indicatorKey))) {
    const rows = latest.filter((o) => indicatorKey(o) === key);
    const unit = rows.find((o) => o.value !== null)?.unit ?? null;
    const values = rankDescending(rows.map((o) => (o.value === null ? null : convertValue(o.value, o.unit, unit))));
    const growths = rankDescending(rows.map((o) => (o.growth_basis === "yoy" ? o.growth_pct : null)));
    rows.forEach((o, i) => ranks.set(o, { value: values[i] ?? null, growth: growths[i] ?? null }));
  }
  return latest.map((o) => ({
    region: o.region,
    indicator_id: o.indicator_id,
    indicator: o.indicator,
    period: periodLabel(o),
    kind: o.kind,
    value: o.value,
    unit: o.unit,
    growth_pct: o.growth_pct,
    value_rank: ranks.get(o)!.value,
    growth_rank: ranks.get(o)!.growth,
    reported_rank: o.rank,
    rank_scope: o.rank_scope,
  }));
}

export const INDUSTRIES = ["gdp_primary", "gdp_secondary", "gdp_tertiary"] as const;
export type Industry = (typeof INDUSTRIES)[number];

export interface IndustryShare {
  region: string;
  period: string;
  /** "estimate" when any of the three figures is an estimate. */
  kind: ResultKind;
  industry_id: Industry;
  indicator: string;
  value: number;
  unit: string | null;
  /** Share of the three industries' sum, in percent. */
  share_pct: number;
}

/**
 * The make-up of each region's economy: value added by the primary, secondary and tertiary
 * industry in the latest year that states all three, as shares of their sum. A region that
 * never states all three in one year is left out rather than shown with a gap.
 */
export function industryStructure(observations: readonly Observation[], selection: Pick<Selection, "regions"> = {}): IndustryShare[] {
  const results = observations.filter((o) => o.kind !== "target" && o.value !== null && yearOf(periodLabel(o)) !== null);
  const regions = selection.regions ?? [...new Set(results.map((o) => o.region))];
  const out: IndustryShare[] = [];
  for (const region of regions) {
    const own = results.filter((o) => o.region === region);
    const years = [...new Set(own.map((o) => periodLabel(o)))].sort().reverse();
    for (const period of years) {
      const parts = INDUSTRIES.map((id) => preferred(own.filter((o) => o.indicator_id === id && periodLabel(o) === period)));
      if (parts.some((p) => p === undefined)) continue;
      const found = parts as Observation[];
      const unit = found[0]!.unit;
      const values = found.map((p) => convertValue(p.value!, p.unit, unit));
      if (values.some((v) => v === null)) continue;
      const sum = (values as number[]).reduce((s, v) => s + v, 0);
      const kind: ResultKind = found.some((p) => p.kind === "estimate") ? "estimate" : "actual";
      found.forEach((p, i) =>
        out.push({ region, period, kind, industry_id: INDUSTRIES[i]!, indicator: p.indicator, value: values[i]!, unit, share_pct: (values[i]! / sum) * 100 }),
      );
      break;
    }
  }
  return out;
}
