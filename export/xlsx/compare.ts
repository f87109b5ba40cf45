// The Compare grid: one row per region, for each catalogued (headline) indicator its latest
// result (value, growth) and the next target. Plain values, computed here; no pivot cache, no
// formulas. Figures are shown in their standard unit (value_std, unit_std), one column per unit,
// so a column never mixes 万元 and 亿元 (nor 亿元 and 亿美元); a figure that cannot be
// harmonised goes to a column of its own as text that says so, never as a wrong number.
import { periodLabel } from "../../kit/core.js";
import { DEFAULT_LANG, text, type Lang } from "../../kit/lexicon/labels.js";
import type { DocumentRow, ExtractResult, Observation } from "../../kit/types.js";
import { growthFormat, valueFormat } from "./format.js";
import { MEASURES, UNIT_MEASURES, type Measure } from "./spec.js";

export interface CompareCell {
  value: string | number | null;
  numFmt?: string;
  /** The observation behind the cell is a conflict. */
  conflict?: boolean;
}

/** One column of an indicator's group: a measure, and for a figure (value, target_value) its unit. */
export interface CompareColumn {
  measure: Measure;
  /**
   * For value and target_value: the standard unit of every number in the column; null for the
   * column of figures that could not be harmonised (text cells). Absent for the other measures.
   */
  unit?: string | null;
}

export interface CompareGroup {
  indicatorId: string;
  label: string;
  /** The columns shown for this indicator: measures with a value in at least one region, a figure's measure once per unit. */
  columns: CompareColumn[];
}

export interface CompareRow {
  region: string;
  parentRegion: string | null;
  /** Cells in group order, then measure order, aligned with the groups' measures. */
  cells: CompareCell[];
}

export interface CompareGrid {
  groups: CompareGroup[];
  rows: CompareRow[];
}

interface Period {
  start: number;
  end: number;
  span: boolean;
}

/** "2023" → 2023..2023; "2016-2020" → 2016..2020; anything else is not a period we can order. */
export function parsePeriod(p: string): Period | null {
  const m = /^(\d{4})(?:\s*[-–—至]\s*(\d{4}))?$/.exec(p.trim());
  if (!m) return null;
  const start = Number(m[1]);
  const end = m[2] ? Number(m[2]) : start;
  return { start, end, span: end !== start };
}

function hasFigure(o: Observation): boolean {
  return o.value !== null || o.growth_pct !== null || o.target_text !== null;
}

/**
 * The latest result: the latest period end; at the same end a single year beats a span, the
 * whole year beats part of it (上半年), an actual beats an estimate (预计), and a figure beats
 * none. Ties keep the kit's order.
 */
export function latestResult(obs: readonly Observation[]): Observation | undefined {
  let best: { o: Observation; key: number[] } | undefined;
  for (const o of obs) {
    if (o.kind === "target") continue;
    const p = parsePeriod(o.period);
    if (!p) continue;
    const key = [p.end, p.span ? 0 : 1, o.period_part === null ? 1 : 0, o.kind === "actual" ? 1 : 0, hasFigure(o) ? 1 : 0];
    if (!best || greater(key, best.key)) best = { o, key };
  }
  return best?.o;
}

/**
 * The next target after `after` (a result's period end): the earliest target period ending
 * later, a single year before a span. Without a result, the furthest target.
 */
export function nextTarget(obs: readonly Observation[], after: number | undefined): Observation | undefined {
  let best: { o: Observation; key: number[] } | undefined;
  for (const o of obs) {
    if (o.kind !== "target" || !hasFigure(o)) continue;
    const p = parsePeriod(o.period);
    if (!p) continue;
    if (after !== undefined && p.end <= after) continue;
    const key = after !== undefined ? [-p.end, p.span ? 0 : 1] : [p.end, p.span ? 0 : 1];
    if (!best || greater(key, best.key)) best = { o, key };
  }
  return best?.o;
}

function greater(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}

/** A figure in the column's unit: its standard value, or (unit null) the figure as written, as text that says it was not converted. */
function figureCell(o: Observation | undefined, unit: string | null | undefined, lang: Lang): CompareCell | null {
  if (o?.value == null) return null;
  if (unit === null) {
    if (o.value_std !== null) return null;
    return { value: text("compare_not_harmonised", lang, { figure: o.unit ? `${o.value} ${o.unit}` : String(o.value) }), conflict: o.conflict };
  }
  if (o.value_std === null || o.unit_std !== unit) return null;
  return { value: o.value_std, numFmt: valueFormat(o.value_std, o.unit_std, o.value_qualifier, lang), conflict: o.conflict };
}

function measureCell(c: CompareColumn, result: Observation | undefined, target: Observation | undefined, lang: Lang): CompareCell {
  const empty: CompareCell = { value: null };
  switch (c.measure) {
    case "period":
      return result ? { value: periodLabel(result) + (result.kind === "estimate" ? text("estimate_mark", lang) : ""), conflict: result.conflict } : empty;
    case "value":
      return figureCell(result, c.unit, lang) ?? empty;
    case "growth":
      return result?.growth_pct != null ? { value: result.growth_pct, numFmt: growthFormat(result.growth_qualifier, lang), conflict: result.conflict } : empty;
    case "target_period":
      return target ? { value: periodLabel(target), conflict: target.conflict } : empty;
    case "target_value":
      return figureCell(target, c.unit, lang) ?? empty;
    case "target_growth":
      if (target?.growth_pct != null) return { value: target.growth_pct, numFmt: growthFormat(target.growth_qualifier, lang), conflict: target.conflict };
      // A target in words (与经济增长同步) has no number; it reads best where the growth would be.
      if (target && target.value == null && target.target_text) return { value: target.target_text, conflict: target.conflict };
      return empty;
  }
}

/** The units a figure's measure needs columns for, in order of first appearance; null (not harmonised) last. */
function unitsOf(figures: readonly (Observation | undefined)[]): (string | null)[] {
  const units: (string | null)[] = [];
  let unharmonised = false;
  for (const o of figures) {
    if (o?.value == null) continue;
    if (o.unit_std === null) unharmonised = true;
    else if (!units.includes(o.unit_std)) units.push(o.unit_std);
  }
  return unharmonised ? [...units, null] : units;
}

/** The header of a column: the measure, with its unit for a figure ("实际（亿元）"). */
export function columnLabel(c: CompareColumn, lang: Lang = DEFAULT_LANG): string {
  const label = text(`compare_${c.measure}`, lang);
  if (c.unit === undefined) return label;
  return c.unit === null ? text("compare_no_unit", lang, { label }) : text("compare_in_unit", lang, { label, unit: c.unit });
}

/**
 * @param catalogue indicator ids and names in catalogue order (the kit's INDICATORS); ids in the
 *   data but not in it follow, alphabetically.
 */
export function compareGrid(result: ExtractResult, catalogue: readonly { id: string; name: string }[], lang: Lang = DEFAULT_LANG): CompareGrid {
  const byRegion = new Map<string, Map<string, Observation[]>>();
  for (const o of result.observations) {
    if (!o.indicator_id) continue;
    let region = byRegion.get(o.region);
    if (!region) byRegion.set(o.region, (region = new Map()));
    let list = region.get(o.indicator_id);
    if (!list) region.set(o.indicator_id, (list = []));
    list.push(o);
  }

  const names = new Map(catalogue.map((c) => [c.id, c.name]));
  const present = new Set<string>();
  for (const region of byRegion.values()) for (const id of region.keys()) present.add(id);
  const ids = [...catalogue.map((c) => c.id).filter((id) => present.has(id)), ...[...present].filter((id) => !names.has(id)).sort()];

  const regions = [...byRegion.keys()];
  const picks = regions.map((r) =>
    ids.map((id) => {
      const obs = byRegion.get(r)!.get(id) ?? [];
      const res = latestResult(obs);
      // After part of a year (2024H1), the whole year's target (2024) is still ahead.
      const after = res ? parsePeriod(res.period)!.end - (res.period_part !== null ? 1 : 0) : undefined;
      return { result: res, target: nextTarget(obs, after) };
    }),
  );

  const groups: CompareGroup[] = ids.map((id, g) => {
    const candidates = MEASURES.flatMap(({ key: measure }): CompareColumn[] => {
      if (!UNIT_MEASURES.has(measure)) return [{ measure }];
      const figures = picks.map((row) => (measure === "value" ? row[g]!.result : row[g]!.target));
      return unitsOf(figures).map((unit) => ({ measure, unit }));
    });
    return {
      indicatorId: id,
      label: names.get(id) ?? result.observations.find((o) => o.indicator_id === id)!.indicator,
      columns: candidates.filter((c) => picks.some((row) => measureCell(c, row[g]!.result, row[g]!.target, lang).value !== null)),
    };
  });

  const parents = parentRegions(result.documents);
  const rows: CompareRow[] = regions.map((region, r) => ({
    region,
    parentRegion: parents.get(region) ?? null,
    cells: groups.flatMap((group, g) => group.columns.map((c) => measureCell(c, picks[r]![g]!.result, picks[r]![g]!.target, lang))),
  }));
  return { groups, rows };
}

function parentRegions(documents: readonly DocumentRow[]): Map<string, string> {
  const parents = new Map<string, string>();
  for (const d of documents) if (d.region && d.parent_region && !parents.has(d.region)) parents.set(d.region, d.parent_region);
  return parents;
}
