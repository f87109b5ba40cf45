// What the pickers list, and how: pure functions over the service's facet items. Reading noise
// (phrases the kit took for an indicator, a park taken for a region) must not drown the real
// values, and nothing is dropped silently: what is left out is counted for the pane to say so.
import words from "../listing.json" with { type: "json" };
import type { FacetItem } from "../../server/api.js";

const ENDINGS: readonly string[] = words.measureEndings;
const CONTAINS: readonly string[] = words.measureWords;
const BAD_STARTS: readonly string[] = words.notMeasureStarts;
const ZONE_ENDINGS: readonly string[] = words.zoneEndings;

/** An uncatalogued indicator name that reads like a measure (…总额, …增加值, …率), not a phrase cut out of a sentence. */
export function looksLikeMeasure(name: string): boolean {
  const n = name.trim();
  if (n.length < 2 || n.length > words.maxMeasureLength) return false;
  if (BAD_STARTS.some((w) => n.startsWith(w))) return false;
  return ENDINGS.some((w) => n.endsWith(w)) || CONTAINS.some((w) => n.includes(w));
}

/** A park or zone (开发区, 产业园, 片区, 集聚区…) the kit reported as a region. */
export function isZone(name: string): boolean {
  return ZONE_ENDINGS.some((w) => name.endsWith(w) && name.length > w.length);
}

export interface Row {
  item: FacetItem;
  /** 0 for a value, 1 for a zone listed under its region. */
  depth: number;
  /** Set on a zone's row: the region it sits in. */
  within?: string;
}

export interface Listing {
  rows: Row[];
  /** Values left out of the rows (not measures); the pane says how many. */
  hidden: number;
  /** Uncatalogued measures behind the 更多指标 switch (counted even when the switch is off). */
  more: number;
}

const isCatalogued = (i: FacetItem) => i.id !== null && i.id !== undefined;

/**
 * Indicators: catalogued ones first (in the service's order); uncatalogued names only with
 * `more` on and only when they look like measures. A chosen value always stays listed.
 */
export function listIndicators(items: readonly FacetItem[], more: boolean, selected: ReadonlySet<string> = new Set()): Listing {
  const catalogued = items.filter(isCatalogued);
  const other = items.filter((i) => !isCatalogued(i));
  const measures = other.filter((i) => looksLikeMeasure(i.label));
  const shownOther = more ? measures : measures.filter((i) => selected.has(i.value));
  const junkKept = other.filter((i) => !looksLikeMeasure(i.label) && selected.has(i.value));
  const hidden = other.filter((i) => !looksLikeMeasure(i.label) && i.count > 0 && !selected.has(i.value)).length;
  return {
    rows: [...catalogued, ...shownOther, ...junkKept].map((item) => ({ item, depth: 0 })),
    hidden,
    more: measures.filter((i) => i.count > 0).length,
  };
}

/**
 * Regions: each zone under the region of the report it comes from (`parentOf`), right after that
 * region; a zone whose region is not listed (or not known yet) gets a row for it, with no count.
 */
export function listRegions(items: readonly FacetItem[], parentOf: ReadonlyMap<string, string>): Listing {
  const zones = items.filter((i) => isZone(i.value) && parentOf.has(i.value) && parentOf.get(i.value) !== i.value);
  const zoneSet = new Set(zones.map((z) => z.value));
  const top = items.filter((i) => !zoneSet.has(i.value));
  const under = new Map<string, FacetItem[]>();
  for (const z of zones) {
    const p = parentOf.get(z.value)!;
    under.set(p, [...(under.get(p) ?? []), z]);
  }
  const rows: Row[] = [];
  const placed = new Set<string>();
  const addChildren = (parent: string) => {
    for (const z of under.get(parent) ?? []) rows.push({ item: z, depth: 1, within: parent });
    placed.add(parent);
  };
  for (const r of top) {
    rows.push({ item: r, depth: 0 });
    addChildren(r.value);
  }
  // Zones whose region has no observations of its own under the current choices.
  for (const parent of under.keys()) {
    if (placed.has(parent)) continue;
    rows.push({ item: { value: parent, label: parent, count: 0 }, depth: 0 });
    addChildren(parent);
  }
  return { rows, hidden: 0, more: 0 };
}
