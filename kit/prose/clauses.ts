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

const NOTE_MAX = 30;

/**
 * The sentence with the clause marks inside short bracketed notes neutralised (same length):
 * "固定资产投资（不含农户，下同）比上年下降7.5%" is one clause, its note part of the name.
 */
export function maskNotes(s: string): string {
  if (!s.includes("(")) return s;
  let out = "";
  let i = 0;
  while (i < s.length) {
    const open = s.indexOf("(", i);
    if (open < 0) break;
    const close = s.indexOf(")", open + 1);
    if (close < 0 || close - open > NOTE_MAX || s.slice(open + 1, close).includes("(")) {
      out += s.slice(i, open + 1);
      i = open + 1;
      continue;
    }
    out += s.slice(i, open + 1);
    // 、 stays: a list inside a note (湛江各县（市、区）) is read as written.
    for (let k = open + 1; k < close; k++) out += CLAUSE_BOUNDARY_CHARS.has(s[k]!) ? "·" : s[k]!;
    i = close;
  }
  return out + s.slice(i);
}
