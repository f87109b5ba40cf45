// One sentence → mention drafts. The tokenizer finds the figures; for each figure the rules
// (rules.ts) are tried in order until one names it. This module keeps the sentence's state
// between figures — what the clause is about, the total a 其中 list details, estimates — and
// hands the finished drafts back with their offsets in the original text.
import { P } from "../patterns.js";
import { WORDS } from "../lexicon/lexicon.js";
import { hasFigure, type Draft } from "../draft.js";
import { partIn, subPeriodIn } from "../periods.js";
import { tokenize } from "./tokens.js";
import { isName } from "./names.js";
import { eventOf, noteZones, subjectRegion, topicIn } from "./about.js";
import { disambiguateNames } from "./collisions.js";
import { continuation, fromTo, list, nameBefore, nameFirst, numberFirst, pair, ratio, threshold, valueGroup } from "./rules.js";
import { pieceBefore, type ParagraphState, type Scan, type SentenceContext } from "./scan.js";

export { newParagraphState, type ParagraphState, type SentenceContext } from "./scan.js";

const RATIO_GROUPS = WORDS.ratioGroups;

export function extractSentence(s: string, ctx: SentenceContext, para: ParagraphState): Draft[] {
  noteZones(s, para);
  const startsWithChildren = P.childrenStart.test(s);
  // 其中… and the 三次产业 structure that follow a 预计 sentence are estimates too.
  const continues = startsWithChildren || RATIO_GROUPS.some((g) => s.includes(g.trigger) && P.ratioAny.test(s));
  const estimateFromStart = ctx.estimate || (para.estimateNext && continues);
  const estimateAt = P.estimate.exec(s)?.index ?? -1;
  para.estimateNext = ctx.mode === "result" && (estimateAt >= 0 || (estimateFromStart && continues));
  const subjectBefore = para.subject;
  if (!P.mayHaveFigure.test(s)) {
    para.lastSentenceSubject = para.subject;
    return [];
  }

  const tokens = tokenize(s);
  const hypothetical = P.hypothetical.exec(s);
  // Figures after 建成后 are what a project would do; a sentence about 该项目 is one project's.
  const cutoff = P.singularEntity.test(s) ? 0 : hypothetical ? hypothetical.index : s.length;
  const scan: Scan = {
    s,
    tokens,
    ctx,
    para,
    out: [],
    cur: null,
    prevEnd: 0,
    subRegion: null,
    event: eventOf(s, tokens),
    parent: startsWithChildren ? para.lastSentenceSubject : null,
    listQualifier: null,
    topic: null,
    entity: null,
    lastList: null,
    subPeriod: partIn(sentenceSubPeriod(s), ctx.subPeriod),
    estimateFromStart,
    estimateAt,
    targetAt: P.targetScope.exec(s)?.index ?? -1,
  };

  let subjectAskedAt = -1;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.start >= cutoff) break;
    const piece = pieceBefore(scan, t);
    const topic = topicIn(piece.gap);
    if (topic) scan.topic = { name: topic, at: scan.prevEnd };
    if (P.itemEnumeratorTest.test(piece.gap)) scan.parent = null;
    if (P.childrenMarker.test(piece.gap)) scan.parent = para.subject ?? scan.parent;
    if (P.clauseBoundaryChar.test(piece.gap) && s[piece.segStart - 1] !== "、") scan.listQualifier = null;
    // A zone, town or county that opens a clause is the subject of the rest of the sentence.
    // (A clause already looked at gives the same answer: the next figure of it is not asked again.)
    if ((!scan.subRegion || piece.clauseStart > scan.subRegion.at) && piece.clauseStart !== subjectAskedAt) {
      subjectAskedAt = piece.clauseStart;
      scan.subRegion = subjectRegion(s.slice(piece.clauseStart, piece.clauseStart + 40), piece.clauseStart, para, ctx.region) ?? scan.subRegion;
    }

    if (t.type === "skip") {
      scan.prevEnd = t.end;
      continue;
    }
    const early = ratio(scan, k, piece) ?? pair(scan, k, piece) ?? fromTo(scan, k, piece);
    if (early !== null) {
      k = early;
      continue;
    }
    const named = nameBefore(scan, t, piece);
    if (named === "skip") {
      scan.prevEnd = t.end;
      continue;
    }
    const group = valueGroup(scan, k);
    k = threshold(scan, k, piece, named) ?? list(scan, k, piece) ?? numberFirst(scan, k, piece, named, group) ?? nameFirst(scan, k, piece, named, group) ?? continuation(scan, k, piece, group);
  }

  para.lastSentenceSubject = para.subject ?? subjectBefore;
  disambiguateNames(s, scan.out);
  const drafts: Draft[] = [];
  for (const b of scan.out) {
    const d = b.draft;
    if (!hasFigure(d) || !isName(d.name) || P.stopName.test(d.name)) continue;
    // Targets in words only where the document sets targets year by year.
    if (d.target_text !== null && d.value === null && d.growth_pct === null && !(ctx.wordTargets && d.kind === "target")) continue;
    const [start, end] = ctx.toRaw(b.a, Math.max(b.b, b.a + 1));
    d.start = start;
    d.end = end;
    drafts.push(d);
  }
  return drafts;
}

/** 上半年，全区… / 今年一季度，…: a short opening clause that dates the sentence. */
function sentenceSubPeriod(s: string): string | null {
  const m = P.clauseBoundaryChar.exec(s);
  const head = m ? s.slice(0, m.index) : "";
  return head.length > 0 && head.length <= 10 ? subPeriodIn(head) : null;
}
