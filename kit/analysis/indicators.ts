// What the catalogue says about an indicator (definition, standard unit, names) and where the
// tables hold it (documents, regions, years). Pure and browser-safe: the CLI's `zhibiao
// indicators` and the task pane show the same facts.
import { INDICATORS, type IndicatorSpec } from "../lexicon/lexicon.js";
import { periodLabel } from "../periods.js";
import type { DocumentRow, DocumentType, Kind, Mention, Observation } from "../types.js";

export interface IndicatorDocument {
  doc: string;
  /** 0-based article of the file (a page of news holds several). */
  part: number;
  title: string | null;
  region: string | null;
  type: DocumentType | null;
  /** Observations of the indicator in this document (or article). */
  observations: number;
}

export interface IndicatorCoverage {
  observations: number;
  /** Per kind (actual, estimate, target), how many observations. */
  kinds: Record<Kind, number>;
  /** Documents that state it, in the order of the documents given. */
  documents: IndicatorDocument[];
  /** Regions, most observations first, then by name. */
  regions: string[];
  /** Periods as shown elsewhere ("2023", "2024H1", "2016-2020"), in order. */
  years: string[];
}

export interface IndicatorInfo {
  id: string;
  /** The canonical Chinese name. */
  name: string;
  /** One sentence, in the National Bureau of Statistics' words; null where the catalogue has none. */
  definition: string | null;
  /** The standard unit: value_std of every observation is in it (or its counterpart in another currency). */
  defaultUnit: string;
  /** Unit classes a value may have (units.json). */
  unitClasses: string[];
  /** Names that mean the indicator and are reported under its canonical name. */
  aliases: string[];
  /** Close variants that join its id but keep the report's own name. */
  variants: string[];
  /** The indicator this one is part of (第一产业增加值 of 地区生产总值), or null. */
  partOf: string | null;
  coverage: IndicatorCoverage;
}

function aliasNames(spec: IndicatorSpec): string[] {
  return spec.aliases.map((a) => (typeof a === "string" ? a : a.name));
}

/** Periods in time order: by start year, a year before a span that starts with it, the whole year before its parts. */
function comparePeriods(a: { period: string; period_part: string | null }, b: { period: string; period_part: string | null }): number {
  return a.period.slice(0, 4).localeCompare(b.period.slice(0, 4)) || a.period.length - b.period.length || a.period.localeCompare(b.period) || (a.period_part ?? "").localeCompare(b.period_part ?? "");
}

/** The article (document row) of a file that holds an offset; the file's first when it has one. */
function articleOf(rows: readonly DocumentRow[], offset: number | undefined): DocumentRow | undefined {
  if (rows.length <= 1 || offset === undefined) return rows[0];
  return rows.find((d) => offset >= d.start && offset < d.end) ?? rows[0];
}

/**
 * The catalogue's facts about indicator `id` and its coverage in `observations` (matched by
 * indicator_id). `documents` give titles, regions and types; `mentions`, when given, place an
 * observation in its article of a page of several. Undefined for an id the catalogue lacks.
 */
export function indicatorInfo(
  id: string,
  observations: readonly Observation[] = [],
  documents: readonly DocumentRow[] = [],
  mentions?: readonly Mention[],
): IndicatorInfo | undefined {
  const spec = INDICATORS.find((s) => s.id === id);
  if (!spec) return undefined;
  const own = observations.filter((o) => o.indicator_id === id);

  const firstMention = new Map<string, number>();
  if (mentions) {
    const ids = new Set(own.map((o) => o.id));
    for (const m of mentions) if (ids.has(m.observation_id) && !(m.start >= (firstMention.get(m.observation_id) ?? Infinity))) firstMention.set(m.observation_id, m.start);
  }
  const rowsByDoc = new Map<string, DocumentRow[]>();
  for (const d of documents) {
    const list = rowsByDoc.get(d.doc);
    if (list) list.push(d);
    else rowsByDoc.set(d.doc, [d]);
  }

  const kinds: Record<Kind, number> = { actual: 0, estimate: 0, target: 0 };
  const perDoc = new Map<string, IndicatorDocument>();
  const perRegion = new Map<string, number>();
  const periods = new Map<string, { period: string; period_part: string | null }>();
  for (const o of own) {
    kinds[o.kind]++;
    perRegion.set(o.region, (perRegion.get(o.region) ?? 0) + 1);
    periods.set(periodLabel(o), { period: o.period, period_part: o.period_part });
    const row = articleOf(rowsByDoc.get(o.doc) ?? [], firstMention.get(o.id));
    const key = `${o.doc}\u0001${row?.part ?? 0}`;
    const entry = perDoc.get(key);
    if (entry) entry.observations++;
    else perDoc.set(key, { doc: o.doc, part: row?.part ?? 0, title: row?.title ?? null, region: row?.region ?? null, type: row?.type ?? null, observations: 1 });
  }
  const docOrder = new Map(documents.map((d, i) => [`${d.doc}\u0001${d.part}`, i]));
  const docs = [...perDoc.entries()].sort(([a], [b]) => (docOrder.get(a) ?? Infinity) - (docOrder.get(b) ?? Infinity)).map(([, d]) => d);

  return {
    id: spec.id,
    name: spec.name,
    definition: spec.definition ?? null,
    defaultUnit: spec.defaultUnit,
    unitClasses: [...spec.unitClasses],
    aliases: aliasNames(spec),
    variants: [...(spec.variants ?? [])],
    partOf: spec.partOf ?? null,
    coverage: {
      observations: own.length,
      kinds,
      documents: docs,
      regions: [...perRegion.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "zh")).map(([r]) => r),
      years: [...periods.entries()].sort((a, b) => comparePeriods(a[1], b[1])).map(([label]) => label),
    },
  };
}

/** Every catalogued indicator's facts and coverage, in catalogue order. */
export function indicatorCatalogue(observations: readonly Observation[] = [], documents: readonly DocumentRow[] = [], mentions?: readonly Mention[]): IndicatorInfo[] {
  return INDICATORS.map((s) => indicatorInfo(s.id, observations, documents, mentions)!);
}
