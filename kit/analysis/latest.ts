// Results as they stand: the latest reported figure per region and indicator, and the
// headline figures of one region laid out period by period.
import { periodLabel } from "../periods.js";
import { byPreference, figureText, indicatorKey, KIND_ORDER, preferred, yearOf } from "./figures.js";
import type { Observation } from "../types.js";

export interface Selection {
  /** Indicator ids (or names, for uncatalogued indicators); the output follows this order. */
  indicators?: readonly string[];
  /** Regions; the output follows this order. */
  regions?: readonly string[];
}

/** Keeps the observations a selection asks for, in the selection's order (regions, then indicators). */
export function select(observations: readonly Observation[], selection: Selection): Observation[] {
  const { indicators, regions } = selection;
  const rank = (list: readonly string[] | undefined, key: string) => (list ? list.indexOf(key) : 0);
  return observations
    .filter((o) => rank(indicators, indicatorKey(o)) >= 0 && rank(regions, o.region) >= 0)
    .map((o, i) => ({ o, i }))
    .sort((a, b) => rank(regions, a.o.region) - rank(regions, b.o.region) || rank(indicators, indicatorKey(a.o)) - rank(indicators, indicatorKey(b.o)) || a.i - b.i)
    .map((x) => x.o);
}

/**
 * The latest result (actual or estimate) per region × indicator: the latest single year;
 * within that year the preferred statement (an actual beats an estimate). Spans such as
 * "2016-2020" are left out: five-year totals are not levels of a year.
 */
export function latestResults(observations: readonly Observation[], selection: Selection = {}): Observation[] {
  const best = new Map<string, Observation>();
  for (const o of select(observations, selection)) {
    const year = yearOf(periodLabel(o));
    if (o.kind === "target" || year === null) continue;
    const k = `${o.region}\u0001${indicatorKey(o)}`;
    const cur = best.get(k);
    const curYear = cur ? yearOf(periodLabel(cur))! : -Infinity;
    if (!cur || year > curYear || (year === curYear && byPreference(o, cur) < 0)) best.set(k, o);
  }
  return [...best.values()];
}

export interface HeadlineTable {
  /** "indicator", then one column per period and kind found, e.g. "2023 actual", "2024 target". */
  columns: string[];
  /** One row per indicator with any figure; cells are figureText, "" where nothing is stated. */
  rows: Record<string, string>[];
}

/** A region's headline figures as indicator rows × period-and-kind columns, ready for a DataFrame. */
export function headlineTable(observations: readonly Observation[], region: string, indicators: readonly string[]): HeadlineTable {
  const mine = select(observations, { regions: [region], indicators });
  const periods = [...new Map(mine.map((o) => [`${periodLabel(o)} ${o.kind}`, o])).entries()]
    .sort(([, a], [, b]) => periodLabel(a).localeCompare(periodLabel(b)) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind])
    .map(([label]) => label);
  const rows: Record<string, string>[] = [];
  for (const id of indicators) {
    const own = mine.filter((o) => indicatorKey(o) === id);
    if (own.length === 0) continue;
    const row: Record<string, string> = { indicator: own[0]!.indicator };
    for (const label of periods) {
      const best = preferred(own.filter((o) => `${periodLabel(o)} ${o.kind}` === label));
      row[label] = best ? figureText(best) : "";
    }
    rows.push(row);
  }
  return { columns: ["indicator", ...periods], rows };
}
