// Parts of a year. Quarterly and half-year figures are not the year's: beside their year they
// carry their part ("Q1", "H1", "Q1-Q3", "M1-M5", "M6" for a month's end) in period_part, so
// they never merge with the annual figure of the same indicator.
import { P, parseRankNumber } from "./patterns.js";

/** The part of a year a text names ("上半年" → "H1"), null for none or for the whole year (1-12月). */
export function subPeriodIn(text: string): string | null {
  const m = P.subYear.exec(text);
  if (!m) return null;
  if (m[1]) return "Q1-Q3";
  if (m[2]) return `Q${parseRankNumber(m[2]) ?? m[2]}`;
  if (m[3]) return m[3] === "上" ? "H1" : "H2";
  const upTo = Number(m[4] ?? m[5] ?? 0);
  if (upTo) return monthsTo(upTo);
  if (m[6]) return `M${Number(m[6])}`;
  return null;
}

function monthsTo(n: number): string | null {
  if (n >= 12) return null;
  if (n === 3) return "Q1";
  if (n === 6) return "H1";
  if (n === 9) return "Q1-Q3";
  return n === 1 ? "M1" : `M1-M${n}`;
}

const CUMULATIVE_END: Record<string, string> = { "Q1-Q3": "Q3", H1: "Q2" };

/**
 * The part a sentence names, read against the document's: a report on 前三季度 that writes
 * "三季度，全县实现…" means the year so far, as its 其中 breakdown does; elsewhere the written part stands.
 */
export function partIn(written: string | null, doc: string | null): string | null {
  if (written === null) return doc;
  return doc !== null && CUMULATIVE_END[doc] === written ? doc : written;
}

/** A period with its part, for grouping and display: "2024", "2024H1", "2016-2020". */
export function periodLabel(o: { period: string; period_part: string | null }): string {
  return o.period_part === null ? o.period : o.period + o.period_part;
}
