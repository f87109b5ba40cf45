// The shapes a loaded table can take, as pure functions from observations to a grid of cells:
//   long     one row per observation (the tidy table), with the columns the user picked;
//   years    one row per region × indicator × kind, the periods across (a time series per row);
//   regions  one row per region × kind, the indicators across, for one period;
//   plan     a year's targets beside that year's results, met or missed (kit/analysis planVersusResult).
// Every grid ends with a key column that names its row (the observation id in the long layout,
// the row's region/indicator/period otherwise): refresh matches rows by it, so the user's own
// cells stay with their row.
import { convertValue, indicatorKey, preferred } from "../../kit/analysis/figures.js";
import { planVersusResult } from "../../kit/analysis/targets.js";
import { periodLabel } from "../../kit/periods.js";
import type { Observation } from "../../kit/types.js";
import { COLUMNS, type Cell } from "./layout.js";
import { cellLabel, headerOf, type Lang } from "./labels.js";

export type LayoutKind = "long" | "years" | "regions" | "plan";
export const LAYOUT_KINDS: readonly LayoutKind[] = ["long", "years", "regions", "plan"];
export type Measure = "value" | "growth_pct";

export type LayoutSpec =
  | { kind: "long"; fields: string[] }
  | { kind: "years"; measure: Measure }
  | { kind: "regions"; measure: Measure; period: string }
  | { kind: "plan" };

export interface GridColumn {
  /** What the column holds: a field, "period:2023", "indicator:gdp", or the key column. */
  key: string;
  header: string;
  format: string;
  width?: number;
}

export interface Grid {
  columns: GridColumn[];
  rows: Cell[][];
}

/** The key column's key in each layout: the long table's is the contract's own `id`. */
export const keyColumnOf = (kind: LayoutKind): string => (kind === "long" ? "id" : "key");

const NUMBER = "#,##0.00##";
const PERCENT = "0.0#";
const TEXT = "@";
const SEP = "|";

/** The long layout's columns: every column of columns.json; optional ones only when the rows have the field. */
export function longColumns(fields: readonly string[], rows: readonly Observation[], lang: Lang): GridColumn[] {
  const has = (f: string) => rows.some((o) => f in o);
  const chosen = COLUMNS.filter((c) => c.field === "id" || (fields.includes(c.field) && (!c.optional || has(c.field))));
  return chosen.map((c) => ({ key: c.field, header: headerOf(c.field, lang), format: c.format, ...(c.width ? { width: c.width } : {}) }));
}

const cellOf = (v: unknown): Cell => (v === null || v === undefined ? "" : (v as Cell));

function longGrid(spec: { fields: string[] }, rows: readonly Observation[], lang: Lang): Grid {
  const columns = longColumns(spec.fields, rows, lang);
  return {
    columns,
    rows: rows.map((o) => columns.map((c) => cellLabel(c.key, cellOf((o as unknown as Record<string, unknown>)[c.key]), lang))),
  };
}

/** Groups in first-seen order (the service's order: region, indicator, period, kind). */
function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** The most common unit of a group's values: the column or row is shown in it, the others converted. */
function commonUnit(rows: readonly Observation[]): string | null {
  const counts = new Map<string | null, number>();
  for (const o of rows) if (o.value !== null) counts.set(o.unit, (counts.get(o.unit) ?? 0) + 1);
  let best: string | null = null;
  let n = 0;
  for (const [u, c] of counts) if (c > n) [best, n] = [u, c];
  return best;
}

/** One statement's measure in `unit`; a value whose unit cannot be converted is shown as written ("5 万人"). */
function measureCell(o: Observation | undefined, measure: Measure, unit: string | null): Cell {
  if (!o) return "";
  if (measure === "growth_pct") return cellOf(o.growth_pct);
  if (o.value === null) return "";
  const v = convertValue(o.value, o.unit, unit);
  return v !== null ? v : `${o.value}${o.unit ? ` ${o.unit}` : ""}`;
}

const measureUnit = (measure: Measure, unit: string | null) => (measure === "growth_pct" ? "%" : unit ?? "");

function yearsGrid(spec: { measure: Measure }, rows: readonly Observation[], lang: Lang): Grid {
  const periods = [...new Set(rows.map(periodLabel))].sort();
  const columns: GridColumn[] = [
    { key: "region", header: headerOf("region", lang), format: TEXT },
    { key: "indicator", header: headerOf("indicator", lang), format: TEXT },
    { key: "kind", header: headerOf("kind", lang), format: TEXT },
    { key: "unit", header: headerOf("unit", lang), format: TEXT },
    ...periods.map((p) => ({ key: `period:${p}`, header: p, format: spec.measure === "growth_pct" ? PERCENT : NUMBER })),
    { key: "key", header: headerOf("key", lang), format: TEXT },
  ];
  const groups = groupBy(rows, (o) => [o.region, indicatorKey(o), o.kind].join(SEP));
  const out: Cell[][] = [];
  for (const [key, list] of groups) {
    const first = list[0]!;
    const unit = commonUnit(list);
    const byPeriod = groupBy(list, periodLabel);
    out.push([
      first.region,
      first.indicator,
      cellLabel("kind", first.kind, lang),
      measureUnit(spec.measure, unit),
      ...periods.map((p) => measureCell(preferred(byPeriod.get(p) ?? []), spec.measure, unit)),
      key,
    ]);
  }
  return { columns, rows: out };
}

function regionsGrid(spec: { measure: Measure; period: string }, all: readonly Observation[], lang: Lang): Grid {
  const rows = all.filter((o) => periodLabel(o) === spec.period);
  const indicators = groupBy(rows, indicatorKey);
  const units = new Map([...indicators].map(([k, list]) => [k, commonUnit(list)]));
  const columns: GridColumn[] = [
    { key: "region", header: headerOf("region", lang), format: TEXT },
    { key: "period", header: headerOf("period", lang), format: TEXT },
    { key: "kind", header: headerOf("kind", lang), format: TEXT },
    ...[...indicators].map(([k, list]) => {
      const unit = measureUnit(spec.measure, units.get(k) ?? null);
      return { key: `indicator:${k}`, header: unit ? `${list[0]!.indicator}(${unit})` : list[0]!.indicator, format: spec.measure === "growth_pct" ? PERCENT : NUMBER };
    }),
    { key: "key", header: headerOf("key", lang), format: TEXT },
  ];
  const out: Cell[][] = [];
  for (const [key, list] of groupBy(rows, (o) => [o.region, spec.period, o.kind].join(SEP))) {
    const byIndicator = groupBy(list, indicatorKey);
    out.push([
      list[0]!.region,
      spec.period,
      cellLabel("kind", list[0]!.kind, lang),
      ...[...indicators.keys()].map((k) => measureCell(preferred(byIndicator.get(k) ?? []), spec.measure, units.get(k) ?? null)),
      key,
    ]);
  }
  return { columns, rows: out };
}

const PLAN_FIELDS = ["region", "indicator", "period", "target", "result", "unit", "gap", "verdict", "target_figure", "result_figure"] as const;
const PLAN_FORMATS: Record<string, string> = { target: NUMBER, result: NUMBER, gap: "+#,##0.0#;-#,##0.0#;0" };

function planGrid(rows: readonly Observation[], lang: Lang): Grid {
  const columns: GridColumn[] = [...PLAN_FIELDS, "key"].map((f) => ({ key: f, header: headerOf(f, lang), format: PLAN_FORMATS[f] ?? TEXT }));
  const checks = planVersusResult(rows);
  return {
    columns,
    rows: checks.map((c) => {
      const key = [c.region, c.indicator_id ?? c.indicator, c.period].join(SEP);
      const row = c as unknown as Record<string, unknown>;
      return [...PLAN_FIELDS.map((f) => cellLabel(f, cellOf(row[f]), lang)), key];
    }),
  };
}

/** The grid of a layout over the service's rows; its last column is the key column. */
export function buildGrid(spec: LayoutSpec, rows: readonly Observation[], lang: Lang): Grid {
  switch (spec.kind) {
    case "long":
      return longGrid(spec, rows, lang);
    case "years":
      return yearsGrid(spec, rows, lang);
    case "regions":
      return regionsGrid(spec, rows, lang);
    case "plan":
      return planGrid(rows, lang);
  }
}

/** The latest whole period among the rows (the regions layout's default), or null for none. */
export function latestPeriod(rows: readonly Observation[]): string | null {
  const labels = [...new Set(rows.map(periodLabel))].sort();
  return labels.at(-1) ?? null;
}

/** Whether a remembered layout is one this version knows (a hand edit or a newer version is not refreshed). */
export function parseLayout(x: unknown): LayoutSpec | null {
  if (!x || typeof x !== "object") return null;
  const v = x as Record<string, unknown>;
  const measure = v.measure === "growth_pct" ? "growth_pct" : "value";
  switch (v.kind) {
    case "long":
      return Array.isArray(v.fields) && v.fields.every((f) => typeof f === "string") ? { kind: "long", fields: v.fields as string[] } : null;
    case "years":
      return { kind: "years", measure };
    case "regions":
      return typeof v.period === "string" ? { kind: "regions", measure, period: v.period } : null;
    case "plan":
      return { kind: "plan" };
    default:
      return null;
  }
}

/** The query a layout asks the service: plan-vs-result needs targets and results whatever kinds were ticked. */
export function fetchQuery<Q extends { kind: unknown[] }>(spec: LayoutSpec, q: Q): Q {
  return spec.kind === "plan" ? { ...q, kind: [] } : q;
}
