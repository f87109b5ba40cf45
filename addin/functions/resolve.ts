// The worksheet functions' arguments → a query, and the service's rows → a cell's value. Pure:
// the data comes in as plain lists (catalog.ts fetches and caches them), and every failure is a
// message for the cell (never an exception), so a function never crashes a recalculation.
// The kit's modules themselves, not kit/core: the pane's bundle stays free of the report readers.
import { preferred, yearOf } from "../../kit/analysis/figures.js";
import { resolveIndicator } from "../../kit/lexicon/catalogue.js";
import { INDICATORS } from "../../kit/lexicon/lexicon.js";
import { periodLabel } from "../../kit/periods.js";
import type { Kind, Observation } from "../../kit/types.js";
import type { FacetItem } from "../../server/api.js";
import words from "./words.json" with { type: "json" };

export type Result<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(key: keyof typeof words.messages, vars: Record<string, string>): Result<T> => ({ ok: false, message: say(key, vars) });

export function say(key: keyof typeof words.messages, vars: Record<string, string>): string {
  return words.messages[key].replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

/** What a cell argument may be: text, a number, a boolean, or empty (an omitted optional argument). */
export type Arg = string | number | boolean | null | undefined;
const text = (a: Arg): string => (a === null || a === undefined ? "" : String(a)).trim();

/** The regions and indicators the service knows, for resolving arguments. */
export interface Catalog {
  regions: readonly string[];
  indicators: readonly FacetItem[];
}

const SHOWN_OPTIONS = 4;

/** "雷州市" as written, or a unique region that starts with what was typed ("雷州" → 雷州市). */
export function resolveRegion(arg: Arg, catalog: Catalog): Result<string> {
  const a = text(arg);
  if (!a) return fail("noRegion", { arg: "（空）" });
  if (catalog.regions.includes(a)) return ok(a);
  const near = catalog.regions.filter((r) => r.startsWith(a));
  if (near.length === 1) return ok(near[0]!);
  if (near.length > 1) return fail("ambiguousRegion", { arg: a, options: near.slice(0, SHOWN_OPTIONS).join("、") });
  return fail("noRegion", { arg: a });
}

const IDS = new Map(INDICATORS.map((s) => [s.id.toLowerCase(), s.id]));
const SHORTHANDS = words.indicatorShorthands as Record<string, string>;

/** An indicator by id (gdp), name, alias (GDP) or shorthand (社零) → the service's filter value (its id, or an uncatalogued name). */
export function resolveIndicatorArg(arg: Arg, catalog: Catalog): Result<string> {
  const a = text(arg);
  if (!a) return fail("noIndicator", { arg: "（空）" });
  const id = IDS.get(a.toLowerCase()) ?? SHORTHANDS[a] ?? resolveIndicator(a, { unit: null, fromTable: false }).id;
  if (id) return ok(id);
  const named = catalog.indicators.filter((i) => i.id === null && i.label === a);
  if (named.length) return ok(named[0]!.value);
  const near = catalog.indicators.filter((i) => i.count > 0 && i.label.includes(a));
  if (near.length > 1) return fail("ambiguousIndicator", { arg: a, options: near.slice(0, SHOWN_OPTIONS).map((i) => i.label).join("、") });
  if (near.length === 1) return ok(near[0]!.value);
  return fail("noIndicator", { arg: a });
}

/** 2023, "2023", "2023年", "2024H1", "2016-2020" → the service's period label. */
export function resolvePeriod(arg: Arg): Result<string> {
  const a = text(arg).replace(/年$/, "").toUpperCase();
  if (/^\d{4}(-\d{4})?$/.test(a) || /^\d{4}(Q[1-4]|H[12]|Q1-Q3|M\d{1,2}|M1-M\d{1,2})$/.test(a)) return ok(a);
  return fail("badPeriod", { arg: text(arg) });
}

/** An optional kind: null (the best result: actual, else estimate) or one of the contract's kinds. */
export function resolveKind(arg: Arg): Result<Kind | null> {
  const a = text(arg).toLowerCase();
  if (!a) return ok(null);
  const k = (words.kinds as Record<string, string>)[a];
  return k ? ok(k as Kind) : fail("badKind", { arg: text(arg) });
}

export type FieldName = "value" | "growth_pct" | "target_text" | "rank" | "rank_scope" | "unit" | "qualifier" | "growth_basis" | "indicator" | "id" | "doc" | "quote";

export function resolveField(arg: Arg): Result<FieldName> {
  const a = text(arg).toLowerCase();
  if (!a) return ok("value");
  const f = (words.fields as Record<string, string>)[a];
  return f ? ok(f as FieldName) : fail("badField", { arg: text(arg) });
}

/** The statement a cell shows among those of one region, indicator and period: the kind asked for, or the best result. */
export function pick(rows: readonly Observation[], period: string, kind: Kind | null): Observation | undefined {
  const here = rows.filter((o) => periodLabel(o) === period && (kind ? o.kind === kind : o.kind !== "target"));
  return preferred(here);
}

const FIELD_WORD: Record<FieldName, string> = {
  value: "数值",
  growth_pct: "增速",
  target_text: "目标表述",
  rank: "排名",
  rank_scope: "排名范围",
  unit: "单位",
  qualifier: "限定",
  growth_basis: "增速口径",
  indicator: "指标",
  id: "观测编号",
  doc: "文档",
  quote: "原文",
};

/** One field of an observation as a cell: a number or text; a field the report does not give is an error naming it. */
export function fieldOf(o: Observation, field: FieldName, what: string): Result<string | number> {
  const v = field === "qualifier" ? (o.value !== null ? o.value_qualifier : o.growth_qualifier) : (o as unknown as Record<string, unknown>)[field];
  if (v === null || v === undefined || v === "") return fail("noField", { what, field: FIELD_WORD[field] });
  return ok(typeof v === "number" ? v : String(v));
}

/** A series: [period, value] rows of whole years from `from` to `to` (either open), oldest first. */
export function seriesOf(rows: readonly Observation[], kind: Kind | null, from: number | null, to: number | null): (string | number)[][] {
  const years = [...new Set(rows.map((o) => o.period).filter((p) => yearOf(p) !== null))]
    .map(Number)
    .filter((y) => (from === null || y >= from) && (to === null || y <= to))
    .sort((a, b) => a - b);
  const out: (string | number)[][] = [];
  for (const y of years) {
    const o = pick(rows.filter((r) => r.period_part === null), String(y), kind);
    if (o && o.value !== null) out.push([y, o.value]);
  }
  return out;
}

/** An optional year bound of SERIES: empty, 2019 or "2019". */
export function resolveYear(arg: Arg): Result<number | null> {
  const a = text(arg).replace(/年$/, "");
  if (!a) return ok(null);
  return /^\d{4}$/.test(a) ? ok(Number(a)) : fail("badPeriod", { arg: text(arg) });
}
