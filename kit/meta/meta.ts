// Document metadata: title, type, region and parent, the years reported on and planned for,
// and the date. Read from the title first, then from the opening of the text.
import type { DocumentType } from "../types.js";
import type { Block } from "../text/blocks.js";
import { P, parseRankNumber, execAll } from "../patterns.js";
import { subPeriodIn } from "../periods.js";
import { findRegionNames, type Region } from "../lexicon/regions.js";
import { findRegion, titleCore, type RegionSource } from "./region.js";

export interface DocMeta {
  title: string | null;
  type: DocumentType;
  region: Region | null;
  regionName: string | null;
  /** Why the region is what it is: "title", "meeting line", "signature", … (null when unknown). */
  regionSource: RegionSource | null;
  /** What a user should know about how the document was read. */
  warnings: string[];
  parentName: string | null;
  /** Year the document reports results for. */
  reportYear: number | null;
  /** Span the results cover, for five-year reviews: [2016, 2020]. */
  reportSpan: [number, number] | null;
  /** Year (or first year of the span) targets are for. */
  planYear: number | null;
  planSpan: [number, number] | null;
  date: string | null;
  /** Part of the year a report on a quarter or half covers ("H1" for 1-6月), from its title. */
  subPeriod: string | null;
}

const HEAD_CHARS = 3000;
/** How far down a web copy's title may sit under the site's navigation. */
const TITLE_BLOCKS = 40;

function headingTexts(blocks: Block[]): string[] {
  const out: string[] = [];
  for (const b of blocks.slice(0, TITLE_BLOCKS)) {
    if (b.type === "heading" || b.type === "paragraph") out.push(b.span.text.slice(0, 160));
  }
  return out;
}

/** The kind of document a line names itself as (政府工作报告, 统计公报, …), or null. */
function typeWordIn(text: string): DocumentType | null {
  if (P.docGovWork.test(text)) return "government_work_report";
  // 十四五 alone names a period ("“十四五”时期工作回顾"); with 规划/纲要/建议 it names the plan.
  if ((P.docFiveYearExplicit.test(text) || (P.docFiveYear.test(text) && P.planDocWord.test(text))) && !P.executionWords.test(text)) return "five_year_plan";
  if (P.docPlanReport.test(text)) return "plan_report";
  if (P.docBulletin.test(text)) return "statistical_bulletin";
  if (P.docRelease.test(text)) return "statistical_release";
  return null;
}

/**
 * The line that reads like the document's title, wherever a web page's navigation ends: one
 * that names what the document is and its year or place first, then any line with a title word.
 */
export function findTitle(blocks: Block[]): string | null {
  const all = headingTexts(blocks);
  const news = all.find((t) => P.newsHeadline.test(t) && !P.boilerplate.test(t));
  if (news) return news;
  // A line with a full stop is a sentence of the text, not its title.
  // A section heading (一、…) is not the title, whatever it names.
  const candidates = all.filter((t) => !P.sentenceStop.test(t) && !P.boilerplate.test(t) && !P.enumeratedHeading.test(t));
  const named = (t: string) => P.yearLike.test(t) || findRegionNames(t).length > 0;
  const typed = candidates.find((t) => t.length <= 120 && typeWordIn(t) !== null && named(t));
  const titled = typed ?? candidates.slice(0, 12).find((t) => t.length <= 120 && P.titleWord.test(t) && named(t));
  // "政府工作报告" on a line of its own, the year and the place in the lines under it.
  const bare = candidates.find((t) => t.length <= 40 && P.titleEnd.test(t));
  const title = titled ?? bare ?? candidates.slice(0, 12).find((t) => t.length >= 6 && t.length <= 80 && !P.signatureLine.test(t)) ?? null;
  if (title === null) return null;
  const note = title.lastIndexOf("(");
  return note > 0 && P.meetingNote.test(title.slice(note)) ? title.slice(0, note).trim() : title;
}

/**
 * What the title says the document is decides; the opening of the text only where the title
 * does not say, and there a passing "十四五" never makes a five-year plan.
 */
export function documentType(title: string, head: string): DocumentType {
  if (P.newsHeadline.test(title) && !P.docGovWork.test(title)) return "news";
  const byTitle = typeWordIn(titleCore(title));
  if (byTitle) return byTitle;
  if (P.docGovWork.test(head)) return "government_work_report";
  if (P.docBulletin.test(head)) return "statistical_bulletin";
  if (P.docPlanReport.test(head)) return "plan_report";
  if (P.docFiveYearExplicit.test(head) && !P.executionWords.test(head)) return "five_year_plan";
  if (P.docRelease.test(head)) return "statistical_release";
  // A bulletin whose title is an image still signs as the statistics bureau.
  if (P.statisticsBureau.test(head.slice(0, 200))) return "statistical_bulletin";
  return "other";
}

/** Years a text names as periods: not inside 《》 or quotes, and not a date's (2024年5月7日 dates the issue). */
function yearsIn(text: string): number[] {
  const years: number[] = [];
  for (const m of execAll(P.year, text.replace(P.quoted, "").replace(P.dateGlobal, ""))) years.push(Number(m[1]));
  return years;
}

function fiveYearSpan(text: string): number | null {
  const m = P.fiveYearPlan.exec(text);
  if (!m) return null;
  const n = 10 + (parseRankNumber(m[1]!) ?? 0);
  // 六五 (1981-1985) onwards each plan is five years after the last.
  return n >= 6 ? 1981 + 5 * (n - 6) : null;
}

export function findDate(text: string): string | null {
  const m = P.date.exec(text);
  if (!m) return null;
  const [y, mo, d] = m[1] ? [m[1], m[2]!, m[3]!] : [m[4]!, m[5]!, m[6]!];
  return `${y}-${mo.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

export function readMeta(raw: string, start: number, end: number, blocks: Block[]): DocMeta {
  const head = raw.slice(start, Math.min(end, start + HEAD_CHARS));
  const title = findTitle(blocks);
  const type = documentType(title ?? "", head);
  const finding = findRegion(title, head.replace(P.spaces, ""), raw.slice(start, Math.min(end, start + 4 * HEAD_CHARS)));
  const region = finding.region;

  const titleYears = title ? yearsIn(title) : [];
  // A government work report is dated by its meeting (2026年1月26日): that year is the plan year.
  const bodyYears = type === "government_work_report" ? yearsIn(head.replace(P.dateGlobal, (d) => d.replace(P.dateDay, ""))) : yearsIn(head);
  let reportYear: number | null = null;
  let planYear: number | null = null;
  let reportSpan: [number, number] | null = null;
  let planSpan: [number, number] | null = null;
  const plan5 = fiveYearSpan(title ?? "") ?? (type === "five_year_plan" ? fiveYearSpan(head) : null);

  if (type === "five_year_plan" && plan5) {
    planSpan = [plan5, plan5 + 4];
    reportSpan = [plan5 - 5, plan5 - 1];
    reportYear = plan5 - 1;
    planYear = plan5;
  } else if (type === "government_work_report") {
    const y = titleYears[0] ?? bodyYears[0] ?? null;
    if (y) {
      planYear = y;
      reportYear = y - 1;
    }
  } else if (titleYears.length >= 2) {
    reportYear = titleYears[0]!;
    planYear = titleYears[1]!;
  } else if (titleYears.length === 1) {
    reportYear = titleYears[0]!;
    planYear = type === "statistical_bulletin" ? null : reportYear + 1;
  } else if (bodyYears.length > 0) {
    reportYear = bodyYears[0]!;
    planYear = type === "news" || type === "statistical_bulletin" ? null : reportYear + 1;
  }
  const date = findDate(raw.slice(start, end));
  // A news item that names no year ("今年一季度…") speaks of the year it was published.
  if (reportYear === null && date !== null) reportYear = Number(date.slice(0, 4));

  const subPeriod = title ? subPeriodIn(title) : null;
  // A report on part of a year (上半年计划执行情况, 1-6月经济运行) plans no next year.
  if (subPeriod !== null) planYear = null;

  const parent = region?.parent ?? null;
  return {
    title,
    type,
    region,
    regionName: finding.name,
    regionSource: finding.source,
    warnings: finding.warnings,
    parentName: parent?.name ?? null,
    reportYear,
    reportSpan,
    planYear,
    planSpan,
    date,
    subPeriod,
  };
}

/** Article starts in a page of several news items: lines opening with a 【栏目】 headline. */
export function articleStarts(raw: string): number[] {
  const starts: number[] = [];
  for (const m of execAll(P.articleHeadline, raw)) starts.push(m.index + m[1]!.length);
  return starts.length >= 2 ? starts : [];
}
