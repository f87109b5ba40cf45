// Indicator names as written → names as an analyst would head a column with.
// "全市完成地区生产总值" → "地区生产总值"; "2023年以来累计兑现惠企政策资金" → "兑现惠企政策资金".
import { P } from "../patterns.js";
import { unitInfo } from "../lexicon/lexicon.js";

/** Strip scope words, verbs that introduce a figure, years, enumerators and list examples. */
export function cleanName(segment: string): string {
  let s = segment.trim();
  for (let guard = 0; guard < 8; guard++) {
    const before = s;
    s = s.replace(P.leadingPunct, "");
    s = s.replace(P.leadingEnumerator, "");
    s = s.replace(P.leadingYear, "");
    s = s.replace(P.leadingNoise, "");
    s = s.replace(P.leadingFiller, "");
    s = s.replace(P.topicLabel, "");
    s = s.replace(P.leadingParen, "");
    if (s === before) break;
  }
  // "实施科技创新“四个倍增”计划技术合同交易额" → "技术合同交易额" (a missing comma in the source).
  s = s.replace(P.programName, "");
  // "大毛牛、伟嘉晶创等签约项目" → "签约项目": the examples come before 等.
  const eg = P.examplesBefore.exec(s);
  if (eg) s = s.slice(eg[0].length);
  for (let guard = 0; guard < 8; guard++) {
    const before = s;
    s = s.replace(P.trailingPunct, "");
    s = s.replace(P.trailingNoise, "");
    s = s.replace(P.trailingComparison, "");
    if (s === before) break;
  }
  // Unbalanced quotes or brackets left by the cut.
  if ((s.match(P.openQuote)?.length ?? 0) > (s.match(P.closeQuote)?.length ?? 0)) s = s.replace(P.unclosedQuote, "");
  if (P.leadingCloser.test(s)) s = s.slice(1);
  return s;
}

/** A name worth a row: two CJK characters at least, not a bare verb. */
export function isName(name: string): boolean {
  if (!P.hasCjk2.test(name) && !P.asciiName2.test(name)) return false;
  return !P.leadingVerb.test(name) || name.replace(P.leadingVerb, "").length >= 2;
}

/** Only verbs ("新建", "全年新增"): the thing counted is named after the number. */
export function isVerbOnly(name: string): boolean {
  return name.length > 0 && name.replace(P.leadingVerb, "").length === 0;
}

export function isGenericMeasure(name: string): boolean {
  return P.genericMeasure.test(name);
}

/** The topic a measure word belongs to: 粮食生产面积 → 粮食 (so 产量 becomes 粮食产量). */
export function topicOf(name: string): string {
  const t = name.replace(P.topicSuffix, "");
  return t.length >= 2 ? t : name;
}

/** The noun a second figure gets: "5条360户" → 户数. */
export function measureNoun(unit: string | null): string {
  return unitInfo(unit)?.measure ?? "";
}

/** Head of a name (its last two characters), used to tell "项目" lists apart. */
export function headOf(name: string): string {
  return name.slice(-2);
}

/** "在建项目" + "工业项目" → "在建工业项目"; children that already say it stay as they are. */
export function underParent(parent: string, child: string): string {
  if (!parent || child.includes(parent) || headOf(parent) !== headOf(child)) return child;
  const modifier = parent.slice(0, -2);
  if (!modifier || child.includes(modifier)) return child;
  return modifier + child;
}
