// The tidy tables of every served report, and the pure queries the API answers from them.
import { INDICATORS, periodLabel, resolveIndicator } from "../kit/core.js";
import type { DocumentRow, ExtractResult, Failure, Kind, Mention, Observation } from "../kit/types.js";
import { KINDS, type Dimension, type FacetItem, type MentionView, type Query } from "./api.js";

/** An immutable view of all reports at one moment; rebuilt whenever a report changes. */
export interface Tables {
  documents: DocumentRow[];
  /** In a stable order: region, indicator, period, kind, id. */
  observations: Observation[];
  failures: Failure[];
  byId: Map<string, Observation>;
  mentionsOf: Map<string, Mention[]>;
}

const KIND_ORDER = new Map<Kind, number>(KINDS.map((k, i) => [k, i]));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareObservations(a: Observation, b: Observation): number {
  return (
    cmp(a.region, b.region) ||
    cmp(a.indicator, b.indicator) ||
    cmp(periodLabel(a), periodLabel(b)) ||
    (KIND_ORDER.get(a.kind) ?? 9) - (KIND_ORDER.get(b.kind) ?? 9) ||
    cmp(a.doc, b.doc) ||
    cmp(a.id, b.id)
  );
}

export function buildTables(results: Iterable<ExtractResult>, failures: Failure[]): Tables {
  const documents: DocumentRow[] = [];
  const observations: Observation[] = [];
  const mentionsOf = new Map<string, Mention[]>();
  for (const r of results) {
    documents.push(...r.documents);
    observations.push(...r.observations);
    for (const m of r.mentions) {
      const list = mentionsOf.get(m.observation_id);
      if (list) list.push(m);
      else mentionsOf.set(m.observation_id, [m]);
    }
  }
  observations.sort(compareObservations);
  documents.sort((a, b) => cmp(a.doc, b.doc) || a.part - b.part);
  return { documents, observations, failures, byId: new Map(observations.map((o) => [o.id, o])), mentionsOf };
}

const CATALOGUE_IDS = new Set(INDICATORS.map((s) => s.id));

/** An indicator filter value → a test on observations: by id for catalogued indicators (and their aliases), else by name. */
function indicatorTest(value: string): (o: Observation) => boolean {
  if (CATALOGUE_IDS.has(value)) return (o) => o.indicator_id === value;
  const r = resolveIndicator(value, { unit: null, fromTable: false });
  if (r.id !== null) {
    const id = r.id;
    return (o) => o.indicator_id === id;
  }
  return (o) => o.indicator === value || o.indicator === r.name;
}

/** Observations matching every filter of the query except `skip` (for facet counts). */
export function filterObservations(t: Tables, q: Query, skip?: Dimension): Observation[] {
  const tests: ((o: Observation) => boolean)[] = [];
  if (skip !== "region" && q.region.length) {
    const s = new Set(q.region);
    tests.push((o) => s.has(o.region));
  }
  if (skip !== "indicator" && q.indicator.length) {
    const ts = q.indicator.map(indicatorTest);
    tests.push((o) => ts.some((f) => f(o)));
  }
  if (skip !== "period" && q.period.length) {
    // A period value is a label: "2024" is the whole year, "2024H1" its first half.
    const s = new Set(q.period);
    tests.push((o) => s.has(periodLabel(o)));
  }
  if (skip !== "kind" && q.kind.length) {
    const s = new Set<string>(q.kind);
    tests.push((o) => s.has(o.kind));
  }
  return tests.length ? t.observations.filter((o) => tests.every((f) => f(o))) : t.observations;
}

/** How many observations one value of a dimension has: an indicator by id (key null for an uncatalogued one, told apart by name). */
export interface Count {
  key: string | null;
  name: string;
  count: number;
}

function counts(rows: Observation[], dim: Dimension): Count[] {
  const out = new Map<string, Count>();
  for (const o of rows) {
    const key = dim === "indicator" ? o.indicator_id : dim === "period" ? periodLabel(o) : o[dim];
    const name = dim === "indicator" ? o.indicator : (key as string);
    const k = key === null ? `\0${name}` : key;
    const c = out.get(k);
    if (c) c.count++;
    else out.set(k, { key, name, count: 1 });
  }
  return [...out.values()];
}

const byCountThenLabel = (a: FacetItem, b: FacetItem) => b.count - a.count || cmp(a.label, b.label);

/** The values of one dimension with how many observations each has under the other filters. */
export function facet(t: Tables, q: Query, dim: Dimension): FacetItem[] {
  return facetItems(dim, counts(filterObservations(t, q, dim), dim));
}

/** Counts of one dimension → the facet's items, in the order the pane shows them. Pure; the store's counts go through it too. */
export function facetItems(dim: Dimension, rows: Count[]): FacetItem[] {
  if (dim === "indicator") return indicatorFacet(rows);
  const byKey = new Map(rows.map((r) => [r.key ?? "", r.count]));
  if (dim === "kind") return KINDS.map((k) => ({ value: k, label: k, count: byKey.get(k) ?? 0 }));
  const items = [...byKey].map(([value, count]) => ({ value, label: value, count }));
  // Periods read best newest first; regions by how much there is.
  return dim === "period" ? items.sort((a, b) => cmp(b.value, a.value)) : items.sort(byCountThenLabel);
}

/** The whole catalogue (with zero counts) followed by the uncatalogued names found in the reports. */
function indicatorFacet(rows: Count[]): FacetItem[] {
  const byId = new Map<string, Count>();
  for (const r of rows) if (r.key !== null) byId.set(r.key, r);
  const catalogued: FacetItem[] = INDICATORS.map((s) => ({
    value: s.id,
    label: s.name,
    count: byId.get(s.id)?.count ?? 0,
    id: s.id,
    // What the picker searches: every name the catalogue knows the indicator by.
    aliases: [...s.aliases.map((a) => (typeof a === "string" ? a : a.name)), ...(s.variants ?? [])],
    unit: s.defaultUnit,
  }));
  const other = rows.filter((r) => r.key === null).map((r): FacetItem => ({ value: r.name, label: r.name, count: r.count, id: null, aliases: [], unit: null }));
  // Ids found in reports but missing from this catalogue (a newer kit) still get a row.
  const known = new Set(INDICATORS.map((s) => s.id));
  const extra = [...byId.values()].filter((r) => !known.has(r.key!)).map((r): FacetItem => ({ value: r.key!, label: r.name, count: r.count, id: r.key, aliases: [], unit: null }));
  return [...catalogued, ...extra].sort(byCountThenLabel).concat(other.sort(byCountThenLabel));
}

/** The mentions of one observation, each with its document's title and type. */
export function mentionViews(t: Tables, id: string): MentionView[] {
  return (t.mentionsOf.get(id) ?? []).map((m) => {
    // A page of several articles: the mention belongs to the article whose span holds it.
    const d = t.documents.find((x) => x.doc === m.doc && m.start >= x.start && m.start < x.end) ?? t.documents.find((x) => x.doc === m.doc);
    return { ...m, title: d?.title ?? null, document_type: d?.type ?? "other", document_region: d?.region ?? null };
  });
}
