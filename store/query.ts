// The kit's API over a store: observations by filters with paging, facet counts, an observation
// and its mentions, documents and failures. Every answer is one SQL statement, so it is one
// snapshot of committed data and carries the generation it was read at.
import { listValue } from "@duckdb/node-api";
import { INDICATORS, resolveIndicator } from "../kit/core.js";
import type { DocumentRow, Failure, Mention, Observation } from "../kit/types.js";
import { DOCUMENT_COLUMNS, FAILURE_COLUMNS, MENTION_COLUMNS, OBSERVATION_COLUMNS, selectList } from "./columns.js";
import { all, type Params, type StoreDb } from "./db.js";

/** Filters on observations; each list holds alternatives, empty means any. */
export interface Filter {
  region: string[];
  /** Canonical name, alias or id of an indicator, or the name of an uncatalogued one. */
  indicator: string[];
  /** Period labels: "2023", "2016-2020", "2024H1". */
  period: string[];
  kind: string[];
}

export type FilterKey = keyof Filter;

/** Which files' rows: those a running service serves (its folders), or every file in the store. */
export type Scope = "served" | "all";

const GENERATION = `(SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'generation')`;
const CATALOGUE_IDS = new Set(INDICATORS.map((s) => s.id));

const inScope = (scope: Scope, alias = "") => (scope === "served" ? `${alias ? alias + "." : ""}file_id IN (SELECT file_id FROM scope)` : "TRUE");
const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/** An indicator filter value → ids and names to match: by id for catalogued indicators (and their aliases), else by name. */
export function indicatorMatch(values: string[]): { ids: string[]; names: string[] } {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const v of values) {
    if (CATALOGUE_IDS.has(v)) ids.add(v);
    else {
      const r = resolveIndicator(v, { unit: null, fromTable: false });
      if (r.id !== null) ids.add(r.id);
      else {
        names.add(v);
        names.add(r.name);
      }
    }
  }
  return { ids: [...ids], names: [...names] };
}

/** The WHERE clause of a filter (less the dimension `skip`, for its facet), with its parameters. Pure. */
export function whereClause(filter: Filter, scope: Scope, skip?: FilterKey): { sql: string; params: Params } {
  const parts = [inScope(scope)];
  const params: Params = [];
  const inList = (column: string, values: string[]) => {
    parts.push(`${column} IN (${placeholders(values.length)})`);
    params.push(...values);
  };
  if (skip !== "region" && filter.region.length) inList("region", filter.region);
  if (skip !== "indicator" && filter.indicator.length) {
    const { ids, names } = indicatorMatch(filter.indicator);
    const alternatives: string[] = [];
    if (ids.length) alternatives.push(`indicator_id IN (${placeholders(ids.length)})`);
    if (names.length) alternatives.push(`(indicator_id IS NULL AND indicator IN (${placeholders(names.length)}))`);
    parts.push(`(${alternatives.join(" OR ")})`);
    params.push(...ids, ...names);
  }
  if (skip !== "period" && filter.period.length) inList("period_label", filter.period);
  if (skip !== "kind" && filter.kind.length) inList("kind", filter.kind);
  return { sql: parts.join(" AND "), params };
}

/** The API's stable order: region, indicator, period, kind (actual, estimate, target), document, id. */
export const OBSERVATION_ORDER = `region, indicator, period_label, CASE kind WHEN 'actual' THEN 0 WHEN 'estimate' THEN 1 WHEN 'target' THEN 2 ELSE 9 END, doc, id`;

const read = <T>(db: StoreDb, sql: string, params: Params = []) => db.reader.run((c) => all<T>(c, sql, params));

export async function generation(db: StoreDb): Promise<number> {
  return (await read<{ g: number }>(db, `SELECT ${GENERATION} AS g`))[0]?.g ?? 0;
}

export interface ObservationPage {
  total: number;
  items: Observation[];
  generation: number;
}

const OBSERVATION_SELECT = selectList(OBSERVATION_COLUMNS);

function observation(row: Record<string, unknown>): Observation {
  const o: Record<string, unknown> = {};
  for (const c of OBSERVATION_COLUMNS) if (c.contract) o[c.name] = row[c.name];
  return o as unknown as Observation;
}

/** One page of the observations matching a filter, the total and the generation, from one snapshot. */
export async function observationPage(db: StoreDb, filter: Filter, offset: number, limit: number, scope: Scope = "served"): Promise<ObservationPage> {
  const where = whereClause(filter, scope);
  const matching = `SELECT * FROM observations WHERE ${where.sql}`;
  if (limit > 0) {
    // The matching rows' sort keys only, sorted for the page; then the page's full rows by rowid.
    const rows = await read<Record<string, unknown>>(
      db,
      `WITH f AS MATERIALIZED (SELECT rowid AS __r, region, indicator, period_label, kind, doc, id FROM observations WHERE ${where.sql}),
            p AS (SELECT __r FROM f ORDER BY ${OBSERVATION_ORDER} LIMIT ${limit} OFFSET ${offset})
       SELECT ${OBSERVATION_SELECT}, (SELECT count(*) FROM f) AS __total, ${GENERATION} AS __generation
       FROM observations WHERE rowid IN (SELECT __r FROM p) ORDER BY ${OBSERVATION_ORDER}`,
      where.params,
    );
    if (rows.length > 0) return { total: rows[0]!.__total as number, generation: rows[0]!.__generation as number, items: rows.map(observation) };
  }
  const [row] = await read<{ total: number; g: number }>(db, `SELECT (SELECT count(*) FROM (${matching})) AS total, ${GENERATION} AS g`, where.params);
  return { total: row!.total, items: [], generation: row!.g };
}

/** Every observation matching a filter, in the API's order (e.g. a region's indicator across reports, for series). */
export async function observations(db: StoreDb, filter: Filter, scope: Scope = "served"): Promise<Observation[]> {
  const where = whereClause(filter, scope);
  return (await read<Record<string, unknown>>(db, `SELECT ${OBSERVATION_SELECT} FROM observations WHERE ${where.sql} ORDER BY ${OBSERVATION_ORDER}`, where.params)).map(observation);
}

export interface FacetCount {
  /** The dimension's value: region, period label, kind, or an indicator's id (null for uncatalogued ones). */
  key: string | null;
  /** The indicator's name (for uncatalogued ones, what tells them apart). */
  name: string;
  count: number;
}

/** How many observations each value of a dimension has under the other filters. */
export async function facetCounts(db: StoreDb, filter: Filter, dim: FilterKey, scope: Scope = "served"): Promise<{ counts: FacetCount[]; generation: number }> {
  const where = whereClause(filter, scope, dim);
  const sql =
    dim === "indicator"
      ? `SELECT indicator_id AS key, min(indicator) AS name, count(*) AS count, ${GENERATION} AS g FROM observations WHERE ${where.sql} GROUP BY indicator_id, CASE WHEN indicator_id IS NULL THEN indicator END`
      : `SELECT ${dim === "period" ? "period_label" : dim} AS key, ${dim === "period" ? "period_label" : dim} AS name, count(*) AS count, ${GENERATION} AS g FROM observations WHERE ${where.sql} GROUP BY 1`;
  const rows = await read<FacetCount & { g: number }>(db, sql, where.params);
  const g = rows[0]?.g ?? (await generation(db));
  return { counts: rows.map(({ key, name, count }) => ({ key, name, count })), generation: g };
}

export async function observationById(db: StoreDb, id: string, scope: Scope = "served"): Promise<Observation | null> {
  const rows = await read<Record<string, unknown>>(db, `SELECT ${OBSERVATION_SELECT} FROM observations WHERE id = ? AND ${inScope(scope)} LIMIT 1`, [id]);
  return rows[0] ? observation(rows[0]) : null;
}

export interface MentionWithDocument extends Mention {
  title: string | null;
  document_type: string;
  document_region: string | null;
}

/** An observation's mentions, each with the document (the article, on a page of several) that holds it. */
export async function mentionsOf(db: StoreDb, id: string, scope: Scope = "served"): Promise<MentionWithDocument[]> {
  const rows = await read<Record<string, unknown>>(
    db,
    `SELECT ${selectList(MENTION_COLUMNS, "m")},
       coalesce(d.title, d0.title) AS __title, coalesce(d.type, d0.type, 'other') AS __type, coalesce(d.region, d0.region) AS __region
     FROM mentions m
     LEFT JOIN documents d ON d.file_id = m.file_id AND m.start >= d.start AND m.start < d."end"
     LEFT JOIN documents d0 ON d0.file_id = m.file_id AND d0.part = 0
     WHERE m.observation_id = ? AND ${inScope(scope, "m")}
     ORDER BY m.file_id, m.seq`,
    [id],
  );
  return rows.map((r) => {
    const m: Record<string, unknown> = {};
    for (const c of MENTION_COLUMNS) if (c.contract) m[c.name] = r[c.name];
    return { ...(m as unknown as Mention), title: (r.__title as string | null) ?? null, document_type: r.__type as string, document_region: (r.__region as string | null) ?? null };
  });
}

export async function documents(db: StoreDb, scope: Scope = "served"): Promise<DocumentRow[]> {
  return read<DocumentRow>(db, `SELECT ${selectList(DOCUMENT_COLUMNS)} FROM documents WHERE ${inScope(scope)} ORDER BY doc, part`);
}

export async function failures(db: StoreDb, scope: Scope = "served"): Promise<Failure[]> {
  return read<Failure>(db, `SELECT ${selectList(FAILURE_COLUMNS)} FROM failures WHERE ${inScope(scope)} ORDER BY file, code`);
}

export interface Counts {
  files: number;
  documents: number;
  observations: number;
  failures: number;
  generation: number;
}

export async function counts(db: StoreDb, scope: Scope = "served"): Promise<Counts> {
  const [row] = await read<Counts>(
    db,
    `SELECT (SELECT count(DISTINCT file_id) FROM documents WHERE ${inScope(scope)}) AS files,
            (SELECT count(*) FROM documents WHERE ${inScope(scope)}) AS documents,
            (SELECT count(*) FROM observations WHERE ${inScope(scope)}) AS observations,
            (SELECT count(*) FROM failures WHERE ${inScope(scope)}) AS failures,
            ${GENERATION} AS generation`,
  );
  return row!;
}

/** The file a document name stands for among the files in scope. */
export async function fileOfDocument(db: StoreDb, doc: string, scope: Scope = "served"): Promise<string | null> {
  const rows = await read<{ path: string }>(db, `SELECT f.path FROM files f JOIN documents d ON d.file_id = f.file_id WHERE d.doc = ? AND ${inScope(scope, "f")} ORDER BY f.path LIMIT 1`, [doc]);
  return rows[0]?.path ?? null;
}

/** Everything of a set of files (e.g. for `zhibiao extract --store`): their rows in the kit's shapes. */
export async function tablesOfFiles(db: StoreDb, paths: string[]): Promise<{ documents: DocumentRow[]; observations: Observation[]; mentions: Mention[]; failures: Failure[] }> {
  if (paths.length === 0) return { documents: [], observations: [], mentions: [], failures: [] };
  // The files' order is the order given, as extractPaths keeps it.
  const ids = `(SELECT file_id, ord FROM files JOIN (SELECT unnest(?::VARCHAR[]) AS path, generate_subscripts(?::VARCHAR[], 1) AS ord) p USING (path))`;
  const p = [listValue(paths), listValue(paths)];
  const rows = <T>(table: string, select: string, order: string) => read<T>(db, `SELECT ${select} FROM ${table} t JOIN ${ids} i USING (file_id) ORDER BY i.ord, ${order}`, p);
  return {
    documents: await rows<DocumentRow>("documents", selectList(DOCUMENT_COLUMNS, "t"), "t.part"),
    observations: (await rows<Record<string, unknown>>("observations", selectList(OBSERVATION_COLUMNS, "t"), "t.rowid")).map(observation),
    mentions: await rows<Mention>("mentions", selectList(MENTION_COLUMNS, "t"), "t.seq"),
    failures: await rows<Failure>("failures", selectList(FAILURE_COLUMNS, "t"), "t.file"),
  };
}
