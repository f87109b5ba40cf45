// Where a clause or a piece of a list starts. Both scan back from pos, so the cost is the
// clause's length, not the sentence's.
import { afterLast, BOUNDARY_CHARS, CLAUSE_BOUNDARY_CHARS } from "../patterns.js";

/** Offset just after the last boundary (、 included) before pos. */
export function lastBoundary(s: string, pos: number): number {
  return afterLast(s, pos, BOUNDARY_CHARS);
}

/** Offset just after the last clause boundary (、 excluded) before pos. */
export function lastClauseBoundary(s: string, pos: number): number {
  return afterLast(s, Math.max(0, pos), CLAUSE_BOUNDARY_CHARS);
}
