// A document (or one article of a page) → drafts. Walks its blocks in order, keeping the
// context the prose rules need: results or plans, for which year, under which heading.
import type { Block } from "../text/blocks.js";
import { rawRange } from "../text/clean.js";
import { P, execAll } from "../patterns.js";
import { readMeta, type DocMeta } from "../meta/meta.js";
import { extractSentence, newParagraphState, type SentenceContext } from "../prose/sentence.js";
import { extractTable, type ColumnModel, type TableContext } from "../tables/table.js";
import { fullRegionName, regionsNamed } from "../lexicon/regions.js";
import { maskNotes } from "../prose/clauses.js";
import { classifyHeading, goalsOpened, isHeadingLike, spanNamed, spanText, type Mode } from "./passages.js";
import type { Draft } from "../draft.js";

export { classifyHeading } from "./passages.js";

interface Section {
  mode: Mode;
  period: string;
  heading: string | null;
  /** "2016-2020" under a heading such as 过去五年工作回顾. */
  span: string | null;
}

export interface PartResult {
  meta: DocMeta;
  drafts: Draft[];
  nextOrder: number;
}

function span(a: number | null, b: number | null): string | null {
  return a !== null && b !== null ? `${a}-${b}` : null;
}

/**
 * The period goals opened in a paragraph are for: the year they name, the span the paragraph
 * opens on when it lies ahead, the plan section's own period, else the plan year.
 */
function goalsPeriod(year: number | null, opening: ReturnType<typeof spanNamed>, section: Section, meta: DocMeta): string {
  if (year !== null) return String(year);
  if (opening?.future) return spanText(opening);
  if (section.mode === "plan") return section.period;
  return periodFor("plan", null, meta);
}

function periodFor(mode: Mode, year: number | null, meta: DocMeta): string {
  if (year !== null) return String(year);
  if (mode === "plan") return (meta.planSpan ? span(...meta.planSpan) : null) ?? String(meta.planYear ?? meta.reportYear ?? "");
  return String(meta.reportYear ?? "");
}

/** 全市 → the parent the report means (where the text names it), 全省 → the province. */
// 全市 stays as written: in a county-level city's report (雷州市) it means the city itself,
// in a district's (泉港区) the prefecture; the text does not say which.
function rankScopeResolver(meta: DocMeta, text: string): (written: string) => string | null {
  return (written: string) => {
    const w = written.replace(P.spaces, "");
    if (!w) return null;
    const region = meta.region;
    if (w === "全省") {
      let p = region;
      while (p && p.level !== "province") p = p.parent;
      return p ? p.name : w;
    }
    if (w === "全国") return w;
    if (regionsNamed(w).length > 0) return fullRegionName(w, text) ?? w;
    return w;
  };
}

/** One document (or article) of `raw`, already split into blocks, spanning raw[start, end). */
export function extractPart(raw: string, blocks: Block[], start: number, end: number, doc: string, part: number, orderBase: number): PartResult {
  const meta = readMeta(raw, start, end, blocks);
  const partText = raw.slice(start, end);
  const region = meta.regionName ?? "";
  const drafts: Draft[] = [];
  let order = orderBase;
  let section: Section = { mode: "result", period: periodFor("result", null, meta), heading: null, span: null };
  let glossary = false;
  /** The span a review paragraph opened (五年来，…), carried to the paragraphs under it. */
  let carriedSpan: string | null = null;
  let lastModel: ColumnModel | null = null;
  const rankScope = rankScopeResolver(meta, partText);
  const reportSpan = meta.reportSpan ? span(...meta.reportSpan) : null;

  /** A heading (or a heading-like line) opens a section; returns whether it said what the section does. */
  const enter = (heading: string): boolean => {
    if (heading === meta.title) return false;
    carriedSpan = null;
    const c = classifyHeading(heading, meta);
    const named = spanNamed(heading, meta);
    // The next plan period's goals (二、“十五五”时期主要目标任务) are targets for the span.
    if (named?.future) section = { mode: "plan", period: spanText(named), heading, span: null };
    else if (c) section = { mode: c.mode, period: periodFor(c.mode, c.year, meta), heading, span: named ? spanText(named) : null };
    else section = { ...section, heading, span: named ? spanText(named) : section.span };
    return c !== null || named !== null;
  };

  for (const block of blocks) {
    if (block.type === "heading") {
      const text = block.span.text;
      if (P.endMatter.test(text)) {
        glossary = true;
        continue;
      }
      enter(text);
      continue;
    }
    if (block.type === "table") {
      glossary = false;
      const ctx: TableContext = {
        doc,
        part,
        region,
        reportYear: meta.reportYear,
        planYear: meta.planYear,
        section: section.heading,
        subPeriod: meta.subPeriod,
        mode: section.mode,
        nextOrder: () => order++,
        raw,
      };
      const r = extractTable(block.rows, ctx, lastModel);
      lastModel = r.model;
      drafts.push(...r.drafts);
      continue;
    }
    if (block.type !== "paragraph" || glossary) continue;
    if (P.endMatter.test(block.span.text)) {
      glossary = true;
      continue;
    }

    const text = block.span.text;
    // A line between paragraphs that names a section ("2025年工作目标任务") is its heading.
    if (isHeadingLike(text) && enter(text)) continue;
    // A paragraph that opens on a span (五年来，…; “十四五”时期，…) reviews that span, and so do the
    // paragraphs that follow it (——发展质效不断提高…) until a heading or another time.
    const opening = spanNamed(text.slice(0, 40), meta);
    if (opening && !opening.future) carriedSpan = spanText(opening);
    else if (P.leadingYear.test(text) || P.thisYearOpening.test(text)) carriedSpan = null;
    // Goals opened inside a paragraph (主要预期目标是：…) hold to its end, as targets of this
    // period; a paragraph that opens on the next plan period (“十五五”时期，…) sets that span's.
    let goals: string | null = opening?.future ? spanText(opening) : null;
    // Section markers inside a paragraph (a whole report pasted on one line).
    const switches: { at: number; heading: string }[] = [];
    if (P.inlineSectionHint.test(text)) {
      for (const m of execAll(P.inlineSection, text)) {
        // "一、2017年工作回顾": a section marker when the words after it name a section.
        const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
        const end = P.clauseEnd.exec(after);
        if (P.sectionWords.test(end ? after.slice(0, end.index) : after)) switches.push({ at: m.index, heading: text.slice(m.index, m.index + 24) });
      }
    }
    let nextSwitch = 0;
    const state = newParagraphState(order);
    // （预计数，下同） carries 预计 to the paragraph's following sentences (the seeds' gold reads the
    // passage it speaks for as its paragraph).
    let paragraphEstimate = false;
    let s0 = 0;
    const ends = execAll(P.sentenceEnd, text).map((m) => m.index + m[0].length);
    if (ends[ends.length - 1] !== text.length) ends.push(text.length);
    for (const s1 of ends) {
      while (nextSwitch < switches.length && switches[nextSwitch]!.at < s1) {
        enter(switches[nextSwitch]!.heading);
        nextSwitch++;
      }
      const sentence = text.slice(s0, s1);
      const offset = s0;
      const opened = goalsOpened(sentence);
      if (opened && !goals) goals = goalsPeriod(opened.year, opening, section, meta);
      const sentenceSpan = spanNamed(sentence, meta);
      const ctx: SentenceContext = {
        doc,
        part,
        region,
        mode: goals !== null ? "plan" : section.mode,
        period: goals ?? section.period,
        reportYear: meta.reportYear,
        planYear: meta.planYear,
        reportSpan: reportSpan ?? carriedSpan ?? section.span ?? (sentenceSpan && !sentenceSpan.future ? spanText(sentenceSpan) : null),
        subPeriod: meta.subPeriod,
        estimate: paragraphEstimate,
        wordTargets: meta.type !== "five_year_plan",
        section: section.heading,
        rankScope,
        toRaw: (a, b) => rawRange(block.span, offset + a, offset + b),
      };
      drafts.push(...extractSentence(maskNotes(sentence), ctx, state));
      // （预计数，下同）carries 预计 on; a note such as （不含农户，下同） or （以下同） does not.
      if (section.mode === "result" && P.estimate.test(sentence) && P.sameBelow.test(sentence)) paragraphEstimate = true;
      s0 = s1;
    }
    order = state.order;
  }
  // Whose report it is unknown: its own figures would be a guess, so they are held back and the
  // document says so. Figures of places the text names (a county, a zone) stay. So are figures
  // whose year neither the text nor the document says.
  const unplaced = drafts.filter((d) => d.region === "").length;
  if (meta.regionName === null && unplaced > 0) meta.warnings.push(`${unplaced} figures of the report's own region are held back until its region is known`);
  const undated = drafts.filter((d) => d.region !== "" && d.period === "").length;
  if (undated > 0) meta.warnings.push(`${undated} figures are held back: the report does not say which year they are for`);
  return { meta, drafts: drafts.filter((d) => d.region !== "" && d.period !== ""), nextOrder: order };
}
