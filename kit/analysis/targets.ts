// Plans against results: a year's targets against that year's results (met or missed), and
// next year's targets against this year's results (how much faster the plan wants to go).
import { periodLabel } from "../periods.js";
import { byPreference, convertValue, difference, figureText, indicatorKey, inTermsOf, yearOf, type Measure, type ResultKind } from "./figures.js";
import { select, type Selection } from "./latest.js";
import seriesData from "../lexicon/series.json" with { type: "json" };
import type { Observation, Qualifier } from "../types.js";

export type Verdict = "met" | "missed" | "not_comparable";
export type { Measure };

/** How far below an "about" (左右) target a result may fall and still count as met. */
export interface AboutTolerance {
  /** For growth targets, in percentage points. */
  growthPoints: number;
  /** For level targets, as a share of the target (0.02 = 2%). */
  valueShare: number;
}

/** From kit/lexicon/series.json: 0.5 percentage points of growth, 2% of a level. */
export const ABOUT_TOLERANCE: AboutTolerance = Object.freeze({ ...seriesData.aboutTolerance });

/**
 * Whether `result` reaches `target` as the target's qualifier means it. Higher is better,
 * except for ceilings (以内, 控制在: at_most) and for targets of decline (下降 3% is
 * growth -3: falling further is better). "About" accepts a shortfall up to `aboutSlack`.
 */
export function judge(target: number, result: number, qualifier: Qualifier | null, aboutSlack: number): "met" | "missed" {
  const slack = qualifier === "about" ? aboutSlack : 0;
  const lowerIsBetter = qualifier === "at_most" || (target < 0 && (qualifier === null || qualifier === "about"));
  if (lowerIsBetter) return result <= target + slack ? "met" : "missed";
  if (qualifier === "more_than") return result > target ? "met" : "missed";
  return result >= target - slack ? "met" : "missed";
}

export interface TargetCheck {
  region: string;
  indicator_id: string | null;
  indicator: string;
  period: string;
  /** The target and the result as written (figureText). */
  target_figure: string;
  result_figure: string;
  result_kind: ResultKind;
  /** What was compared: the growth rate (preferred: plans are mostly growth targets) or the level. */
  measure: "growth_pct" | "value" | null;
  target: number | null;
  /** The result in the target's terms (a level converted to the target's unit). */
  result: number | null;
  /** "%" for growth (the gap is then in percentage points), else the target's unit. */
  unit: string | null;
  /** result − target; negative is a shortfall (for ceilings and declines, positive is). */
  gap: number | null;
  verdict: Verdict;
  target_doc: string;
  result_doc: string;
}

/** Targets and results of the same facts, each fact once (preferred statement). */
function bestByFact(observations: readonly Observation[]): Map<string, Observation> {
  const best = new Map<string, Observation>();
  for (const o of observations) {
    const k = [o.region, indicatorKey(o), periodLabel(o), o.kind === "target" ? "target" : "result"].join("\u0001");
    const cur = best.get(k);
    if (!cur || byPreference(o, cur) < 0) best.set(k, o);
  }
  return best;
}

function resultKey(o: Observation, period: string): string {
  return [o.region, indicatorKey(o), period, "result"].join("\u0001");
}

/** One measure of a target set against the same measure of a result. */
export interface Comparison {
  measure: Measure;
  target: number;
  /** The result in the target's terms (a level converted to the target's unit). */
  result: number;
  qualifier: Qualifier | null;
  /** "%" for growth (the gap is then in percentage points), else the target's unit. */
  unit: string | null;
  gap: number;
  verdict: "met" | "missed";
}

type Figure = Pick<Observation, "value" | "unit" | "growth_pct" | "growth_basis" | "value_qualifier" | "growth_qualifier">;

/** The target's `measure` against the result's, or null where they cannot be compared (inTermsOf). */
export function compareMeasure(t: Figure, r: Figure, measure: Measure, tolerance: AboutTolerance = ABOUT_TOLERANCE): Comparison | null {
  const pair = inTermsOf(t, r, measure);
  if (pair === null) return null;
  const growth = measure === "growth_pct";
  const qualifier = growth ? t.growth_qualifier : t.value_qualifier;
  const slack = growth ? tolerance.growthPoints : Math.abs(pair.base) * tolerance.valueShare;
  return {
    measure,
    target: pair.base,
    result: pair.other,
    qualifier,
    unit: growth ? "%" : t.unit,
    gap: difference(pair.other, pair.base),
    verdict: judge(pair.base, pair.other, qualifier, slack),
  };
}

/**
 * A year's targets against the same year's results, wherever the reports give both (an
 * annex table's 计划 and 实际完成 columns, or a plan in one report and the result in the
 * next). Targets stated only in words (完成市定目标, 与经济增长同步) are not_comparable.
 * One row per target: its growth where both give one (plans are mostly growth targets),
 * else its level. planResultPairs (series.ts) does the same across reports, per measure.
 */
export function planVersusResult(observations: readonly Observation[], selection: Selection = {}, tolerance: AboutTolerance = ABOUT_TOLERANCE): TargetCheck[] {
  const best = bestByFact(select(observations, selection));
  const out: TargetCheck[] = [];
  for (const t of best.values()) {
    if (t.kind !== "target") continue;
    const r = best.get(resultKey(t, periodLabel(t)));
    if (!r || r.kind === "target") continue;
    const c = compareMeasure(t, r, "growth_pct", tolerance) ?? compareMeasure(t, r, "value", tolerance);
    out.push({
      region: t.region,
      indicator_id: t.indicator_id,
      indicator: t.indicator,
      period: periodLabel(t),
      target_figure: figureText(t),
      result_figure: figureText(r),
      result_kind: r.kind,
      measure: c?.measure ?? null,
      target: c?.target ?? null,
      result: c?.result ?? null,
      unit: c?.unit ?? null,
      gap: c?.gap ?? null,
      verdict: c?.verdict ?? "not_comparable",
      target_doc: t.doc,
      result_doc: r.doc,
    });
  }
  return out;
}

export interface TargetStep {
  region: string;
  indicator_id: string | null;
  indicator: string;
  base_period: string;
  base_kind: ResultKind;
  base_value: number | null;
  base_unit: string | null;
  base_growth_pct: number | null;
  target_period: string;
  target_value: number | null;
  target_unit: string | null;
  target_growth_pct: number | null;
  target_qualifier: Qualifier | null;
  target_text: string | null;
  /** This year's result and next year's target as written (figureText). */
  base_figure: string;
  target_figure: string;
  /** Target growth − this year's growth, in percentage points: how much faster the plan wants to grow. */
  growth_step: number | null;
  /** For a target stated as a level: the growth it implies over this year's value, in percent. */
  implied_growth_pct: number | null;
}

/** Next year's targets against this year's results (the year before the target's), per region and indicator. */
export function targetsAgainstLastResult(observations: readonly Observation[], selection: Selection = {}): TargetStep[] {
  const best = bestByFact(select(observations, selection));
  const out: TargetStep[] = [];
  for (const t of best.values()) {
    const year = yearOf(periodLabel(t));
    if (t.kind !== "target" || year === null) continue;
    const b = best.get(resultKey(t, String(year - 1)));
    if (!b || b.kind === "target") continue;
    const sameBasis = t.growth_basis === b.growth_basis;
    const base = t.value !== null && b.value !== null ? convertValue(b.value, b.unit, t.unit) : null;
    out.push({
      region: t.region,
      indicator_id: t.indicator_id,
      indicator: t.indicator,
      base_period: periodLabel(b),
      base_kind: b.kind,
      base_value: b.value,
      base_unit: b.unit,
      base_growth_pct: b.growth_pct,
      target_period: periodLabel(t),
      target_value: t.value,
      target_unit: t.unit,
      target_growth_pct: t.growth_pct,
      target_qualifier: t.growth_pct !== null ? t.growth_qualifier : t.value_qualifier,
      target_text: t.target_text,
      base_figure: figureText(b),
      target_figure: figureText(t),
      growth_step: sameBasis && t.growth_pct !== null && b.growth_pct !== null ? difference(t.growth_pct, b.growth_pct) : null,
      implied_growth_pct: base !== null && base !== 0 && t.value !== null ? (t.value / base - 1) * 100 : null,
    });
  }
  return out;
}

/** Counts of met, missed and not comparable targets per region and period (for a summary table): of TargetChecks, or of planResultPairs with their period label. */
export function verdictCounts(checks: readonly { region: string; period: string; verdict: Verdict }[]): { region: string; period: string; met: number; missed: number; not_comparable: number }[] {
  const out = new Map<string, { region: string; period: string; met: number; missed: number; not_comparable: number }>();
  for (const c of checks) {
    const k = `${c.region}\u0001${c.period}`;
    const row = out.get(k) ?? { region: c.region, period: c.period, met: 0, missed: 0, not_comparable: 0 };
    row[c.verdict] += 1;
    out.set(k, row);
  }
  return [...out.values()];
}
