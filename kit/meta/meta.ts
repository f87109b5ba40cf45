// Document metadata: title, type, region and parent, the years reported on and planned for,
// and the date. Read from the title first, then from the opening of the text.
import type { DocumentType } from "../types.js";
import type { Block } from "../text/blocks.js";
import { P, parseRankNumber, execAll } from "../patterns.js";
import { subPeriodIn } from "../periods.js";
import { findRegionNames, regionsNamed, disambiguate, type Region } from "../lexicon/regions.js";

export interface DocMeta {
  title: string | null;
  type: DocumentType;
  region: Region | null;
  regionName: string | null;
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

function headingTexts(blocks: Block[]): string[] {
  const out: string[] = [];
  for (const b of blocks.slice(0, 12)) {
    if (b.type === "heading" || b.type === "paragraph") out.push(b.span.text.slice(0, 160));
  }
  return out;
}

/** The first heading or line that reads like a document title. */
export function findTitle(blocks: Block[]): string | null {
  const all = headingTexts(blocks);
  const news = all.find((t) => P.newsHeadline.test(t));
  if (news) return news;
  // A line with a full stop is a sentence of the text, not its title.
  const candidates = all.filter((t) => !P.sentenceStop.test(t));
  const titled = candidates.find((t) => t.length <= 120 && P.titleWord.test(t) && (P.yearLike.test(t) || findRegionNames(t).length > 0));
  // "政府工作报告" on a line of its own, the year and the place in the lines under it.
  const bare = candidates.find((t) => t.length <= 40 && P.titleEnd.test(t));
  const title = titled ?? bare ?? candidates.find((t) => t.length >= 6 && t.length <= 80) ?? null;
  if (title === null) return null;
  const note = title.lastIndexOf("(");
  return note > 0 && P.meetingNote.test(title.slice(note)) ? title.slice(0, note).trim() : title;
}

export function documentType(title: string, head: string): DocumentType {
  if (P.newsHeadline.test(title) && !P.docGovWork.test(title)) return "news";
  for (const text of [title, head]) {
    if (P.docGovWork.test(text)) return "government_work_report";
    if (P.docFiveYear.test(text) && !P.executionWords.test(text)) return "five_year_plan";
    if (P.docPlanReport.test(text)) return "plan_report";
    if (P.docBulletin.test(text)) return "statistical_bulletin";
  }
  return "other";
}

/** Region named by a text: its full names first, then short city and province names (湛江). */
export function regionIn(text: string, context: string): Region | null {
  const hits = findRegionNames(text);
  if (hits.length > 0) {
    // Prefer the most specific level named first: a county over its city (雷州市 in a 湛江 text).
    const first = hits[0]!;
    return disambiguate(regionsNamed(first.region.name), context);
  }
  for (let len = 4; len >= 2; len--) {
    for (let i = 0; i + len <= text.length; i++) {
      const list = regionsNamed(text.slice(i, i + len));
      if (list.length > 0 && list[0]!.name !== text.slice(i, i + len)) return disambiguate(list, context);
    }
  }
  return null;
}

/** The region most named in the opening of a text without a title that names one. */
function dominantRegion(head: string): Region | null {
  const counts = new Map<string, { r: Region; n: number }>();
  for (const h of findRegionNames(head)) {
    const e = counts.get(h.region.name);
    if (e) e.n++;
    else counts.set(h.region.name, { r: h.region, n: 1 });
  }
  let best: { r: Region; n: number } | null = null;
  for (const e of counts.values()) if (!best || e.n > best.n) best = e;
  return best ? disambiguate(regionsNamed(best.r.name), head) : null;
}

function yearsIn(text: string): number[] {
  const years: number[] = [];
  for (const m of execAll(P.year, text.replace(P.quoted, ""))) years.push(Number(m[1]));
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

  let region: Region | null = null;
  if (title) {
    const bracket = P.newsBracket.exec(title);
    region = regionIn(bracket ? bracket[1]! : title, head) ?? (bracket ? regionIn(title.slice(bracket[0].length), head) : null);
  }
  region ??= dominantRegion(head);

  const titleYears = title ? yearsIn(title) : [];
  const bodyYears = yearsIn(head);
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
  // The State Council's reports are about the whole country, a region the region list lacks.
  const national = region === null && title !== null && P.nationalTitle.test(title);
  const unlisted = region === null && title !== null ? P.titleRegionSpan.exec(title)?.[1] ?? null : null;
  return {
    title,
    type,
    region,
    regionName: region?.name ?? unlisted ?? (national ? "全国" : null),
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
