// Text damaged on its way to the user, read through without losing an offset: line breaks
// stored as the characters \r\n, HTML entities left in (&nbsp;), ?? where a space was lost,
// and every % replaced by another token by a bad export (增长8.5_M_M_). Found once per
// document here; kit/text/clean and kit/text/blocks apply them character by character.
import { P, execAll } from "../patterns.js";

export interface Repairs {
  /** The token a bad export wrote for every %, or null. */
  percent: string | null;
  /** Line breaks are the literal characters \n or \r\n, not real ones. */
  literalBreaks: boolean;
}

export const NO_REPAIRS: Repairs = { percent: null, literalBreaks: false };

function count(text: string, word: string): number {
  let n = 0;
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) n++;
  return n;
}

/** The repairs a text needs: a stand-in for % used at least three times where % itself is rare. */
export function findRepairs(text: string): Repairs {
  const counts = new Map<string, number>();
  for (const m of execAll(P.mangledPercent, text)) {
    if (P.mangledMark.test(m[1]!)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  }
  let percent: string | null = null;
  let best = 2;
  for (const [token, n] of counts) if (n > best) [percent, best] = [token, n];
  if (percent !== null && count(text, "%") + count(text, "％") > best / 4) percent = null;
  const literal = count(text, "\\n");
  const literalBreaks = literal >= 3 && literal > 2 * count(text, "\n");
  return { percent, literalBreaks };
}
