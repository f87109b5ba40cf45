// The Compare grid: one row per region, for each catalogued (headline) indicator its latest
// result (value, growth) and the next target. Plain values, computed here; no pivot cache.
import { periodLabel } from "../../kit/core.js";
import type { DocumentRow, ExtractResult, Observation } from "../../kit/types.js";
import { growthFormat, valueFormat } from "./format.js";
import { ESTIMATE_MARK, MEASURES, type Measure } from "./spec.js";

export interface CompareCell {
  value: string | number | null;
  numFmt?: string;
  /** The observation behind the cell is a conflict. */
  conflict?: boolean;
}

export interface CompareGroup {
  indicatorId: string;
  label: string;
  /** The measures shown for this indicator: those with a value in at least one region. */
  measures: Measure[];
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

function measureCell(m: Measure, result: Observation | undefined, target: Observation | undefined): CompareCell {
  const empty: CompareCell = { value: null };
  switch (m) {
    case "period":
      return result ? { value: periodLabel(result) + (result.kind === "estimate" ? ESTIMATE_MARK : ""), conflict: result.conflict } : empty;
    case "value":
      return result?.value != null ? { value: result.value, numFmt: valueFormat(result.value, result.unit, result.value_qualifier), conflict: result.conflict } : empty;
    case "growth":
      return result?.growth_pct != null ? { value: result.growth_pct, numFmt: growthFormat(result.growth_qualifier), conflict: result.conflict } : empty;
    case "target_period":
      return target ? { value: periodLabel(target), conflict: target.conflict } : empty;
    case "target_value":
      return target?.value != null ? { value: target.value, numFmt: valueFormat(target.value, target.unit, target.value_qualifier), conflict: target.conflict } : empty;
    case "target_growth":
      if (target?.growth_pct != null) return { value: target.growth_pct, numFmt: growthFormat(target.growth_qualifier), conflict: target.conflict };
      // A target in words (与经济增长同步) has no number; it reads best where the growth would be.
      if (target && target.value == null && target.target_text) return { value: target.target_text, conflict: target.conflict };
      return empty;
  }
}

/**
 * @param catalogue indicator ids and names in catalogue order (the kit's INDICATORS); ids in the
 *   data but not in it follow, alphabetically.
 */
export function compareGrid(result: ExtractResult, catalogue: readonly { id: string; name: string }[]): CompareGrid {
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

  const groups: CompareGroup[] = ids.map((id, g) => ({
    indicatorId: id,
    label: names.get(id) ?? result.observations.find((o) => o.indicator_id === id)!.indicator,
    measures: MEASURES.map((m) => m.key).filter((m) => picks.some((row) => measureCell(m, row[g]!.result, row[g]!.target).value !== null)),
  }));

  const parents = parentRegions(result.documents);
  const rows: CompareRow[] = regions.map((region, r) => ({
    region,
    parentRegion: parents.get(region) ?? null,
    cells: groups.flatMap((group, g) => group.measures.map((m) => measureCell(m, picks[r]![g]!.result, picks[r]![g]!.target))),
  }));
  return { groups, rows };
}

function parentRegions(documents: readonly DocumentRow[]): Map<string, string> {
  const parents = new Map<string, string>();
  for (const d of documents) if (d.region && d.parent_region && !parents.has(d.region)) parents.set(d.region, d.parent_region);
  return parents;
}
