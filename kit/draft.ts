// A mention before merging: what one place in the text says about one observation.
import type { Kind, GrowthBasis, Qualifier } from "./types.js";

export interface Draft {
  doc: string;
  part: number;
  region: string;
  period: string;
  /** Part of the year ("H1"), null for the whole year. */
  period_part: string | null;
  kind: Kind;
  /** Name as the report writes it, cleaned (resolved against the catalogue when merged). */
  name: string;
  /** Set when the name must not be resolved against the catalogue (an event's or sub-scope's figure). */
  uncatalogued?: boolean;
  value: number | null;
  unit: string | null;
  value_qualifier: Qualifier | null;
  growth_pct: number | null;
  growth_basis: GrowthBasis;
  growth_qualifier: Qualifier | null;
  target_text: string | null;
  rank: number | null;
  rank_scope: string | null;
  /** Offsets into the original text. */
  start: number;
  end: number;
  section: string | null;
  from_table: boolean;
  /** Document order, for stable output and "first mention wins" among prose mentions. */
  order: number;
}

export function emptyFigures(): Pick<Draft, "value" | "unit" | "value_qualifier" | "growth_pct" | "growth_basis" | "growth_qualifier" | "target_text" | "rank" | "rank_scope"> {
  return { value: null, unit: null, value_qualifier: null, growth_pct: null, growth_basis: "yoy", growth_qualifier: null, target_text: null, rank: null, rank_scope: null };
}

export function hasFigure(d: Draft): boolean {
  return d.value !== null || d.growth_pct !== null || d.target_text !== null || d.rank !== null;
}
