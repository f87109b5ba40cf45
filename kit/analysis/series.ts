// One fact across reports. January's government work report gives last year's figure as 预计,
// the statistics bureau's bulletin gives it in spring, a later report may revise it; a target
// set in one year's report is met or missed in the next. Each report's statement of a fact is
// a vintage: this module lays the vintages of each fact side by side, picks the one to use
// (and says why), finds the revisions, and pairs each year's targets with that year's results
// across reports. Pure functions over the tidy tables (browser-safe: the add-in and the
// server can use them as they are); the weights are data, in kit/lexicon/series.json.
import seriesData from "../lexicon/series.json" with { type: "json" };
import { periodLabel } from "../periods.js";
import { completeness, difference, figureText, indicatorKey, inTermsOf, KIND_ORDER } from "./figures.js";
import { ABOUT_TOLERANCE, compareMeasure, type AboutTolerance, type Measure, type Verdict } from "./targets.js";
import type { DocumentRow, DocumentType, GrowthBasis, Kind, Mention, Observation, Qualifier } from "../types.js";

/** Results (actual and estimate) and targets of one fact are two series: a plan is not a vintage of its result. */
export type Side = "result" | "target";

/** The tests that rank two statements of one result, applied in the order series.json gives. */
export type PreferenceCriterion = "document_type" | "later_document" | "actual_over_estimate" | "more_complete";

/**
 * Why the preferred vintage is the one used: the first criterion that set it above the
 * runner-up; for targets, `set_first` (the earliest report that set it); `only_vintage` when
 * one report states the fact; `same_standing` when nothing tells the two best apart (the
 * later in the list is used).
 */
export type PreferenceReason = PreferenceCriterion | "set_first" | "only_vintage" | "same_standing";

export interface SeriesPreferences {
  /** Document types, most authoritative first; a type not listed ranks after all of them. */
  documentTypes: readonly DocumentType[];
  preference: readonly PreferenceCriterion[];
  /** The documents that set targets (their earliest statement of a target is the target). */
  targetSetters: readonly DocumentType[];
}

/** One report's statement of a fact: the figure, and the document it comes from. */
export interface Vintage {
  observation_id: string;
  doc: string;
  /**
   * The article within the file (DocumentRow.part). Null where the document is not among those
   * given, or the file holds several articles and neither a mention nor the region tells which
   * one states the figure; the document fields are then null too, and the vintage ranks as the
   * least authoritative.
   */
  part: number | null;
  title: string | null;
  type: DocumentType | null;
  date: string | null;
  report_period: string | null;
  plan_period: string | null;
  kind: Kind;
  value: number | null;
  unit: string | null;
  growth_pct: number | null;
  growth_basis: GrowthBasis;
  value_qualifier: Qualifier | null;
  growth_qualifier: Qualifier | null;
  target_text: string | null;
  /** The figure as a table cell (figureText): "386.42 亿元 · +3.6%". */
  figure: string;
  quote: string;
}

/** A later vintage whose value or growth differs from the vintage before it that states the same measure. */
export interface Revision {
  measure: Measure;
  from_observation_id: string;
  to_observation_id: string;
  from_doc: string;
  from_part: number | null;
  from_date: string | null;
  from_kind: Kind;
  to_doc: string;
  to_part: number | null;
  to_date: string | null;
  to_kind: Kind;
  /** The earlier figure, and the later one in the earlier one's unit. */
  from: number;
  to: number;
  /** "%" for growth (the difference is then in percentage points), else the earlier figure's unit. */
  unit: string | null;
  /** to − from. */
  difference: number;
}

/** One fact (region × indicator × period and part × result or target) across the reports that state it. */
export interface SeriesRow {
  region: string;
  indicator_id: string | null;
  indicator: string;
  period: string;
  period_part: string | null;
  side: Side;
  /** The figure to use: for results the best by series.json's preference, for targets the report that set it. */
  preferred: Vintage;
  reason: PreferenceReason;
  /** Every statement, oldest document first (an estimate before the actual of the same document). */
  vintages: Vintage[];
  revisions: Revision[];
}

/** A year's target, from the report that set it, against that year's result from the reports that state it. */
export interface PlanResultPair {
  region: string;
  indicator_id: string | null;
  indicator: string;
  period: string;
  period_part: string | null;
  /** What is compared; null for a target in words (完成市定目标), which is not_comparable. */
  measure: Measure | null;
  qualifier: Qualifier | null;
  target: number | null;
  /** The result in the target's terms (a level converted to the target's unit); null when not comparable. */
  result: number | null;
  /** "%" for growth (gap in percentage points), else the target's unit. */
  unit: string | null;
  /** result − target. */
  gap: number | null;
  verdict: Verdict;
  target_figure: string;
  result_figure: string;
  result_kind: Exclude<Kind, "target">;
  /** The two observations compared (their mentions trace each figure to its text). */
  target_observation_id: string;
  result_observation_id: string;
  target_doc: string;
  target_part: number | null;
  target_title: string | null;
  target_type: DocumentType | null;
  target_date: string | null;
  result_doc: string;
  result_part: number | null;
  result_title: string | null;
  result_type: DocumentType | null;
  result_date: string | null;
  /** Why this result was used among the vintages that state the measure. */
  result_reason: PreferenceReason;
  /** How many reports state the target and the result. */
  target_vintages: number;
  result_vintages: number;
}

const CRITERIA: readonly PreferenceCriterion[] = ["document_type", "later_document", "actual_over_estimate", "more_complete"];

/** series.json, checked once: a misspelt criterion would otherwise silently rank nothing. */
function loadPreferences(data: { documentTypes: string[]; preference: string[]; targetSetters: string[] }): SeriesPreferences {
  const unknown = data.preference.filter((c) => !(CRITERIA as readonly string[]).includes(c));
  if (unknown.length > 0) throw new Error(`kit/lexicon/series.json: unknown preference ${unknown.join(", ")} (known: ${CRITERIA.join(", ")})`);
  if (new Set(data.documentTypes).size !== data.documentTypes.length) throw new Error("kit/lexicon/series.json: a document type is listed twice in documentTypes");
  return Object.freeze({
    documentTypes: Object.freeze([...data.documentTypes]) as readonly DocumentType[],
    preference: Object.freeze([...data.preference]) as readonly PreferenceCriterion[],
    targetSetters: Object.freeze([...data.targetSetters]) as readonly DocumentType[],
  });
}

export const SERIES_PREFERENCES: SeriesPreferences = loadPreferences(seriesData);

/**
 * When a document speaks, as a sortable string: its date (yyyy-mm-dd), else the year it was
 * presumably published — the year after the results it reports, or the first year of its plan —
 * so an undated report still sorts after the reports on earlier years.
 */
export function documentTime(d: Pick<DocumentRow, "date" | "report_period" | "plan_period"> | null): string {
  if (!d) return "";
  if (d.date) return d.date;
  const lastYear = (span: string | null) => (span ? Number(span.slice(-4)) : NaN);
  const reported = lastYear(d.report_period);
  if (Number.isFinite(reported)) return String(reported + 1);
  const planned = d.plan_period ? Number(d.plan_period.slice(0, 4)) : NaN;
  return Number.isFinite(planned) ? String(planned) : "";
}

interface Entry {
  o: Observation;
  v: Vintage;
  time: string;
}

/** doc → its articles by start offset; observation id → its first mention's offset. */
function locator(documents: readonly DocumentRow[], mentions: readonly Mention[] | undefined) {
  const byDoc = new Map<string, DocumentRow[]>();
  for (const d of documents) byDoc.set(d.doc, [...(byDoc.get(d.doc) ?? []), d]);
  const first = new Map<string, number>();
  for (const m of mentions ?? []) {
    // Only a file of several articles needs its mentions' offsets (most files are one document).
    if ((byDoc.get(m.doc)?.length ?? 0) < 2) continue;
    const k = `${m.doc}\u0001${m.observation_id}`;
    const cur = first.get(k);
    if (cur === undefined || m.start < cur) first.set(k, m.start);
  }
  return (o: Observation): DocumentRow | null => {
    // A document not given (a caller passing observations alone) is unknown, not an error: the
    // vintage still names its file, and ranks as the least authoritative.
    const parts = byDoc.get(o.doc) ?? [];
    if (parts.length <= 1) return parts[0] ?? null;
    const at = first.get(`${o.doc}\u0001${o.id}`);
    if (at !== undefined) {
      const part = parts.find((d) => d.start <= at && at < d.end);
      if (part) return part;
    }
    // No mention to go by (the caller passed none): the one article of the observation's region, if there is one.
    const own = parts.filter((d) => d.region === o.region);
    return own.length === 1 ? own[0]! : null;
  };
}

function vintageOf(o: Observation, d: DocumentRow | null): Vintage {
  return {
    observation_id: o.id,
    doc: o.doc,
    part: d?.part ?? null,
    title: d?.title ?? null,
    type: d?.type ?? null,
    date: d?.date ?? null,
    report_period: d?.report_period ?? null,
    plan_period: d?.plan_period ?? null,
    kind: o.kind,
    value: o.value,
    unit: o.unit,
    growth_pct: o.growth_pct,
    growth_basis: o.growth_basis,
    value_qualifier: o.value_qualifier,
    growth_qualifier: o.growth_qualifier,
    target_text: o.target_text,
    figure: figureText(o),
    quote: o.quote,
  };
}

/** Each criterion as a comparator: negative when `a` is the better statement. */
function criteria(prefs: SeriesPreferences): Record<PreferenceCriterion, (a: Entry, b: Entry) => number> {
  const rank = (t: DocumentType | null) => {
    const i = t === null ? -1 : prefs.documentTypes.indexOf(t);
    return i < 0 ? prefs.documentTypes.length : i;
  };
  return {
    document_type: (a, b) => rank(a.v.type) - rank(b.v.type),
    later_document: (a, b) => (a.time === b.time ? 0 : a.time > b.time ? -1 : 1),
    actual_over_estimate: (a, b) => KIND_ORDER[a.v.kind] - KIND_ORDER[b.v.kind],
    more_complete: (a, b) => completeness(b.v) - completeness(a.v),
  };
}

/** Oldest first; within one document an estimate before the actual. */
function chronological(a: Entry, b: Entry): number {
  if (a.time !== b.time) return a.time < b.time ? -1 : 1;
  if (a.v.doc !== b.v.doc) return a.v.doc < b.v.doc ? -1 : 1;
  if (a.v.part !== b.v.part) return (a.v.part ?? -1) - (b.v.part ?? -1);
  return (a.v.kind === "estimate" ? 0 : 1) - (b.v.kind === "estimate" ? 0 : 1);
}

/** The best result among `list` (chronological), and the criterion that set it above the runner-up. */
function bestResult(list: readonly Entry[], prefs: SeriesPreferences): { best: Entry; reason: PreferenceReason } {
  const tests = criteria(prefs);
  const order = prefs.preference.map((c) => [c, tests[c]] as const);
  const compare = (a: Entry, b: Entry) => {
    for (const [, test] of order) {
      const d = test(a, b);
      if (d !== 0) return d;
    }
    return 0;
  };
  // Ties go to the later vintage: sort the newest first, stable among equals.
  const ranked = [...list].reverse().sort(compare);
  const best = ranked[0]!;
  if (ranked.length === 1) return { best, reason: "only_vintage" };
  const runnerUp = ranked[1]!;
  const decided = order.find(([, test]) => test(best, runnerUp) !== 0);
  return { best, reason: decided ? decided[0] : "same_standing" };
}

/**
 * The report that set a target: the earliest target-setting document stating it (one whose plan
 * is for that period first), else the earliest document of any kind. Later reports quoting the
 * target (a next year's annex column 上年计划) stay vintages.
 */
function setter(list: readonly Entry[], period: string, prefs: SeriesPreferences): { best: Entry; reason: PreferenceReason } {
  if (list.length === 1) return { best: list[0]!, reason: "only_vintage" };
  const setters = list.filter((e) => e.v.type !== null && prefs.targetSetters.includes(e.v.type));
  const pool = setters.length > 0 ? setters : list;
  const own = pool.filter((e) => e.v.plan_period === period);
  return { best: (own.length > 0 ? own : pool)[0]!, reason: "set_first" };
}

/** Each later vintage against the latest earlier one stating the same measure comparably. */
function revisionsOf(list: readonly Entry[]): Revision[] {
  const out: Revision[] = [];
  list.forEach((later, i) => {
    for (const measure of ["value", "growth_pct"] as const) {
      for (let j = i - 1; j >= 0; j--) {
        const earlier = list[j]!;
        const pair = inTermsOf(earlier.v, later.v, measure);
        if (pair === null) continue;
        if (pair.other !== pair.base) {
          out.push({
            measure,
            from_observation_id: earlier.v.observation_id,
            to_observation_id: later.v.observation_id,
            from_doc: earlier.v.doc,
            from_part: earlier.v.part,
            from_date: earlier.v.date,
            from_kind: earlier.v.kind,
            to_doc: later.v.doc,
            to_part: later.v.part,
            to_date: later.v.date,
            to_kind: later.v.kind,
            from: pair.base,
            to: pair.other,
            unit: measure === "growth_pct" ? "%" : earlier.v.unit,
            difference: difference(pair.other, pair.base),
          });
        }
        break;
      }
    }
  });
  return out;
}

interface Group {
  region: string;
  key: string;
  periodLabel: string;
  period: string;
  period_part: string | null;
  side: Side;
  entries: Entry[];
}

function groups(observations: readonly Observation[], documents: readonly DocumentRow[], mentions: readonly Mention[] | undefined): Group[] {
  const locate = locator(documents, mentions);
  const regionOrder = new Map<string, number>();
  const indicatorOrder = new Map<string, number>();
  const byFact = new Map<string, Group>();
  for (const o of observations) {
    const side: Side = o.kind === "target" ? "target" : "result";
    const key = indicatorKey(o);
    if (!regionOrder.has(o.region)) regionOrder.set(o.region, regionOrder.size);
    if (!indicatorOrder.has(key)) indicatorOrder.set(key, indicatorOrder.size);
    const label = periodLabel(o);
    const k = [o.region, key, label, side].join("\u0001");
    let g = byFact.get(k);
    if (!g) byFact.set(k, (g = { region: o.region, key, periodLabel: label, period: o.period, period_part: o.period_part, side, entries: [] }));
    const d = locate(o);
    g.entries.push({ o, v: vintageOf(o, d), time: documentTime(d) });
  }
  const list = [...byFact.values()];
  list.forEach((g) => g.entries.sort(chronological));
  return list.sort(
    (a, b) =>
      regionOrder.get(a.region)! - regionOrder.get(b.region)! ||
      indicatorOrder.get(a.key)! - indicatorOrder.get(b.key)! ||
      (a.periodLabel < b.periodLabel ? -1 : a.periodLabel > b.periodLabel ? 1 : 0) ||
      (a.side === b.side ? 0 : a.side === "result" ? -1 : 1),
  );
}

function pick(g: Group, prefs: SeriesPreferences) {
  return g.side === "target" ? setter(g.entries, g.period, prefs) : bestResult(g.entries, prefs);
}

/**
 * Every fact across the reports: per region × indicator (its id when catalogued, else its name)
 * × period and part × result or target, the vintages oldest first, the preferred one and why,
 * and the revisions. Regions and indicators keep the order they first appear in; periods ascend.
 * `mentions` place an observation in its article where a file holds several; without them the
 * article of the observation's region is used. An observation whose document is missing from
 * `documents` keeps its place with the document's fields null.
 */
export function seriesView(observations: readonly Observation[], documents: readonly DocumentRow[], mentions?: readonly Mention[], prefs: SeriesPreferences = SERIES_PREFERENCES): SeriesRow[] {
  return seriesOf(groups(observations, documents, mentions), prefs);
}

function seriesOf(all: readonly Group[], prefs: SeriesPreferences): SeriesRow[] {
  return all.map((g) => {
    const { best, reason } = pick(g, prefs);
    return {
      region: g.region,
      indicator_id: best.o.indicator_id,
      indicator: best.o.indicator,
      period: g.period,
      period_part: g.period_part,
      side: g.side,
      preferred: best.v,
      reason,
      vintages: g.entries.map((e) => e.v),
      revisions: revisionsOf(g.entries),
    };
  });
}

/**
 * Each year's targets against that year's results across reports: the target from the report
 * that set it, the result from the reports that state it (the preferred one among those giving
 * the measure compared), judged by the target's qualifier (judge, with the 左右 tolerance). A
 * target gives one pair per measure it states — its growth and its level — and one
 * not_comparable pair when stated only in words; a target with no result yet gives none.
 */
export function planResultPairs(
  observations: readonly Observation[],
  documents: readonly DocumentRow[],
  mentions?: readonly Mention[],
  tolerance: AboutTolerance = ABOUT_TOLERANCE,
  prefs: SeriesPreferences = SERIES_PREFERENCES,
): PlanResultPair[] {
  return pairsOf(groups(observations, documents, mentions), tolerance, prefs);
}

/** seriesView and planResultPairs of the same tables, grouped once (a workbook shows both). */
export function seriesAndPairs(
  observations: readonly Observation[],
  documents: readonly DocumentRow[],
  mentions?: readonly Mention[],
  tolerance: AboutTolerance = ABOUT_TOLERANCE,
  prefs: SeriesPreferences = SERIES_PREFERENCES,
): { series: SeriesRow[]; pairs: PlanResultPair[] } {
  const all = groups(observations, documents, mentions);
  return { series: seriesOf(all, prefs), pairs: pairsOf(all, tolerance, prefs) };
}

function pairsOf(all: readonly Group[], tolerance: AboutTolerance, prefs: SeriesPreferences): PlanResultPair[] {
  const results = new Map(all.filter((g) => g.side === "result").map((g) => [`${g.region}\u0001${g.key}\u0001${g.periodLabel}`, g]));
  const out: PlanResultPair[] = [];
  for (const g of all) {
    if (g.side !== "target") continue;
    const r = results.get(`${g.region}\u0001${g.key}\u0001${g.periodLabel}`);
    if (!r) continue;
    const t = setter(g.entries, g.period, prefs).best;
    const measures: (Measure | null)[] = [];
    if (t.v.growth_pct !== null) measures.push("growth_pct");
    if (t.v.value !== null) measures.push("value");
    if (measures.length === 0) measures.push(null);
    for (const measure of measures) {
      const comparable = measure === null ? [] : r.entries.filter((e) => compareMeasure(t.o, e.o, measure, tolerance) !== null);
      const { best, reason } = bestResult(comparable.length > 0 ? comparable : r.entries, prefs);
      const c = measure === null ? null : compareMeasure(t.o, best.o, measure, tolerance);
      out.push({
        region: g.region,
        indicator_id: t.o.indicator_id,
        indicator: t.o.indicator,
        period: g.period,
        period_part: g.period_part,
        measure,
        qualifier: measure === "growth_pct" ? t.v.growth_qualifier : measure === "value" ? t.v.value_qualifier : null,
        target: c?.target ?? null,
        result: c?.result ?? null,
        unit: c?.unit ?? null,
        gap: c?.gap ?? null,
        verdict: c?.verdict ?? "not_comparable",
        target_figure: t.v.figure,
        result_figure: best.v.figure,
        result_kind: best.v.kind === "estimate" ? "estimate" : "actual",
        target_observation_id: t.o.id,
        result_observation_id: best.o.id,
        target_doc: t.v.doc,
        target_part: t.v.part,
        target_title: t.v.title,
        target_type: t.v.type,
        target_date: t.v.date,
        result_doc: best.v.doc,
        result_part: best.v.part,
        result_title: best.v.title,
        result_type: best.v.type,
        result_date: best.v.date,
        result_reason: reason,
        target_vintages: g.entries.length,
        result_vintages: r.entries.length,
      });
    }
  }
  return out;
}
