// The HTTP contract between `zhibiao serve` and its clients (the add-in, scripts).
// Browser-safe: no Node imports, so the add-in bundles the same query encoding the server parses.
import type { DocumentRow, Failure, Kind, Mention, Observation } from "../kit/types.js";
import type { PlanResultPair, SeriesRow } from "../kit/analysis/series.js";

/** Filters of /api/observations and the facets. Each is repeatable; empty means "any". */
export interface Query {
  region: string[];
  /** Canonical name, alias or id (`gdp`) of an indicator, or the name of an uncatalogued one. */
  indicator: string[];
  period: string[];
  kind: Kind[];
}

export const QUERY_KEYS = ["region", "indicator", "period", "kind"] as const satisfies readonly (keyof Query)[];
export type Dimension = (typeof QUERY_KEYS)[number];
export const KINDS: readonly Kind[] = ["actual", "estimate", "target"];

/** The query as URL search parameters, repeated keys in a fixed order (the same query gives the same URL). */
export function querySearchParams(q: Query, extra: Record<string, string | number> = {}): URLSearchParams {
  const p = new URLSearchParams();
  for (const key of QUERY_KEYS) for (const v of q[key]) p.append(key, v);
  for (const [k, v] of Object.entries(extra)) p.set(k, String(v));
  return p;
}

export interface FacetItem {
  /** What to send back as the filter value: an indicator's id when it has one, else its name. */
  value: string;
  label: string;
  count: number;
  /** Indicators only. */
  id?: string | null;
  aliases?: string[];
  unit?: string | null;
}

export interface FacetResponse {
  items: FacetItem[];
}

export interface ObservationsPage {
  total: number;
  offset: number;
  limit: number;
  items: Observation[];
  /**
   * Path and query of the next page, or null on the last one. It carries `generation=N`, so
   * following it either continues the same snapshot or answers 409 (below).
   */
  next: string | null;
  /** The store's generation this page was read at: pages of one listing all have the same. */
  generation: number;
}

/**
 * Paging against a snapshot: /api/observations?…&generation=N answers only while the data is still
 * generation N. Once a report was added, changed or removed it answers HTTP 409 with a
 * StaleGeneration body, and the client starts its listing over (page 1, without `generation`)
 * instead of silently mixing rows of two versions. Without the parameter any generation is served.
 */
export const GENERATION_PARAM = "generation";

export interface StaleGeneration extends ApiError {
  /** The generation asked for, and the current one. */
  asked: number;
  generation: number;
}

/** A document's reading text: what every mention's offsets index (text.slice(start, end) === quote). */
export interface ReadingTextResponse {
  doc: string;
  format: string;
  text: string;
  /** Offset where each page starts (page n at index n - 1), for PDFs; null otherwise. */
  pageStarts: number[] | null;
}

/** A mention with the document it comes from, for showing the source of a number. */
export interface MentionView extends Mention {
  title: string | null;
  document_type: string;
  document_region: string | null;
}

export interface MentionsResponse {
  observation: Observation;
  mentions: MentionView[];
}

export interface DocumentsResponse {
  documents: DocumentRow[];
  /** Reports that could not be read; the others are served. */
  failures: Failure[];
}

export interface Health {
  status: "ok";
  version: string;
  folders: string[];
  files: number;
  documents: number;
  observations: number;
  failures: number;
  /**
   * Increases each time a report is added, changed or removed (kept in the store file, so it goes
   * on increasing across restarts). /api/observations takes it back as `generation` (409 once stale).
   */
  generation: number;
}

/**
 * /api/series?region=…&indicator=… (at least one of them; period narrows, kind is ignored: a
 * series holds a fact's results and its targets). Each report's figure of a fact as a vintage,
 * the preferred one with its reason, the revisions, and each year's target against its result
 * across reports (kit/analysis/series.ts).
 */
export interface SeriesResponse {
  series: SeriesRow[];
  pairs: PlanResultPair[];
  generation: number;
}

export interface ApiError {
  error: string;
}

export const PAGE_LIMIT_DEFAULT = 1000;
export const PAGE_LIMIT_MAX = 10000;
