// Which period a figure is for and whether it is a result, an estimate or a target: the
// section's mode and year, then what the sentence says before the figure (a year, 预计,
// 力争, 年均/累计 over a five-year span).
import { P, execAll } from "../patterns.js";
import type { Kind } from "../types.js";
import type { Scan } from "./scan.js";
import { lastBoundary, lastClauseBoundary } from "./clauses.js";
import { partIn, subPeriodIn } from "../periods.js";

/** The year a clause names before a figure, outside 《》 and quotes ("2023年以来" is not a period). */
export function yearBetween(s: string, from: number, pos: number): number | null {
  const slice = s.slice(from, pos);
  // Only a clause with a title or a quotation has anything to blank out (the scan is per figure).
  const text = slice.includes("《") || slice.includes("“") ? slice.replace(P.quoted, (q) => " ".repeat(q.length)) : slice;
  let year: number | null = null;
  for (const m of execAll(P.year, text)) {
    if (P.yearNotPeriod.test(text.slice(m.index + m[0].length)) || P.comparisonBefore.test(text.slice(Math.max(0, m.index - 1), m.index))) continue;
    year = Number(m[1]);
  }
  return year;
}

/**
 * Kind and period of a figure at `pos` whose name starts at `nameStart`. `annual` marks a
 * 年均 growth, which covers the report's span when no year is named.
 */
export function kindAndPeriod(scan: Scan, pos: number, nameStart: number, name: string, annual: boolean): { kind: Kind; period: string; part: string | null } {
  const r = yearly(scan, pos, nameStart, name, annual);
  // A single year narrows to the part of it the clause, the sentence or the document names.
  // (Literals, not spreads: this runs for every figure.)
  if (!P.singleYear.test(r.period)) return { kind: r.kind, period: r.period, part: null };
  // A target's clauses share the year part its 力争 names (力争全年签约60个，到位资金超100亿元).
  const clauseStart = lastClauseBoundary(scan.s, nameStart);
  const from = r.kind === "target" && governs(scan, clauseStart) ? scan.targetAt : clauseStart;
  const clause = scan.s.slice(from, pos);
  // A target in a report on part of a year is the whole year's unless it names a part (力争全年…).
  const part = P.fullYear.test(clause) ? null : r.kind === "target" ? subPeriodIn(clause) : partIn(subPeriodIn(clause), scan.subPeriod);
  // 预计全年…（下同）then 1-11月…: figures for the months already past are counted, not estimated.
  if (r.kind === "estimate" && part !== null && part !== scan.ctx.subPeriod) return { kind: "actual", period: r.period, part };
  return { kind: r.kind, period: r.period, part };
}

/** 力争 governs the clauses after it up to a semicolon (力争全年签约60个，到位资金超100亿元；…). */
function governs(scan: Scan, pos: number): boolean {
  return scan.targetAt >= 0 && scan.targetAt < pos && scan.s.lastIndexOf(";", pos) < scan.targetAt;
}

function yearly(scan: Scan, pos: number, nameStart: number, name: string, annual: boolean): { kind: Kind; period: string } {
  const { s, ctx } = scan;
  const clauseStart = lastClauseBoundary(s, nameStart);
  const year = yearBetween(s, clauseStart, pos);
  const cumulative =
    annual || P.spanMarker.test(name) || P.cumulativeWord.test(s.slice(lastBoundary(s, nameStart), pos)) || P.fiveYear.test(s.slice(clauseStart, pos));
  const estimate = scan.estimateFromStart || (scan.estimateAt >= 0 && scan.estimateAt < pos);
  if (ctx.mode === "plan") {
    // In a plan, a year before the plan's is a result quoted for reference (2023年…预计完成).
    if (year !== null && ctx.planYear !== null && year < ctx.planYear) return { kind: estimate ? "estimate" : "actual", period: String(year) };
    return { kind: "target", period: year !== null ? String(year) : ctx.period };
  }
  // In a review, a later year is a target (力争2024年…).
  if (year !== null && ctx.reportYear !== null && year > ctx.reportYear) return { kind: "target", period: String(year) };
  const spanPeriod = cumulative && year === null && ctx.reportSpan !== null;
  const period = year !== null ? String(year) : spanPeriod ? ctx.reportSpan! : ctx.period;
  // A span's total is a result, not the estimate of the year the sentence is about.
  if (estimate && !spanPeriod) return { kind: "estimate", period };
  const targeted = governs(scan, pos) || P.resultTarget.test(s.slice(clauseStart, pos));
  if (targeted || P.planName.test(name)) return { kind: "target", period };
  return { kind: "actual", period };
}
