// What every analysis needs to know about one observation: which indicator, which year,
// how complete it is, how to convert its unit, and how to read it aloud in a table cell.
import { unitInfo } from "../lexicon/lexicon.js";
import type { GrowthBasis, Kind, Observation, Qualifier } from "../types.js";

export type ResultKind = Exclude<Kind, "target">;

/** Catalogued indicators by id; the others by their cleaned name, so two reports naming one alike still meet. */
export function indicatorKey(o: Pick<Observation, "indicator_id" | "indicator">): string {
  return o.indicator_id ?? o.indicator;
}

/** "2023" → 2023. A span ("2016-2020") → null: it holds totals or averages that do not line up with one year. */
export function yearOf(period: string): number | null {
  // Four digits, read back exactly ("2e03" or " 202" are not); no regular expression outside kit/patterns.ts.
  const year = Number(period);
  return period.length === 4 && String(year) === period && year >= 1000 ? year : null;
}

/** `value` stated in `from`, expressed in `to`; null when a unit is unknown or the two measure different things. */
export function convertValue(value: number, from: string | null, to: string | null): number | null {
  if (from === to) return value;
  const a = unitInfo(from);
  const b = unitInfo(to);
  if (!a || !b || a.class !== b.class) return null;
  return (value * a.factor) / b.factor;
}

/** What can be compared between two statements: their growth rates, or their levels. */
export type Measure = "growth_pct" | "value";

type Figure = Pick<Observation, "value" | "unit" | "growth_pct" | "growth_basis">;

/**
 * `measure` of `base` and of `other`, the latter in the base's terms; null where either lacks it
 * or they cannot be compared: growth only on the same basis (a 年均 rate is not a yoy one), a level
 * only in the same or a convertible unit (万元 and 亿元, never 亿元 and 万人).
 */
export function inTermsOf(base: Figure, other: Figure, measure: Measure): { base: number; other: number } | null {
  if (measure === "growth_pct") {
    if (base.growth_pct === null || other.growth_pct === null || base.growth_basis !== other.growth_basis) return null;
    return { base: base.growth_pct, other: other.growth_pct };
  }
  const converted = base.value !== null && other.value !== null ? convertValue(other.value, other.unit, base.unit) : null;
  // A conversion leaves binary noise (318.6 亿元 → 3186000.000000001 万元) that would read as a
  // difference: a report's figure has far fewer than twelve significant digits.
  return base.value === null || converted === null ? null : { base: base.value, other: Number(converted.toPrecision(12)) };
}

/** How complete a statement is: a value and a growth rate, then a value, then a growth rate. */
export function completeness(o: Pick<Observation, "value" | "growth_pct">): number {
  return (o.value !== null ? 2 : 0) + (o.growth_pct !== null ? 1 : 0);
}

/** a − b without binary noise (9.1 − 9 is 0.1, not 0.09999999999999964): reports give at most a few decimals. */
export function difference(a: number, b: number): number {
  return Math.round((a - b) * 1e9) / 1e9;
}

/** Results before estimates before targets. */
export const KIND_ORDER: Record<Kind, number> = { actual: 0, estimate: 1, target: 2 };

/**
 * Orders statements of one fact (same region, indicator, period) best first: an actual
 * before an estimate (the 预计数 is superseded once the 实际数 is out), then the one with a
 * value, then the one with a growth rate. Ties keep their input order (Array.sort is stable).
 */
export function byPreference(a: Observation, b: Observation): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || completeness(b) - completeness(a);
}

/** The best of several statements of one fact (see byPreference); undefined for none. */
export function preferred(list: readonly Observation[]): Observation | undefined {
  return [...list].sort(byPreference)[0];
}

const QUALIFIER_SIGN: Record<Qualifier, string> = { about: "≈", at_least: "≥", more_than: ">", at_most: "≤" };
const BASIS_WORD: Record<GrowthBasis, string> = { yoy: "", annual_avg: "年均", vs_start_of_year: "比年初", cumulative: "累计" };

/** "386.42 亿元 · +3.6% · 湛江市第3": one observation as a table cell; qualifiers as ≈ ≥ > ≤. */
export function figureText(o: Observation): string {
  const parts: string[] = [];
  if (o.value !== null) {
    const q = o.value_qualifier ? QUALIFIER_SIGN[o.value_qualifier] : "";
    parts.push(`${q}${o.value}${o.unit ? ` ${o.unit}` : ""}`);
  }
  if (o.growth_pct !== null) {
    const q = o.growth_qualifier ? QUALIFIER_SIGN[o.growth_qualifier] : "";
    parts.push(`${BASIS_WORD[o.growth_basis]}${q}${o.growth_pct > 0 ? "+" : ""}${o.growth_pct}%`);
  }
  if (o.target_text) parts.push(o.target_text);
  if (o.rank !== null) parts.push(`${o.rank_scope ?? ""}第${o.rank}`);
  return parts.join(" · ");
}
