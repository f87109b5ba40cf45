// Facts a report states more than once — in the prose and in the annex table, or twice in
// the prose — and whether the statements agree.
import { periodLabel } from "../periods.js";
import { figureText } from "./figures.js";
import type { ExtractResult, Kind } from "../types.js";

export interface CrossCheck {
  observation_id: string;
  doc: string;
  region: string;
  indicator_id: string | null;
  indicator: string;
  period: string;
  kind: Kind;
  /** The figure kept (the table's, where they disagree). */
  figure: string;
  conflict: boolean;
  from_table: number;
  from_prose: number;
  /** Every statement, table rows first. */
  quotes: string[];
}

/** Observations with more than one mention, conflicts first, then in the order of the observations. */
export function crossChecks(result: Pick<ExtractResult, "observations" | "mentions">): CrossCheck[] {
  const byObservation = new Map<string, ExtractResult["mentions"]>();
  for (const m of result.mentions) byObservation.set(m.observation_id, [...(byObservation.get(m.observation_id) ?? []), m]);
  const out: CrossCheck[] = [];
  for (const o of result.observations) {
    const mentions = byObservation.get(o.id) ?? [];
    if (mentions.length < 2) continue;
    const table = mentions.filter((m) => m.from_table);
    const prose = mentions.filter((m) => !m.from_table);
    out.push({
      observation_id: o.id,
      doc: o.doc,
      region: o.region,
      indicator_id: o.indicator_id,
      indicator: o.indicator,
      period: periodLabel(o),
      kind: o.kind,
      figure: figureText(o),
      conflict: o.conflict,
      from_table: table.length,
      from_prose: prose.length,
      quotes: [...table, ...prose].map((m) => m.quote),
    });
  }
  return out.sort((a, b) => Number(b.conflict) - Number(a.conflict));
}
