// One sentence → mention drafts. The tokenizer finds the figures; this module decides which
// name each figure belongs to, in the ways reports write them:
//   name-first    地区生产总值 386.42 亿元、增长 3.6%，增速居湛江市第三
//   number-first  10 家企业通过高新技术认定 · 新招录 54 名“三支一扶”人员
//   continuation  figures with no name of their own join the last one (增长…, 增速居…)
//   measures      总投资/产量/完成投资 take the subject before them (粮食…产量 → 粮食产量)
//   lists         城市、农村…分别提高到 857 元、600 元 · A和B…各1个 · 三次产业比重 a:b:c
import { P, execAll, afterLast, BOUNDARY_CHARS, CLAUSE_BOUNDARY_CHARS } from "../patterns.js";
import { WORDS, QUALIFIER_PREFIX, unitInfo } from "../lexicon/lexicon.js";
import { resolveIndicator } from "../lexicon/catalogue.js";
import { regionsNamed, findRegionNames } from "../lexicon/regions.js";
import { tokenize, type Token } from "./tokens.js";
import { cleanName, isName, isVerbOnly, isGenericMeasure, topicOf, measureNoun, underParent } from "./names.js";
import { distribute } from "./lists.js";
import { emptyFigures, hasFigure, type Draft } from "../draft.js";
import type { Kind, Qualifier } from "../types.js";

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

export interface Building {
  draft: Draft;
  /** Clean offsets of the mention in the sentence. */
  a: number;
  b: number;
}

export type Opener = (name: string, a: number, t: Token) => Building;

const RATIO_GROUPS = WORDS.ratioGroups;

export function extractSentence(s: string, ctx: SentenceContext, state: ParagraphState): Draft[] {
  noteZones(s, state);
  const startsWithChildren = P.childrenStart.test(s);
  // 其中… and the 三次产业 structure that follow a 预计 sentence are estimates too.
  const continues = startsWithChildren || RATIO_GROUPS.some((g) => s.includes(g.trigger) && P.ratioAny.test(s));
  const estimateFromStart = ctx.estimate || (state.estimateNext && continues);
  const estimateAt = P.estimate.exec(s)?.index ?? -1;
  state.estimateNext = ctx.mode === "result" && (estimateAt >= 0 || (estimateFromStart && continues));
  const sentenceSubjectBefore = state.subject;
  if (!P.mayHaveFigure.test(s)) {
    state.lastSentenceSubject = state.subject;
    return [];
  }
  const tokens = tokenize(s);
  const out: Building[] = [];
  const hypo = P.hypothetical.exec(s);
  const cutoff = P.singularEntity.test(s) ? 0 : hypo ? hypo.index : s.length;
  const event = eventOf(s, tokens);

  let cur: Building | null = null;
  let prevEnd = 0;
  let subRegion: { at: number; name: string } | null = null;
  let parent: string | null = startsWithChildren ? state.lastSentenceSubject : null;
  let listQualifier: Qualifier | null = null;
  /** A clause such as "工业园区标准化建设加快推进" names what the sentence's measures are about. */
  let topic: { name: string; at: number } | null = null;
  /** The last thing counted (签约项目 35 个): what 协议投资额/总投资 that follow belong to. */
  let entity: { name: string; at: number } | null = null;

  const kindAt = (pos: number, nameStart: number, name: string, annual: boolean): { kind: Kind; period: string } => {
    const clauseStart = lastClauseBoundary(s, nameStart);
    const year = yearBetween(s, clauseStart, pos);
    const cumulative = annual || P.spanMarker.test(name) || P.cumulativeWord.test(s.slice(lastBoundary(s, nameStart), pos)) || P.fiveYear.test(s.slice(lastClauseBoundary(s, nameStart), pos));
    const estimate = estimateFromStart || (estimateAt >= 0 && estimateAt < pos);
    if (ctx.mode === "plan") {
      if (year !== null && ctx.planYear !== null && year < ctx.planYear) return { kind: estimate ? "estimate" : "actual", period: String(year) };
      return { kind: "target", period: year !== null ? String(year) : ctx.period };
    }
    if (year !== null && ctx.reportYear !== null && year > ctx.reportYear) return { kind: "target", period: String(year) };
    const spanPeriod = cumulative && year === null && ctx.reportSpan !== null;
    const period = year !== null ? String(year) : spanPeriod ? ctx.reportSpan! : ctx.period;
    if (estimate && !spanPeriod) return { kind: "estimate", period };
    if (P.resultTarget.test(s.slice(clauseStart, pos)) || P.planName.test(name)) return { kind: "target", period };
    return { kind: "actual", period };
  };

  const open: Opener = (name, a, t) => {
    const { kind, period } = kindAt(t.start, a, name, t.type === "growth" && t.basis === "annual_avg");
    const region = subRegion && subRegion.at <= a ? subRegion.name : ctx.region;
    let finalName = region !== ctx.region && name.startsWith(region) ? cleanName(name.slice(region.length)) || name : name;
    let uncatalogued = false;
    if (event && event.end <= t.start) {
      // A figure of an event (文化旅游节…接待游客) is the event's, not the region's headline.
      finalName = event.name + finalName;
      uncatalogued = true;
    }
    const draft: Draft = {
      doc: ctx.doc,
      part: ctx.part,
      region,
      period,
      kind,
      name: finalName,
      uncatalogued,
      ...emptyFigures(),
      start: 0,
      end: 0,
      section: ctx.section,
      from_table: false,
      order: state.order++,
    };
    const b: Building = { draft, a, b: t.end };
    out.push(b);
    return b;
  };

  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.start >= cutoff) break;
    const gap = s.slice(prevEnd, t.start);
    const segStart = prevEnd + lastBoundary(gap, gap.length);
    const seg = s.slice(segStart, t.start);
    const segTrim = seg.trim();
    const clauseStart = prevEnd + lastClauseBoundary(gap, gap.length);
    const t0 = noteTopics(gap);
    if (t0) topic = { name: t0, at: prevEnd };
    if (P.itemEnumeratorTest.test(gap)) parent = null;
    if (P.childrenMarker.test(gap)) parent = state.subject ?? parent;
    if (P.clauseBoundaryChar.test(gap)) listQualifier = s[segStart - 1] === "、" ? listQualifier : null;
    // A zone or town that opens a clause is the subject of the rest of the sentence.
    if (!subRegion || clauseStart > subRegion.at) subRegion = subjectRegion(s.slice(clauseStart, clauseStart + 40), clauseStart, state, ctx.region) ?? subRegion;
    const boundaryBefore = segStart > prevEnd || prevEnd === 0;
    const next = tokens[k + 1];

    if (t.type === "skip") {
      prevEnd = t.end;
      continue;
    }
    if (t.type === "ratio") {
      prevEnd = t.end;
      if (P.ratioFrom.test(s.slice(Math.max(0, t.start - 1), t.start))) continue;
      // A ratio's own colons are not clause ends: look back a fixed stretch for 三次产业.
      const before = s.slice(Math.max(0, t.start - 40), t.start);
      const group = RATIO_GROUPS.find((g) => before.includes(g.trigger));
      if (!group) continue;
      group.items.forEach((item, i) => {
        const b = open(item, clauseStart, t);
        b.draft.value = t.parts[i] ?? null;
        b.draft.unit = "%";
      });
      cur = null;
      continue;
    }
    if (t.type === "value" && next?.type === "value") {
      const between = s.slice(t.end, next.start);
      // 1000万元以上项目30个, 收入超50万元村达40%: a size class inside the next figure's name.
      if (t.qualifier !== null && t.qualifier !== "about" && between.length > 0 && P.nameOnly.test(between)) continue;
      // 从每人每月99元提高到107元: the figure is where it got to. A starting point with a year of
      // its own (由2015年的320亿元增加到2020年的468亿元) is that year's figure.
      if (P.changeFrom.test(seg) && P.changeTo.test(between)) {
        const name = cleanName(seg.replace(P.changeFrom, ""));
        if (isName(name)) {
          if (P.yearOnce.test(seg.slice(seg.search(P.changeFrom)))) applyToken(open(name, segStart, t), t, ctx);
          cur = open(name, segStart, next);
          applyToken(cur, next, ctx);
          state.subject = name;
          prevEnd = next.end;
          k++;
          continue;
        }
      }
    }

    let name = cleanName(seg);
    // The clause's subject place is the region, not part of the name: 沙塘工业集聚区着重抓好….
    if (subRegion && subRegion.at <= segStart && name.startsWith(subRegion.name)) name = cleanName(name.slice(subRegion.name.length));
    if (regionsNamed(name).length > 0) name = "";
    if (t.type === "value" && P.absoluteChange.test(name)) {
      prevEnd = t.end;
      continue;
    }
    // 1.在建项目:共174个 — a label before a colon names the figure after it.
    if (!isName(name) && s[segStart - 1] === ":") {
      const label = s.slice(Math.max(prevEnd, lastBoundary(s, segStart - 1)), segStart - 1);
      if (isName(cleanName(label))) name = cleanName(label);
    }
    // 超额完成播种面积2.9万亩: a qualifier written before the name.
    let leadQualifier: Qualifier | null = null;
    const lq = P.leadingQualifier.exec(name);
    if (lq && name.length > lq[0].length + 1) {
      leadQualifier = QUALIFIER_PREFIX[lq[0]] ?? null;
      name = name.slice(lq[0].length);
    }
    // 占全市公共财政支出86.5%: a share of the figure before it.
    if (P.shareGap.test(segTrim) && cur) name = `${cur.draft.name}占${cleanName(segTrim.slice(1)).replace(P.scopePrefix, "")}比重`;
    // 获全省基本公卫服务评价第4名: the rank clause names its own indicator.
    if (t.type === "rank" && t.name && !isName(name)) name = cleanName(t.name);

    if (t.type === "value" && t.threshold) {
      // 突破500亿元大关: a threshold passed, not the figure stated.
      prevEnd = t.end + 2;
      if (isName(name) && (!cur || name !== cur.draft.name)) cur = open(name, segStart, t);
      continue;
    }

    // Values stated back to back share one name: 5条360户, 4802户12242人.
    const group: Token[] = [t];
    if (t.type === "value") {
      while (k + group.length < tokens.length) {
        const nx = tokens[k + group.length]!;
        if (nx.type !== "value" || nx.start !== group[group.length - 1]!.end) break;
        group.push(nx);
      }
    }
    const last = group[group.length - 1]!;

    // 分别 / 各 / 均: one figure per listed name.
    if ((t.type === "value" || t.type === "growth") && (P.distributive.test(seg) || P.eachSuffix.test(segTrim))) {
      const handled = distribute(s, k, tokens, segTrim, clauseStart, open, applyToken, ctx);
      if (handled) {
        k = handled.lastIndex;
        prevEnd = tokens[k]!.end;
        cur = handled.cur;
        continue;
      }
    }

    // Number-first: the thing counted is named after the number.
    let after: NounAfter = { text: "", end: last.end, skip: 0 };
    if (t.type === "value" || t.type === "range") after = nounAfter(s, last.end, tokens, k + group.length);
    const countable = t.type === "value" && unitInfo(t.unit)?.countable === true;
    const numberFirst =
      after.text.length > 0 &&
      (t.type === "range" || !isName(name) || isVerbOnly(name) || segTrim.endsWith("的") || P.examplesMarker.test(segTrim) || (countable && !boundaryBefore && !cur));

    if (numberFirst) {
      const verb = P.nameVerbPrefix.exec(cleanName(segTrim.replace(P.trailingDe, "")))?.[0] ?? "";
      const lead = segTrim.endsWith("的") && isName(name) ? cleanName(segTrim) + "的" : verb;
      let full = lead + after.text;
      if (parent && P.childEnumerator.test(seg) && !resolveIndicator(full, { unit: null, fromTable: false }).id) full = underParent(parent, full);
      group.forEach((g, i) => {
        const b = open(group.length > 1 ? full + measureNoun(g.type === "value" ? g.unit : null) : full, segStart, g);
        applyToken(b, g, ctx);
        if (g.type === "range") b.draft.target_text = (verb + g.text).trim();
        if (i === group.length - 1) b.b = Math.max(b.b, after.end);
        cur = b;
      });
      state.subject = full;
      entity = { name: full, at: t.start };
      prevEnd = after.end;
      k += group.length - 1 + after.skip;
      continue;
    }

    // 签约15.93万人: only a verb before the number and nothing after it.
    if (isVerbOnly(name) && t.type === "value" && measureNoun(t.unit).length > 1) name = name.replace(P.scopePrefix, "") + measureNoun(t.unit);

    if (isName(name) && !P.stopName.test(name)) {
      const bare = name.replace(P.spanPrefix, "");
      let full: string;
      if (isGenericMeasure(bare)) {
        // 总投资 / 产量 / 年均投资 belong to the subject before them.
        const latest = topic && (!entity || topic.at >= entity.at) ? topic.name : entity?.name ?? null;
        const subject = (P.entityMeasure.test(bare) ? latest : null) ?? state.subject ?? catalogueSubject(s.slice(lastClauseBoundary(s, lastClauseBoundary(s, segStart) - 1), segStart));
        // Keep what the measure says (计划投资, not 投资); only the year and scope go.
        const written = segTrim.replace(P.leadingYear, "").replace(P.scopePrefix, "");
        const measure = isGenericMeasure(written) ? written : bare;
        full = subject ? (subject.endsWith(bare) ? subject : topicOf(subject) + measure) : name;
      } else {
        full = parent && P.childEnumerator.test(s.slice(Math.max(0, segStart - 3), segStart + 1)) && !resolveIndicator(name, { unit: null, fromTable: false }).id ? underParent(parent, name) : name;
        if (!P.shareGap.test(segTrim)) state.subject = full;
        if (countable) entity = { name: full, at: t.start };
      }
      const isTarget = P.targetName.test(full);
      if (isTarget) full = full.replace(P.targetName, "");
      const completion = P.completionGap.test(segTrim) && t.type === "value" && t.unit === "%";
      if (completion) {
        // 完成全年任务的157%: the rate belongs to what the sentence counted before it.
        const object = cleanName(segTrim.slice(2, -1));
        // The last figure's name, or the entity it measured (重点建设项目 of 重点建设项目完成投资).
        const last = cur?.draft.name ?? entity?.name ?? "";
        const subject = entity && last.startsWith(entity.name) ? entity.name : last;
        full = (subject.includes(object) ? subject : subject + object) + "完成率";
      }
      cur = open(full, segStart, t);
      if (isTarget) cur.draft.kind = "target";
      if (completion && cur.draft.kind === "target") cur.draft.kind = "actual";
      group.forEach((g, i) => {
        if (i === 0) applyToken(cur!, g, ctx);
        else applyToken(open(cur!.draft.name + measureNoun(g.type === "value" ? g.unit : null), segStart, g), g, ctx);
      });
      // A qualifier before the first item of a 、 list holds for the items after it.
      if (t.type === "value") {
        if (leadQualifier && cur.draft.value_qualifier === null) cur.draft.value_qualifier = leadQualifier;
        if (s[segStart - 1] === "、") {
          if (cur.draft.value_qualifier === null) cur.draft.value_qualifier = listQualifier;
        } else listQualifier = leadQualifier;
      }
      prevEnd = last.end;
      k += group.length - 1;
      continue;
    }

    // No name of its own: the figure continues the last one.
    if (cur && canAttach(cur.draft, t)) {
      applyToken(cur, t, ctx);
    } else if (cur && t.type === "value" && cur.draft.value !== null) {
      const sameClass = unitInfo(t.unit)?.class === unitInfo(cur.draft.unit)?.class;
      // 新增限上企业27家,累计达179家: the running total of the same thing.
      if (sameClass && P.cumulativeGap.test(seg)) applyToken(open(cur.draft.name.replace(P.nameVerbPrefix, "") + "累计", segStart, t), t, ctx);
      else if (!sameClass) applyToken(open(cur.draft.name + measureNoun(t.unit), cur.a, t), t, ctx);
    }
    prevEnd = last.end;
    k += group.length - 1;
  }

  state.lastSentenceSubject = state.subject ?? sentenceSubjectBefore;
  disambiguateNames(s, out);
  const drafts: Draft[] = [];
  for (const b of out) {
    const d = b.draft;
    if (!hasFigure(d) || !isName(d.name) || P.stopName.test(d.name)) continue;
    if (d.target_text !== null && d.value === null && d.growth_pct === null && !(ctx.wordTargets && d.kind === "target")) continue;
    const [start, end] = ctx.toRaw(b.a, Math.max(b.b, b.a + 1));
    d.start = start;
    d.end = end;
    drafts.push(d);
  }
  return drafts;
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
      break;
    case "rank":
      d.rank = t.rank;
      d.rank_scope = ctx.rankScope(t.scope);
      break;
    case "word":
    case "range":
      d.target_text = t.text;
      break;
    default:
      break;
  }
  b.b = Math.max(b.b, t.end);
}

function canAttach(d: Draft, t: Token): boolean {
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

/** Offset just after the last boundary (、 included) before pos. */
// Scans back from pos, so the cost is the clause's length, not the sentence's.
export function lastBoundary(s: string, pos: number): number {
  return afterLast(s, pos, BOUNDARY_CHARS);
}
export function lastClauseBoundary(s: string, pos: number): number {
  return afterLast(s, Math.max(0, pos), CLAUSE_BOUNDARY_CHARS);
}

/** The year a clause names before a figure, outside 《》 and quotes ("2023年以来" is not a period). */
function yearBetween(s: string, from: number, pos: number): number | null {
  const text = s.slice(from, pos).replace(P.quoted, (q) => " ".repeat(q.length));
  let year: number | null = null;
  for (const m of execAll(P.year, text)) {
    if (P.yearNotPeriod.test(text.slice(m.index + m[0].length))) continue;
    year = Number(m[1]);
  }
  return year;
}

interface NounAfter {
  text: string;
  end: number;
  /** Tokens inside the noun phrase ("4个投资分别超100亿美元的重大产业项目"), skipped as figures. */
  skip: number;
}

/** The noun phrase right after a number: "10 家企业通过高新技术认定" → 企业通过高新技术认定. */
function nounAfter(s: string, from: number, tokens: Token[], nextIndex: number): NounAfter {
  const none: NounAfter = { text: "", end: from, skip: 0 };
  let i = from;
  if (s[i] === "的") i++;
  const noise = P.afterNounNoise.exec(s.slice(i, i + 4));
  if (noise) i += noise[0].length;
  let skip = 0;
  let text = "";
  let end = i;
  for (;;) {
    const limit = tokens[nextIndex + skip]?.start ?? s.length;
    const m = P.nameChars.exec(s.slice(end, limit));
    let piece = m ? m[0] : "";
    // 省、市重点项目: a one-character list inside the name.
    while (piece.length > 0 && text.length + piece.length <= 2 && s[end + piece.length] === "、" && P.nameChars.test(s.slice(end + piece.length + 1, limit))) {
      piece += "、" + P.nameChars.exec(s.slice(end + piece.length + 1, limit))![0];
    }
    text += piece;
    end += piece.length;
    const nt = tokens[nextIndex + skip];
    // A value with 的 after it is part of the name: 超100亿美元的重大产业项目.
    if (nt && end === nt.start && nt.type === "value" && s[nt.end] === "的" && nt.qualifier !== null && nt.qualifier !== "about") {
      text += s.slice(nt.start, nt.end + 1);
      end = nt.end + 1;
      skip++;
      continue;
    }
    break;
  }
  // Runs into the next figure: "53 个重点建设项目完成投资 68.39 亿元" → keep "重点建设项目".
  if (end === (tokens[nextIndex + skip]?.start ?? -1)) {
    for (const measure of WORDS.genericMeasures) {
      if (text.length > measure.length && text.endsWith(measure)) {
        text = text.slice(0, text.length - measure.length);
        while (P.measureLead.test(text)) text = text.replace(P.measureLead, "");
        end = i + text.length;
        break;
      }
    }
  }
  text = text.replace(P.trailingListSep, "");
  if (text.length < 2 || P.leadingNoise.test(text) || P.leadingYear.test(text) || P.startsWithDigit.test(text) || !P.hasCjk2.test(text)) return none;
  return { text, end, skip };
}

/** A catalogued indicator that opens a clause with no figure: "固定资产投资有效扩大,年均投资超1000亿元". */
function catalogueSubject(before: string): string | null {
  const clauses = before.split(P.clauseBoundaryChar);
  for (let i = clauses.length - 1; i >= 0 && i >= clauses.length - 2; i--) {
    const c = cleanName(clauses[i]!);
    for (let len = Math.min(12, c.length); len >= 2; len--) {
      const r = resolveIndicator(c.slice(0, len), { unit: null, fromTable: false });
      if (r.id) return r.name;
    }
  }
  return null;
}

/**
 * Two figures of one sentence under the same name ("城市低保保障…,累计发放低保金670.8万元；
 * 农村低保保障…,累计发放低保金320.2万元") take what tells their ;-groups apart (城市/农村).
 */
function disambiguateNames(s: string, out: Building[]): void {
  if (new Set(out.map((b) => b.draft.name)).size === out.length) return;
  const byName = new Map<string, Building[]>();
  for (const b of out) {
    const k = `${b.draft.name}|${b.draft.period}|${b.draft.kind}|${b.draft.region}`;
    byName.set(k, [...(byName.get(k) ?? []), b]);
  }
  for (const list of byName.values()) {
    // Two to a few figures under one name; a long run of them is not a case of this.
    if (list.length < 2 || list.length > 8) continue;
    const subjects = list.map((b) => {
      const groupStart = s.lastIndexOf(";", b.a) + 1;
      return out.find((o) => o.a >= groupStart && o.a <= b.a)?.draft.name ?? "";
    });
    if (new Set(subjects).size !== subjects.length) continue;
    let common = 0;
    while (subjects.every((x) => x.length > common && x[x.length - 1 - common] === subjects[0]![subjects[0]!.length - 1 - common])) common++;
    list.forEach((b, i) => {
      const prefix = subjects[i]!.slice(0, subjects[i]!.length - common);
      if (prefix && !b.draft.name.startsWith(prefix)) b.draft.name = prefix + b.draft.name;
    });
  }
}

/** 工业园区标准化建设加快推进,…: a clause that names a topic and says how it goes. */
function noteTopics(gap: string): string | null {
  const clauses = gap.split(P.clauseBoundaryChar);
  clauses.pop(); // the last piece runs into the figure
  let topic: string | null = null;
  for (const c of clauses) {
    const m = P.topicClause.exec(cleanName(c));
    if (m && isName(cleanName(m[1]!))) topic = cleanName(m[1]!);
  }
  return topic;
}

const EVENT_NOUNS = [...WORDS.eventNouns].sort((a, b) => b.length - a.length);

/**
 * "成功举办 2023 年文化旅游节系列活动，接待游客 48.69 万人次": a clause that holds an event
 * and no figure of its own; the figures after it in the sentence are the event's.
 */
function eventOf(s: string, tokens: Token[]): { name: string; end: number } | null {
  const verb = P.eventVerb.exec(s);
  if (!verb) return null;
  const from = verb.index + verb[0].length;
  const boundary = P.clauseBoundaryChar.exec(s.slice(from));
  const end = boundary ? from + boundary.index : s.length;
  const clause = s.slice(from, Math.min(end, from + 30));
  let cut = -1;
  for (const noun of EVENT_NOUNS) {
    const at = clause.lastIndexOf(noun);
    if (at >= 2 && at + noun.length > cut) cut = at + noun.length;
  }
  if (cut < 0 || tokens.some((t) => t.start >= verb.index && t.end <= end)) return null;
  return { name: cleanName(clause.slice(0, cut)), end };
}

/** Development zones and parks named in a sentence, for a later "园区…" that refers back. */
function noteZones(s: string, state: ParagraphState): void {
  // The full pattern is costly; look only where a zone suffix stands.
  if (!P.zoneSuffixAny.test(s)) return;
  for (const m of execAll(P.zoneName, s)) state.zone = m[1]!;
}

/** 雷州经济开发区全年实现… / 龙门镇完成… / 园区在建项目… : the place a clause is about. */
function subjectRegion(clause: string, at: number, state: ParagraphState, ownRegion: string): { at: number; name: string } | null {
  const c = clause.replace(P.clauseLead, "");
  const zone = P.zoneSubject.exec(c) ?? P.townSubject.exec(c) ?? (at === 0 ? P.zoneOpening.exec(c) : null);
  if (zone) return { at, name: zone[1]! };
  if (state.zone && P.zoneAnaphora.test(c)) return { at, name: state.zone };
  // 其中雷州市完成地区生产总值… in a city's report: a county or city named as the subject.
  const head = c.replace(P.childrenLead, "");
  const hit = findRegionNames(head.slice(0, 14))[0];
  if (hit && hit.index === 0 && hit.region.name !== ownRegion) {
    const rest = head.slice(hit.length);
    if (P.subjectVerbStart.test(rest) || catalogueSubject(rest.replace(P.leadingNoise, "")) !== null) return { at, name: hit.region.name };
  }
  return null;
}
