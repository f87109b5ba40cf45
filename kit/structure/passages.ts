// What a passage does: review results or set targets, for which year or five-year span. Read
// from headings (numbered or not), from a paragraph's opening words, and from lines such as
// "主要预期目标是：" that open goals wherever they stand.
import { P, parseRankNumber } from "../patterns.js";
import type { DocMeta } from "../meta/meta.js";

export type Mode = "result" | "plan";

/** A five-year span a text names, and whether it lies ahead of the report. */
export interface Span {
  from: number;
  to: number;
  future: boolean;
}

/** The first year of the N-th five-year plan (十四五 → 2021): 六五 (1981-1985) onwards, five years apart. */
export function planStart(n: number): number | null {
  return n >= 6 ? 1981 + 5 * (n - 6) : null;
}

/**
 * The span a text names: a plan's period by number (“十四五”时期 → 2021-2025), the last five
 * years (五年来, 过去五年 → the five years up to the report's), or the next five (今后五年).
 */
export function spanNamed(text: string, meta: Pick<DocMeta, "reportYear" | "planYear">): Span | null {
  const report = meta.reportYear;
  const plan = P.planPeriod.exec(text);
  if (plan) {
    const start = planStart(10 + (parseRankNumber(plan[1]!) ?? 0));
    if (start !== null) return { from: start, to: start + 4, future: report !== null && start > report };
  }
  if (report === null) return null;
  if (P.futureSpan.test(text)) {
    const from = meta.planYear ?? report + 1;
    return { from, to: from + 4, future: true };
  }
  if (P.pastSpan.test(text)) return { from: report - 4, to: report, future: false };
  return null;
}

export function spanText(s: Span): string {
  return `${s.from}-${s.to}`;
}

/** What a heading says about the text under it: results or plans, and for which year. */
export function classifyHeading(text: string, meta: Pick<DocMeta, "reportYear">): { mode: Mode; year: number | null } | null {
  const plan = P.sectionPlan.test(text);
  const result = P.sectionResult.test(text);
  // A date (2024年4月29日, under a bulletin's title) names no period.
  const y = P.yearOnce.exec(text.replace(P.dateGlobal, ""));
  const year = y ? Number(y[1]) : null;
  const later = year !== null && meta.reportYear !== null && year > meta.reportYear;
  // A heading about work in a year after the review's is about the plan year, whatever else its
  // words say: "2024年主要任务", "二、关于2025年工作".
  if (later && (plan || P.laterYearWork.test(text))) return { mode: "plan", year };
  if (plan === result) return null;
  return { mode: plan ? "plan" : "result", year };
}

/**
 * A paragraph that opens the goals of the plan year (今年全县经济社会发展主要预期目标是：…): the
 * year they are for, when the opening names one; `undefined` when the paragraph opens none.
 */
export function goalsOpened(sentence: string): { year: number | null } | undefined {
  const m = P.goalLead.exec(sentence);
  if (!m) return undefined;
  const y = P.yearOnce.exec(sentence.slice(0, m.index));
  return { year: y ? Number(y[1]) : null };
}

/** A short line with no sentence in it: a heading however it was laid out. */
export function isHeadingLike(text: string): boolean {
  return text.length <= 40 && !P.sentenceStop.test(text) && !P.notHeadingEnd.test(text);
}
