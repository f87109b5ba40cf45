// The state of one sentence being read, and the few operations every rule shares: open a
// mention draft, apply a figure to it, find where a clause or a list piece starts.
import { lastBoundary, lastClauseBoundary } from "./clauses.js";
import { emptyFigures, type Draft } from "../draft.js";
import type { Qualifier } from "../types.js";
import type { Token } from "./tokens.js";
import { kindAndPeriod } from "./when.js";
import { cleanName } from "./names.js";
import { P } from "../patterns.js";

/** What the surrounding document says about a sentence. */
export interface SentenceContext {
  doc: string;
  part: number;
  region: string;
  mode: "result" | "plan";
  /** Period for results and for targets when the sentence names no year. */
  period: string;
  reportYear: number | null;
  planYear: number | null;
  /** "2016-2020" when results cover a five-year span (年均, 累计). */
  reportSpan: string | null;
  /** Part of the year the whole document covers ("H1"), from its title. */
  subPeriod: string | null;
  estimate: boolean;
  wordTargets: boolean;
  section: string | null;
  rankScope: (written: string) => string | null;
  /** Clean sentence offsets → original offsets. */
  toRaw: (a: number, b: number) => [number, number];
}

/** Carried from sentence to sentence within a paragraph. */
export interface ParagraphState {
  /** The last thing named, for measure words (总投资, 产量) that need one. */
  subject: string | null;
  /** Subject of the previous sentence, parent of a following 其中 list. */
  lastSentenceSubject: string | null;
  /** The last development zone or park named, for "园区…" that refers back to it. */
  zone: string | null;
  estimateNext: boolean;
  order: number;
}

export function newParagraphState(order: number): ParagraphState {
  return { subject: null, lastSentenceSubject: null, zone: null, estimateNext: false, order };
}

/** A mention draft being filled, with its clean offsets in the sentence. */
export interface Building {
  draft: Draft;
  a: number;
  b: number;
}

export interface Place {
  at: number;
  name: string;
  /** A zone named only by its kind (工业园区), not a place of its own. */
  generic?: boolean;
}

/** One sentence being read. Rules read it and move it forward. */
export interface Scan {
  s: string;
  tokens: Token[];
  ctx: SentenceContext;
  para: ParagraphState;
  out: Building[];
  /** The draft that figures without a name of their own join. */
  cur: Building | null;
  /** End of what has been read. */
  prevEnd: number;
  /** The zone, town or county the clause is about, when not the document's region. */
  subRegion: Place | null;
  /** An event the figures after it belong to (成功举办…文化旅游节). */
  event: { name: string; end: number } | null;
  /** The total a 其中 list details (在建项目 of ⑴工业项目…). */
  parent: string | null;
  /** A qualifier before the first item of a 、 list (超额完成A…、B…). */
  listQualifier: Qualifier | null;
  /** A clause such as "工业园区标准化建设加快推进" names what the sentence's measures are about. */
  topic: Place | null;
  /** The last thing counted (签约项目 35 个): what 协议投资额/总投资 that follow belong to. */
  entity: Place | null;
  /** Part of the year the sentence opens with (上半年，…), or the document's. */
  subPeriod: string | null;
  /** The drafts of the last 分别 list, for a second 分别 that names nothing. */
  lastList: Building[] | null;
  estimateFromStart: boolean;
  estimateAt: number;
  /** Where a 力争 starts the targets of the rest of the sentence, -1 for none. */
  targetAt: number;
  /** The catalogued indicator the sentence opens on, once looked up (null: none). */
  opening?: string | null;
}

/** The stretch of text between the last figure read and the figure at hand. */
export interface Piece {
  gap: string;
  /** Start of the last list piece or clause before the figure (after 、 , ; :). */
  segStart: number;
  seg: string;
  segTrim: string;
  clauseStart: number;
  /** A boundary stands between the last figure and this one. */
  boundaryBefore: boolean;
}

export function pieceBefore(scan: Scan, t: Token): Piece {
  const gap = scan.s.slice(scan.prevEnd, t.start);
  const segStart = scan.prevEnd + lastBoundary(gap, gap.length);
  const seg = scan.s.slice(segStart, t.start);
  return {
    gap,
    segStart,
    seg,
    segTrim: seg.trim(),
    clauseStart: scan.prevEnd + lastClauseBoundary(gap, gap.length),
    boundaryBefore: segStart > scan.prevEnd || scan.prevEnd === 0,
  };
}

/** Opens a draft for `name` whose mention starts at `a`, dated by the figure `t`. */
export function open(scan: Scan, name: string, a: number, t: Token): Building {
  const { ctx } = scan;
  const timing = kindAndPeriod(scan, t.start, a, name, t.type === "growth" && t.basis === "annual_avg");
  const { kind, part } = timing;
  const period = spanOfGrowth(t, timing.period);
  const sub = scan.subRegion && scan.subRegion.at <= a ? scan.subRegion : null;
  // A zone named only by its kind (工业园区实现…) is the region's parks together: their figures
  // keep the region, under the zone's name, and are no headline of the region.
  const region = sub && !sub.generic ? sub.name : ctx.region;
  let finalName = region !== ctx.region && name.startsWith(region) ? cleanName(name.slice(region.length)) || name : name;
  let uncatalogued = false;
  if (sub?.generic) {
    finalName = name.startsWith(sub.name) ? name : sub.name + name;
    uncatalogued = true;
  }
  if (scan.event && scan.event.end <= t.start) {
    // A figure of an event (文化旅游节…接待游客) is the event's, not the region's headline.
    finalName = scan.event.name + finalName;
    uncatalogued = true;
  }
  const draft: Draft = {
    doc: ctx.doc,
    part: ctx.part,
    region,
    period,
    period_part: part,
    kind,
    name: finalName,
    uncatalogued,
    ...emptyFigures(),
    start: 0,
    end: 0,
    section: ctx.section,
    from_table: false,
    order: scan.para.order++,
  };
  const b: Building = { draft, a, b: t.end };
  scan.out.push(b);
  return b;
}

/**
 * The period growth covers when the text says: 两年平均增长 (the two years up to the figure's),
 * 比2010年增长 in 2015 (2011-2015); otherwise the figure's own period.
 */
export function spanOfGrowth(t: Token, period: string): string {
  if (t.type !== "growth" || !P.singleYear.test(period)) return period;
  const y = Number(period);
  if (t.years !== undefined) return `${y - t.years + 1}-${y}`;
  if (t.baseYear !== undefined && t.baseYear < y - 1) return `${t.baseYear + 1}-${y}`;
  return period;
}

export function applyToken(b: Building, t: Token, ctx: SentenceContext): void {
  const d = b.draft;
  switch (t.type) {
    case "value":
      d.value = t.value;
      d.unit = t.unit;
      d.value_qualifier = t.qualifier;
      break;
    case "growth":
      d.growth_pct = t.pct;
      d.growth_basis = t.basis;
      d.growth_qualifier = t.qualifier;
      if (t.upper !== undefined && d.target_text === null) d.target_text = t.text ?? `${Math.abs(t.pct)}%-${Math.abs(t.upper)}%`;
      // Growth against a named year (较2019年增长12%) is over several years unless that year is the last one.
      if (t.baseYear !== undefined && P.singleYear.test(d.period) && Number(d.period) - 1 !== t.baseYear) d.growth_basis = "cumulative";
      // Growth over a span that is not a yearly average (五年累计增长30.8%) is cumulative.
      if (t.basis === "yoy" && !P.singleYear.test(d.period) && d.period_part === null) d.growth_basis = "cumulative";
      break;
    case "rank":
      d.rank = t.rank;
      d.rank_scope = ctx.rankScope(t.scope);
      break;
    case "word":
      // 高于全市平均 beside a result compares it; only a target is set in such words.
      if (P.comparativeWord.test(t.text) && d.kind !== "target") break;
      d.target_text = t.text;
      break;
    case "range":
      d.target_text = t.text;
      break;
    default:
      break;
  }
  b.b = Math.max(b.b, t.end);
}

/** Whether a figure with no name of its own can still join the draft (it has no such figure yet). */
export function canAttach(d: Draft, t: Token): boolean {
  switch (t.type) {
    case "value":
      return d.value === null;
    case "growth":
      return d.growth_pct === null;
    case "rank":
      return d.rank === null;
    case "word":
      return d.target_text === null && d.value === null;
    default:
      return false;
  }
}
