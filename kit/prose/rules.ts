// The rules that give each figure its name, tried in order for every figure of a sentence.
// A rule returns the index of the last token it consumed, or null to let the next rule try.
//   ratio         三次产业比重…调整为21.8:45.3:32.9
//   pair          1000万元以上项目30个 (a size class in a name) · 从99元提高到107元 (where it got to)
//   fromTo        由2017年的398亿元增加到2022年的512.6亿元 (one measure at two dates)
//   threshold     首次突破500亿元大关,达521.5亿元
//   list          城市、农村…分别… · A和B…各1个 (lists.ts)
//   numberFirst   10 家企业通过高新技术认定 · 新招录 54 名“三支一扶”人员
//   nameFirst     地区生产总值 386.42 亿元 · 粮食…产量 (measure words take their subject)
//   continuation  …、增长 3.6%，增速居湛江市第三 (figures with no name of their own)
import { P } from "../patterns.js";
import { WORDS, QUALIFIER_PREFIX, unitInfo } from "../lexicon/lexicon.js";
import { catalogueEntry, resolveIndicator } from "../lexicon/catalogue.js";
import { regionsNamed } from "../lexicon/regions.js";
import type { Qualifier } from "../types.js";
import type { Token } from "./tokens.js";
import { cleanName, isName, isVerbOnly, isGenericMeasure, topicOf, measureNoun, underParent } from "./names.js";
import { distribute } from "./lists.js";
import { nounAfter, type NounAfter } from "./nouns.js";
import { catalogueSubject } from "./about.js";
import { lastBoundary, lastClauseBoundary } from "./clauses.js";
import { applyToken, canAttach, open, spanOfGrowth, type Piece, type Scan } from "./scan.js";
import { yearBetween } from "./when.js";

const RATIO_GROUPS = WORDS.ratioGroups;

/** The name written before a figure, and a qualifier written before that name. */
export interface Named {
  name: string;
  leadQualifier: Qualifier | null;
}

export function ratio(scan: Scan, k: number, piece: Piece): number | null {
  const t = scan.tokens[k]!;
  if (t.type !== "ratio") return null;
  const { s } = scan;
  scan.prevEnd = t.end;
  if (P.ratioFrom.test(s.slice(Math.max(0, t.start - 1), t.start))) return k; // the "from" of 由…调整为
  // A ratio's own colons are not clause ends: look back a fixed stretch for 三次产业.
  const before = s.slice(Math.max(0, t.start - 40), t.start);
  const group = RATIO_GROUPS.find((g) => before.includes(g.trigger));
  if (!group) return k;
  group.items.forEach((item, i) => {
    const b = open(scan, item, piece.clauseStart, t);
    b.draft.value = t.parts[i] ?? null;
    b.draft.unit = "%";
  });
  scan.cur = null;
  return k;
}

/** Two values in a row where the first is not a figure of its own. */
export function pair(scan: Scan, k: number, piece: Piece): number | null {
  const t = scan.tokens[k]!;
  const next = scan.tokens[k + 1];
  if (t.type !== "value" || next?.type !== "value") return null;
  const between = scan.s.slice(t.end, next.start);
  // 1000万元以上项目30个, 收入超50万元村达40%: a size class inside the next figure's name.
  if (t.qualifier !== null && t.qualifier !== "about" && between.length > 0 && P.nameOnly.test(between)) return k;
  // 从每人每月99元提高到107元: the figure is where it got to. A starting point with a year of its
  // own (由2015年的320亿元增加到2020年的468亿元) is that year's figure.
  if (P.changeFrom.test(piece.seg) && P.changeTo.test(between)) {
    const name = cleanName(piece.seg.replace(P.changeFrom, ""));
    if (!isName(name)) return null;
    const from = piece.seg.slice(piece.seg.search(P.changeFrom));
    scan.cur = open(scan, name, piece.segStart, next);
    // Where it started: the year the clause names; 上年 (the year before); or, in a five-year
    // review, the year before the span (从11.37万亿元提高到14.58万亿元). Otherwise unsaid.
    const end = scan.cur.draft.period;
    const span = scan.ctx.reportSpan;
    const startYear = P.yearOnce.test(from)
      ? null
      : P.lastYearWord.test(from) && P.singleYear.test(end)
        ? String(Number(end) - 1)
        : span && P.singleYear.test(end) && span.endsWith(`-${end}`)
          ? String(Number(span.slice(0, 4)) - 1)
          : undefined;
    if (startYear !== undefined) {
      const b = open(scan, name, piece.segStart, t);
      if (startYear !== null) b.draft.period = startYear;
      applyToken(b, t, scan.ctx);
      b.b = next.end;
    }
    applyToken(scan.cur, next, scan.ctx);
    scan.para.subject = name;
    scan.prevEnd = next.end;
    return k + 1;
  }
  return null;
}

/** The name before a figure, cleaned; "" when there is none. */
export function nameBefore(scan: Scan, t: Token, piece: Piece): Named | "skip" {
  const { s, cur } = scan;
  const { segStart, segTrim } = piece;
  let name = cleanName(piece.seg);
  // The clause's subject place is the region, not part of the name: 沙塘工业集聚区着重抓好….
  const sub = scan.subRegion;
  if (sub && sub.at <= segStart && name.startsWith(sub.name)) name = cleanName(name.slice(sub.name.length));
  else if (scan.ctx.region && name.startsWith(scan.ctx.region)) name = cleanName(name.slice(scan.ctx.region.length));
  if (regionsNamed(name).length > 0) name = "";
  // 比上年末增加0.1万人: an absolute change, not a level.
  if (t.type === "value" && P.absoluteChange.test(name)) return "skip";
  // 1.在建项目:共174个 — a label before a colon names the figure after it.
  if (!isName(name) && s[segStart - 1] === ":") {
    const label = cleanName(s.slice(Math.max(scan.prevEnd, lastBoundary(s, segStart - 1)), segStart - 1));
    if (isName(label)) name = label;
  }
  // 超额完成播种面积2.9万亩: a qualifier written before the name.
  let leadQualifier: Qualifier | null = null;
  const lq = P.leadingQualifier.exec(name);
  if (lq && name.length > lq[0].length + 1) {
    leadQualifier = QUALIFIER_PREFIX[lq[0]] ?? null;
    name = name.slice(lq[0].length);
  }
  // 占全市公共财政支出86.5%: a share of the figure before it.
  // A second share (…，占全县财政支出80.2%) is of the same base, not of the first share.
  if (P.shareGap.test(segTrim) && cur) name = `${cur.draft.name.replace(P.shareName, "")}占${cleanName(segTrim.slice(1)).replace(P.scopePrefix, "").replace(P.shareSuffix, "")}比重`;
  // 获全省基本公卫服务评价第4名: the rank clause names its own indicator.
  if (t.type === "rank" && t.name && !isName(name)) name = cleanName(t.name);
  // …增长3.9%、总量连续37年居全国首位: what is ranked is the last figure's (its total, its growth).
  if (t.type === "rank" && scan.cur && P.rankSubjectLead.test(name)) name = "";
  return { name, leadQualifier };
}

/**
 * 突破500亿元大关, 迈上3万亿元台阶: a threshold passed. It stands for the level (at least, or more
 * than with 突破) until an exact figure follows (…大关，达521.5亿元), which replaces it.
 */
export function threshold(scan: Scan, k: number, piece: Piece, named: Named): number | null {
  const t = scan.tokens[k]!;
  if (t.type !== "value" || !t.threshold) return null;
  scan.prevEnd = t.end + 2;
  const name = P.thresholdVerb.test(named.name) ? "" : named.name;
  if (isName(name) && (!scan.cur || name !== scan.cur.draft.name)) scan.cur = open(scan, name, piece.segStart, t);
  const cur = scan.cur;
  if (cur && cur.draft.value === null) {
    applyToken(cur, t, scan.ctx);
    cur.draft.value_qualifier ??= "at_least";
    cur.b = Math.max(cur.b, scan.prevEnd);
  }
  return k;
}

/** Values stated back to back share one name: 5条360户, 4802户12242人. */
export function valueGroup(scan: Scan, k: number): Token[] {
  const t = scan.tokens[k]!;
  const group: Token[] = [t];
  if (t.type !== "value") return group;
  while (k + group.length < scan.tokens.length) {
    const nx = scan.tokens[k + group.length]!;
    if (nx.type !== "value" || nx.start !== group[group.length - 1]!.end) break;
    group.push(nx);
  }
  return group;
}

/**
 * 城市、农村…分别…, A和B…各1个: one figure per listed name. Also figures with no name in a row
 * after as many named ones: …42038元，…20366元，同比增长5.3%和6.4%.
 */
export function list(scan: Scan, k: number, piece: Piece): number | null {
  const t = scan.tokens[k]!;
  if (t.type !== "value" && t.type !== "growth" && t.type !== "rank") return null;
  const next = scan.tokens[k + 1];
  const joined = next !== undefined && P.listJoin.test(scan.s.slice(t.end, next.start));
  const unnamedRun = t.type === "growth" && joined && !isName(cleanName(piece.seg)) && (next.type === "growth" || (next.type === "value" && next.unit === "%"));
  // 城镇和农村居民人均可支配收入4.2万元和2.1万元: listed names, then as many figures, with no 分别.
  const namedRun = joined && next.type === t.type && P.listSplit.test(cleanName(piece.segTrim));
  if (!(P.distributive.test(piece.seg) || P.eachSuffix.test(piece.segTrim) || unnamedRun || namedRun)) return null;
  const handled = distribute(scan.s, k, scan.tokens, piece.segTrim, piece.clauseStart, (name, a, tok) => open(scan, name, a, tok), applyToken, scan.ctx, scan.lastList, scan.out);
  if (!handled) return null;
  scan.prevEnd = scan.tokens[handled.lastIndex]!.end;
  scan.cur = handled.cur;
  scan.lastList = handled.drafts;
  return handled.lastIndex;
}

/** 由2017年的398亿元增加到2022年的512.6亿元: the measure just named, at two dates. */
export function fromTo(scan: Scan, k: number, piece: Piece): number | null {
  const t = scan.tokens[k]!;
  const next = scan.tokens[k + 1];
  if (t.type !== "value" || next?.type !== "value" || !P.fromYear.test(piece.segTrim) || !P.toYear.test(scan.s.slice(t.end, next.start))) return null;
  const name = scan.cur?.draft.name ?? scan.para.subject;
  if (!name) return null;
  applyToken(open(scan, name, piece.segStart, t), t, scan.ctx);
  const to = open(scan, name, t.end, next);
  applyToken(to, next, scan.ctx);
  scan.cur = to;
  scan.prevEnd = next.end;
  return k + 1;
}

/** 10 家企业通过高新技术认定: the thing counted is named after the number. */
export function numberFirst(scan: Scan, k: number, piece: Piece, named: Named, group: Token[]): number | null {
  const t = scan.tokens[k]!;
  const last = group[group.length - 1]!;
  let after: NounAfter = { text: "", end: last.end, skip: 0 };
  if (t.type === "value" || t.type === "range") after = nounAfter(scan.s, last.end, scan.tokens, k + group.length);
  if (after.text.length === 0) return null;
  const { name } = named;
  const { segTrim } = piece;
  const countable = t.type === "value" && unitInfo(t.unit)?.countable === true;
  const applies =
    t.type === "range" || !isName(name) || isVerbOnly(name) || segTrim.endsWith("的") || P.examplesMarker.test(segTrim) || (countable && !piece.boundaryBefore && !scan.cur);
  if (!applies) return null;
  const verb = P.nameVerbPrefix.exec(cleanName(segTrim.replace(P.trailingDe, "")))?.[0] ?? "";
  const lead = segTrim.endsWith("的") && isName(name) ? cleanName(segTrim) + "的" : verb;
  let full = lead + after.text;
  if (scan.parent && P.childEnumerator.test(piece.seg) && !resolveIndicator(full, { unit: null, fromTable: false }).id) full = underParent(scan.parent, full);
  group.forEach((g, i) => {
    const b = open(scan, group.length > 1 ? full + measureNoun(g.type === "value" ? g.unit : null) : full, piece.segStart, g);
    applyToken(b, g, scan.ctx);
    if (g.type === "range") b.draft.target_text = (verb + g.text).trim();
    if (i === group.length - 1) b.b = Math.max(b.b, after.end);
    scan.cur = b;
  });
  scan.para.subject = full;
  scan.entity = { name: full, at: t.start };
  scan.prevEnd = after.end;
  return k + group.length - 1 + after.skip;
}

/** 地区生产总值 386.42 亿元: a name of its own before the figure. */
export function nameFirst(scan: Scan, k: number, piece: Piece, named: Named, group: Token[]): number | null {
  const t = scan.tokens[k]!;
  const { s, para } = scan;
  const { segStart, segTrim } = piece;
  let { name } = named;
  // 签约15.93万人: only a verb before the number and nothing after it.
  if (isVerbOnly(name) && t.type === "value" && measureNoun(t.unit).length > 1) name = name.replace(P.scopePrefix, "") + measureNoun(t.unit);
  if (!isName(name) || P.stopName.test(name)) return null;

  const countable = t.type === "value" && unitInfo(t.unit)?.countable === true;
  const bare = name.replace(P.spanPrefix, "");
  let full: string;
  if (isGenericMeasure(bare)) {
    // 总投资 / 产量 / 年均投资 belong to the subject before them.
    const { topic, entity } = scan;
    const latest = topic && (!entity || topic.at >= entity.at) ? topic.name : entity?.name ?? null;
    const subject =
      (P.entityMeasure.test(bare) ? latest : null) ?? para.subject ?? catalogueSubject(s.slice(lastClauseBoundary(s, lastClauseBoundary(s, segStart) - 1), segStart));
    // Keep what the measure says (计划投资, not 投资); only the year and scope go.
    const written = segTrim.replace(P.leadingYear, "").replace(P.scopePrefix, "");
    const measure = isGenericMeasure(written) ? written : bare;
    const of = subject && P.stockMeasure.test(measure) ? subject.replace(P.leadingVerb, "") || subject : subject;
    full = of ? (of.endsWith(bare) ? of : topicOf(of) + measure) : name;
  } else {
    const child = scan.parent && P.childEnumerator.test(s.slice(Math.max(0, segStart - 3), segStart + 1)) && !resolveIndicator(name, { unit: null, fromTable: false }).id;
    full = child ? underParent(scan.parent!, name) : breakdownOf(scan.parent, name) ?? name;
    if (!P.shareGap.test(segTrim)) para.subject = full;
    if (countable) scan.entity = { name: full, at: t.start };
  }
  const isTarget = P.targetName.test(full);
  if (isTarget) full = full.replace(P.targetName, "");
  const completion = P.completionGap.test(segTrim) && t.type === "value" && t.unit === "%";
  if (completion) {
    // 完成全年任务的157%: the rate belongs to what the sentence counted before it — the last
    // figure's name, or the entity it measured (重点建设项目 of 重点建设项目完成投资).
    const object = cleanName(segTrim.slice(2, -1));
    const last = scan.cur?.draft.name ?? scan.entity?.name ?? "";
    const subject = scan.entity && last.startsWith(scan.entity.name) ? scan.entity.name : last;
    full = (subject.includes(object) ? subject : subject + object) + "完成率";
  }
  const cur = open(scan, full, segStart, t);
  scan.cur = cur;
  if (isTarget) cur.draft.kind = "target";
  if (completion && cur.draft.kind === "target") cur.draft.kind = "actual";
  group.forEach((g, i) => {
    if (i === 0) applyToken(cur, g, scan.ctx);
    else applyToken(open(scan, cur.draft.name + measureNoun(g.type === "value" ? g.unit : null), segStart, g), g, scan.ctx);
  });
  // A qualifier before the first item of a 、 list holds for the items after it.
  if (t.type === "value") {
    if (named.leadQualifier && cur.draft.value_qualifier === null) cur.draft.value_qualifier = named.leadQualifier;
    if (s[segStart - 1] === "、") {
      if (cur.draft.value_qualifier === null) cur.draft.value_qualifier = scan.listQualifier;
    } else scan.listQualifier = named.leadQualifier;
  }
  scan.prevEnd = group[group.length - 1]!.end;
  return k + group.length - 1;
}

/** …、增长 3.6%，增速居湛江市第三: a figure with no name of its own joins the last one. */
export function continuation(scan: Scan, k: number, piece: Piece, group: Token[]): number {
  const t = scan.tokens[k]!;
  // A figure with nothing named before it in a sentence that opened on a catalogued indicator
  // (全省生产总值连续跨越…三个大台阶，年均增长5.9%) is that indicator's.
  if (!scan.cur && (t.type === "growth" || t.type === "value")) {
    scan.opening ??= openingSubject(scan.s);
    if (scan.opening) scan.cur = open(scan, scan.opening, 0, t);
  }
  const { cur } = scan;
  const year = cur ? yearBetween(scan.s, scan.prevEnd, t.start) : null;
  const exact = cur && t.type === "value" && cur.draft.value !== null && cur.draft.value_qualifier !== null && cur.draft.value_qualifier !== "at_most";
  // A year other than the draft's opens the same indicator in that year (由2017年的398亿元…);
  // the last year of the draft's span does not: 年均增长6.8%，2020年达到526.3亿元 is one fact.
  if (cur && year !== null && String(year) !== cur.draft.period && !cur.draft.period.endsWith(`-${year}`)) {
    applyToken(open(scan, cur.draft.name, piece.segStart, t), t, scan.ctx);
  } else if (cur && spanOfGrowth(t, cur.draft.period) !== cur.draft.period) {
    // 2015年…292.63万人次，比2010年增长262.21%: growth over several years is a fact of its own span.
    applyToken(open(scan, cur.draft.name, cur.a, t), t, scan.ctx);
  } else if (cur && t.type === "rank" && cur.draft.rank === null && scan.lastList?.includes(cur)) {
    // …分别超过8万元、4.5万元，稳居各省区第1位: a rank after a list holds for every item.
    for (const b of scan.lastList) if (b.draft.rank === null) applyToken(b, t, scan.ctx);
  } else if (exact && sameUnitClass(cur.draft.unit, t) && P.exactAfter.test(piece.gap)) {
    // 突破2万亿元、达到23562亿元: the exact figure replaces the threshold.
    applyToken(cur, t, scan.ctx);
  } else if (cur && canAttach(cur.draft, t)) {
    applyToken(cur, t, scan.ctx);
  } else if (cur && t.type === "value" && cur.draft.value !== null) {
    const sameClass = unitInfo(t.unit)?.class === unitInfo(cur.draft.unit)?.class;
    // 新增限上企业27家,累计达179家: the running total of the same thing.
    if (sameClass && P.cumulativeGap.test(piece.seg)) applyToken(open(scan, cur.draft.name.replace(P.nameVerbPrefix, "") + "累计", piece.segStart, t), t, scan.ctx);
    // 城市低保保障1038户…1516人 written apart: a second measure of the same thing.
    else if (!sameClass) applyToken(open(scan, cur.draft.name + measureNoun(t.unit), cur.a, t), t, scan.ctx);
  }
  scan.prevEnd = group[group.length - 1]!.end;
  return k + group.length - 1;
}

/** How far into a sentence its opening subject may run. */
const OPENING_CHARS = 24;

function sameUnitClass(unit: string | null, t: Token): boolean {
  return t.type === "value" && unitInfo(unit)?.class === unitInfo(t.unit)?.class;
}

/** The catalogued indicator a sentence opens on (全省生产总值…, 五年来，全省生产总值…), or null. */
function openingSubject(s: string): string | null {
  let from = 0;
  // The first clause may only set the time (五年来，…); the subject then opens the second.
  for (let clause = 0; clause < 2 && from < s.length; clause++) {
    const rest = s.slice(from, from + OPENING_CHARS);
    const cut = rest.search(P.clauseBoundaryChar);
    const c = cleanName(cut < 0 ? rest : rest.slice(0, cut));
    for (let len = Math.min(12, c.length); len >= 2; len--) {
      const r = resolveIndicator(c.slice(0, len), { unit: null, fromTable: false });
      if (r.id) return c.slice(0, len);
    }
    if (cut < 0) break;
    from += cut + 1;
  }
  return null;
}

/**
 * 民营经济增加值120亿元，其中第一产业增加值10亿元: a part of the whole economy (第一产业增加值 of
 * 地区生产总值) listed under a sub-aggregate is the sub-aggregate's part, not the region's.
 */
function breakdownOf(parent: string | null, name: string): string | null {
  if (!parent || resolveIndicator(parent, { unit: null, fromTable: false }).id) return null;
  const child = resolveIndicator(name, { unit: null, fromTable: false });
  const spec = child.id ? catalogueEntry(child.id) : undefined;
  if (!spec?.partOf) return null;
  let common = 0;
  while (common < parent.length && common < name.length && parent[parent.length - 1 - common] === name[name.length - 1 - common]) common++;
  return parent.slice(0, parent.length - common) + name;
}
