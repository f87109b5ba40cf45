// Where each row goes: observations in the kit's order, mentions grouped under their
// observation (so a link lands on the whole group), and the row numbers links point at.
import type { ExtractResult, Mention, Observation } from "../../kit/types.js";

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
}

export function layout(result: ExtractResult): Layout {
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
  return { observations, mentions, mentionStart, mentionCount, observationIndex, conflicts };
}

/** The sheet row of the i-th data row. */
export function sheetRow(i: number): number {
  return FIRST_DATA_ROW + i;
}

export function mentionsOf(l: Layout, i: number): Mention[] {
  const start = l.mentionStart[i]!;
  return l.mentions.slice(start, start + l.mentionCount[i]!) as Mention[];
}
