// Mentions → observations: one per doc × region × indicator × period × kind. Fields are
// merged from all mentions; where two disagree (value or growth), the annex table's figure
// is kept and `conflict` is set.
import murmur from "murmurhash3js-revisited";
import type { Draft } from "../draft.js";
import type { Observation, Mention } from "../types.js";
import { resolveIndicator, normaliseName } from "../lexicon/catalogue.js";
import { unitInfo } from "../lexicon/lexicon.js";
import { standardise } from "../lexicon/standard.js";
import { P } from "../patterns.js";

export interface Merged {
  observations: Observation[];
  mentions: Mention[];
  /** Document part of each observation, for the per-document counts. */
  partOf: Map<string, number>;
}

const encoder = new TextEncoder();
let idBuffer = new Uint8Array(1024);

/**
 * What makes two mentions one observation, and so the source of its id: the document, the
 * region, the indicator (its catalogue id, or the normalised name of one the catalogue lacks,
 * marked apart so a name never equals an id), the period and its part, and the kind.
 */
export function observationKey(d: Pick<Draft, "doc" | "region" | "period" | "period_part" | "kind">, indicator: { id: string | null; name: string }): string {
  const what = indicator.id !== null ? `id:${indicator.id}` : `name:${normaliseName(indicator.name)}`;
  return [d.doc, d.region, what, d.period, d.period_part ?? "", d.kind].join("\u0001");
}

/** Stable across runs and platforms for the same key: 64 bits of hash of the whole key. */
export function observationId(key: string): string {
  // Encoded into one reused buffer: a new array per observation was a good part of the cost.
  if (idBuffer.length < key.length * 3) idBuffer = new Uint8Array(key.length * 3);
  const bytes = idBuffer.subarray(0, encoder.encodeInto(key, idBuffer).written);
  // Two 32-bit MurmurHash3 values with different seeds: 64 bits, and faster than the 128-bit variant.
  return murmur.x86.hash32(bytes, 0x5a4b).toString(16).padStart(8, "0") + murmur.x86.hash32(bytes, 0x1b0a).toString(16).padStart(8, "0");
}

/**
 * Ids for distinct keys, unique by construction: in the (2^-64) event that two keys of one
 * extraction hash alike, the later key (in document order, so the same on every run) is
 * hashed again with a counter.
 */
export function uniqueIds(keys: Iterable<string>): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const key of keys) {
    let id = observationId(key);
    for (let n = 1; taken.has(id); n++) id = observationId(`${key}\u0002${n}`);
    taken.add(id);
    ids.set(key, id);
  }
  return ids;
}

function decimals(x: number): number {
  const s = String(x);
  const i = s.indexOf(".");
  return i < 0 ? 0 : s.length - i - 1;
}

/** Two figures agree when they are equal at the precision of the less precise one. */
export function sameFigure(a: number, ua: string | null, b: number, ub: string | null): boolean {
  const ia = unitInfo(ua);
  const ib = unitInfo(ub);
  if (ua !== ub && ia && ib && ia.class !== ib.class) return true; // not comparable
  const fa = ia && ib ? ia.factor : 1;
  const fb = ia && ib ? ib.factor : 1;
  const tol = Math.max(10 ** -decimals(a) * fa, 10 ** -decimals(b) * fb) / 2 + 1e-9 * Math.max(1, Math.abs(a * fa));
  return Math.abs(a * fa - b * fb) <= tol;
}

function figureCount(d: Draft): number {
  return [d.value, d.growth_pct, d.target_text, d.rank].filter((x) => x !== null).length;
}

export function mergeDrafts(drafts: Draft[], raw: string): Merged {
  const groups = new Map<string, { draft: Draft; id: string | null; name: string }[]>();
  for (const d of drafts) {
    const r = d.uncatalogued
      ? { id: null, name: d.name.replace(P.spaces, "") }
      : resolveIndicator(d.name, { unit: d.value !== null ? d.unit : null, fromTable: d.from_table });
    const key = observationKey(d, r);
    const list = groups.get(key);
    const entry = { draft: d, id: r.id, name: r.name };
    if (list) list.push(entry);
    else groups.set(key, [entry]);
  }

  const observations: Observation[] = [];
  const mentions: Mention[] = [];
  const partOf = new Map<string, number>();
  const firstOrder = new Map<string, number>();
  const ids = uniqueIds(groups.keys());
  for (const [key, list] of groups) {
    // Table mentions first: on disagreement the table's figure wins.
    list.sort((x, y) => Number(y.draft.from_table) - Number(x.draft.from_table) || x.draft.order - y.draft.order);
    const head = list[0]!;
    const indicator = list.find((e) => e.id !== null)?.name ?? head.name;
    const id = ids.get(key)!;
    const ds = list.map((e) => e.draft);
    const valueFrom = ds.find((d) => d.value !== null);
    const growthFrom = ds.find((d) => d.growth_pct !== null);
    const rankFrom = ds.find((d) => d.rank !== null);
    const textFrom = ds.find((d) => d.target_text !== null);
    let conflict = false;
    for (const d of ds) {
      // (A figure always agrees with itself: the mention it comes from is not compared.)
      if (valueFrom && d !== valueFrom && d.value !== null && !sameFigure(valueFrom.value!, valueFrom.unit, d.value, d.unit)) conflict = true;
      if (growthFrom && d !== growthFrom && d.growth_pct !== null && !sameFigure(growthFrom.growth_pct!, null, d.growth_pct, null)) conflict = true;
    }
    // A qualifier stated by any mention of the same figure ("4700" in the table, "4700 人以上" in the text).
    const valueQualifier =
      valueFrom?.value_qualifier ?? ds.find((d) => d.value !== null && d.value_qualifier !== null && sameFigure(d.value, d.unit, valueFrom!.value!, valueFrom!.unit))?.value_qualifier ?? null;
    const growthQualifier =
      growthFrom?.growth_qualifier ?? ds.find((d) => d.growth_pct !== null && d.growth_qualifier !== null && sameFigure(d.growth_pct, null, growthFrom!.growth_pct!, null))?.growth_qualifier ?? null;
    const best = [...ds].sort((x, y) => figureCount(y) - figureCount(x) || x.order - y.order)[0]!;
    // A value stated without its unit takes another mention's only where that one states the same number.
    const unit = valueFrom ? valueFrom.unit ?? ds.find((d) => d.unit !== null && d.value === valueFrom.value)?.unit ?? null : ds.find((d) => d.unit !== null)?.unit ?? null;
    const indicatorId = list.find((e) => e.id !== null)?.id ?? null;
    const value = valueFrom?.value ?? null;
    observations.push({
      id,
      doc: head.draft.doc,
      region: head.draft.region,
      period: head.draft.period,
      period_part: head.draft.period_part,
      kind: head.draft.kind,
      indicator,
      indicator_id: indicatorId,
      value,
      unit,
      ...standardise(indicatorId, value, unit),
      growth_pct: growthFrom?.growth_pct ?? null,
      growth_basis: growthFrom?.growth_basis ?? "yoy",
      value_qualifier: valueQualifier,
      growth_qualifier: growthQualifier,
      target_text: textFrom?.target_text ?? null,
      rank: rankFrom?.rank ?? null,
      rank_scope: rankFrom?.rank_scope ?? null,
      conflict,
      quote: raw.slice(best.start, best.end),
    });
    partOf.set(id, head.draft.part);
    firstOrder.set(id, Math.min(...ds.map((d) => d.order)));
    const seen = new Set<string>();
    for (const d of ds) {
      const k = `${d.start}:${d.end}`;
      if (seen.has(k)) continue;
      seen.add(k);
      mentions.push({ observation_id: id, doc: d.doc, start: d.start, end: d.end, quote: raw.slice(d.start, d.end), section: d.section, from_table: d.from_table, page: null });
    }
  }
  observations.sort((a, b) => firstOrder.get(a.id)! - firstOrder.get(b.id)!);
  const rank = new Map(observations.map((o, i) => [o.id, i]));
  mentions.sort((a, b) => rank.get(a.observation_id)! - rank.get(b.observation_id)! || a.start - b.start);
  return { observations, mentions, partOf };
}
