// Where each row goes: observations in the kit's order, mentions grouped under their
// observation (so a link lands on the whole group), and the row numbers links point at.
import type { DocumentRow, ExtractResult, Mention, Observation } from "../../kit/types.js";
import { DEFAULT_LANG, type Lang } from "../../kit/lexicon/labels.js";

/** Row 1 of every table sheet is the header. */
export const FIRST_DATA_ROW = 2;

export interface Layout {
  observations: readonly Observation[];
  /** Mentions in sheet order: grouped by observation, in observation order; orphans last. */
  mentions: readonly Mention[];
  /** Per observation index: its mentions' first index into `mentions`, and how many. */
  mentionStart: Int32Array;
  mentionCount: Int32Array;
  /** Observation id → index into `observations`. */
  observationIndex: ReadonlyMap<string, number>;
  /** Indexes of observations with conflict = true. */
  conflicts: readonly number[];
  /** The language of the sheet names, headers, codes and notes. */
  lang: Lang;
  /** The title a person reads for a mention's place in a document (its article's title, else the file name). */
  titleAt: (doc: string, offset: number) => string;
}

/**
 * Titles by document: a file of one document has one; a page of several articles has one per
 * article, found by the offset ([start, end) of each part). No title: the file name.
 */
export function documentTitles(documents: readonly DocumentRow[]): (doc: string, offset: number) => string {
  const byDoc = new Map<string, DocumentRow[]>();
  for (const d of documents) {
    const list = byDoc.get(d.doc);
    if (list) list.push(d);
    else byDoc.set(d.doc, [d]);
  }
  return (doc, offset) => {
    const parts = byDoc.get(doc);
    if (!parts) return doc;
    const part = parts.length === 1 ? parts[0]! : (parts.find((d) => offset >= d.start && offset < d.end) ?? parts[0]!);
    return part.title ?? doc;
  };
}

export function layout(result: ExtractResult, lang: Lang = DEFAULT_LANG): Layout {
  const { observations } = result;
  const observationIndex = new Map<string, number>();
  observations.forEach((o, i) => {
    if (!observationIndex.has(o.id)) observationIndex.set(o.id, i);
  });

  const byObservation: Mention[][] = observations.map(() => []);
  const orphans: Mention[] = [];
  for (const m of result.mentions) {
    const i = observationIndex.get(m.observation_id);
    if (i === undefined) orphans.push(m);
    else byObservation[i]!.push(m);
  }

  const mentions: Mention[] = [];
  const mentionStart = new Int32Array(observations.length);
  const mentionCount = new Int32Array(observations.length);
  byObservation.forEach((group, i) => {
    group.sort((a, b) => (a.doc === b.doc ? a.start - b.start : a.doc < b.doc ? -1 : 1));
    mentionStart[i] = mentions.length;
    mentionCount[i] = group.length;
    for (const m of group) mentions.push(m);
  });
  for (const m of orphans) mentions.push(m);

  const conflicts: number[] = [];
  observations.forEach((o, i) => {
    if (o.conflict) conflicts.push(i);
  });
  return { observations, mentions, mentionStart, mentionCount, observationIndex, conflicts, lang, titleAt: documentTitles(result.documents) };
}

/** The sheet row of the i-th data row. */
export function sheetRow(i: number): number {
  return FIRST_DATA_ROW + i;
}

export function mentionsOf(l: Layout, i: number): Mention[] {
  const start = l.mentionStart[i]!;
  return l.mentions.slice(start, start + l.mentionCount[i]!) as Mention[];
}

/** The title of the document (or article) an observation comes from: where its first mention is. */
export function observationTitle(l: Layout, i: number): string {
  const o = l.observations[i]!;
  const first = l.mentionCount[i]! > 0 ? l.mentions[l.mentionStart[i]!] : undefined;
  return l.titleAt(o.doc, first?.start ?? 0);
}
