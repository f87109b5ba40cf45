// Figures distributed over a list of names:
//   城市、农村低保对象最低生活保障标准分别提高到每人每月 857 元、600 元
//   企业职工基本养老保险和城乡居民基本医疗保险参保覆盖面,实现参保人数分别达5.86万人、30.68万人
//   新增建设省级闽台农业示范基地和市级泉台农业示范基地各1个
import { P, afterLast, CLAUSE_BOUNDARY_CHARS } from "../patterns.js";
import { WORDS } from "../lexicon/lexicon.js";
import { cleanName } from "./names.js";
import { resolveIndicator } from "../lexicon/catalogue.js";
import type { Token } from "./tokens.js";
import { canAttach, type Building, type SentenceContext } from "./scan.js";

type Opener = (name: string, a: number, t: Token) => Building;

type Apply = (b: Building, t: Token, ctx: SentenceContext) => void;

function clauseBefore(s: string, end: number): string {
  const e = Math.max(0, end);
  return s.slice(afterLast(s, e, CLAUSE_BOUNDARY_CHARS), e);
}

const MAX_ITEMS = 24;

const PAIRED = Object.entries(WORDS.pairedPrefixes as Record<string, string[]>);

/**
 * One name that stands for a pair or a triple, wherever the word stands in it: 城乡居民人均可支配收入
 * (城镇…, 农村…), 本外币存贷款余额 (…存款余额, …贷款余额), 一二三产增加值 (第一产业增加值, …).
 */
export function pairedNames(name: string, count: number): string[] | null {
  for (const [word, items] of PAIRED) {
    const at = name.indexOf(word);
    if (items.length === count && at >= 0 && name.length > word.length) return items.map((i) => name.slice(0, at) + i + name.slice(at + word.length));
  }
  return null;
}

/** The last drafts of the sentence, one per figure, each still without a figure of that kind. */
function lastNamed(opened: readonly Building[], figures: Token[]): Building[] | null {
  if (figures.length < 2 || opened.length < figures.length) return null;
  const list = opened.slice(-figures.length);
  if (new Set(list.map((b) => b.draft.name)).size !== list.length) return null;
  return list.every((b, i) => canAttach(b.draft, figures[i]!)) ? list : null;
}

/** Short items share the last item's head: 城市、农村特困人员供养标准 → 城市特困人员供养标准. */
function completeShortItems(names: string[]): string[] {
  const lastName = names[names.length - 1]!;
  const ordinal = P.ordinalHead.exec(lastName);
  if (ordinal && names.length > 1 && names.slice(0, -1).every((n) => P.ordinalItem.test(n))) {
    // 第一、二、三产业增加值 → 第一产业增加值, 第二产业增加值, 第三产业增加值.
    const noun = lastName.slice(ordinal[0].length);
    // 第一、二、三产业 and 一、二、三产业 alike name 第一产业…: 产业 is always counted with 第.
    const di = names.some((n) => n.startsWith("第")) || noun.startsWith("产") ? "第" : "";
    const bare = (n: string) => (n.startsWith("第") ? n.slice(1) : n);
    return names.map((n, i) => di + bare(i === names.length - 1 ? ordinal[0] : n) + noun);
  }
  // A short item that names an indicator by itself (旅游人数、旅游综合收入) is complete as it is.
  return names.map((n, i) =>
    i === names.length - 1 || n.length > 4 || lastName.length <= n.length || resolveIndicator(n, { unit: null, fromTable: false }).id ? n : n + lastName.slice(n.length),
  );
}

/**
 * A qualifier written once for a list holds for every item: after the last (分别增长6%、5%、4%左右)
 * or before the first (分别超过8万元、4.5万元).
 */
function shareTrailingQualifier(drafts: readonly Building[], figures: readonly Token[]): void {
  if (figures.length < 2 || drafts.length !== figures.length) return;
  const qualified = figures.filter((f) => (f.type === "growth" || f.type === "value") && f.qualifier !== null);
  const one = qualified.length === 1 ? qualified[0]! : null;
  if (!one || (one !== figures[0] && one !== figures[figures.length - 1])) return;
  if (one.type === "growth") for (const b of drafts) b.draft.growth_qualifier ??= one.qualifier;
  if (one.type === "value") for (const b of drafts) b.draft.value_qualifier ??= one.qualifier;
}

export function distribute(
  s: string,
  k: number,
  tokens: Token[],
  seg: string,
  clauseStart: number,
  open: Opener,
  apply: Apply,
  ctx: SentenceContext,
  previous: Building[] | null,
  opened: readonly Building[],
): { lastIndex: number; cur: Building | null; drafts: Building[] } | null {
  const first = tokens[k]!;
  const figures: Token[] = [first];
  // A list names a few items; a longer run of figures is not one (and must not cost a pass each).
  for (let j = k + 1; j < tokens.length && figures.length < MAX_ITEMS; j++) {
    let t = tokens[j]!;
    if (!P.listGap.test(s.slice(figures[figures.length - 1]!.end, t.start))) break;
    // 分别增长6.1%、7.2%: the verb is written once, the later rates are growth too.
    if (first.type === "growth" && t.type === "value" && t.unit === "%") t = { type: "growth", start: t.start, end: t.end, pct: t.value, basis: first.basis, qualifier: t.qualifier };
    if (t.type !== first.type) break;
    figures.push(t);
  }
  const each = P.eachSuffix.test(seg);
  const clause = s.slice(clauseStart, first.start);
  const beforeList = each ? clause.replace(P.eachSuffix, "") : clause.split(P.distributive)[0]!;
  let names = beforeList.split(P.listSplit).map((x) => cleanName(x)).filter((x) => x.length > 0);
  // …分别达到42115元、19870元，分别增长4.8%、7.1%: a second 分别 with no names is the same list's;
  // 城镇…42115元，农村…19870元，分别增长4.8%和7.1%: or that of the figures just named one by one.
  const before = !each && names.length === 0 ? (previous && previous.length === figures.length ? previous : lastNamed(opened, figures)) : null;
  if (before) {
    before.forEach((b, i) => apply(b, figures[i]!, ctx));
    shareTrailingQualifier(before, figures);
    return { lastIndex: k + figures.length - 1, cur: before[before.length - 1]!, drafts: before };
  }
  const paired = !each && names.length === 1 ? pairedNames(names[0]!, figures.length) : null;
  if (paired) {
    names = paired;
  } else if (!each && names.length === 1 && figures.length > 1) {
    // The 分别 clause names only the measure; the list is the clause before it.
    const measure = names[0]!;
    const items = clauseBefore(s, clauseStart - 1)
      .split(P.listSplit)
      .map((x) => cleanName(x.replace(P.leadingVerb, "").replace(P.listVerbs, "")))
      .filter((x) => x.length > 0);
    if (items.length !== figures.length) return null;
    const lastItem = items[items.length - 1]!;
    const headAt = lastItem.indexOf(measure.slice(0, 2));
    if (headAt > 0) items[items.length - 1] = lastItem.slice(0, headAt);
    names = items.map((x) => x + measure);
  } else if (each ? names.length < 2 : names.length !== figures.length) {
    return null;
  }
  names = completeShortItems(names);
  const drafts = names.map((n, i) => {
    const t = each ? first : figures[i]!;
    const b = open(n, clauseStart, t);
    apply(b, t, ctx);
    b.b = figures[figures.length - 1]!.end;
    return b;
  });
  shareTrailingQualifier(drafts, figures);
  return { lastIndex: each ? k : k + figures.length - 1, cur: drafts[drafts.length - 1] ?? null, drafts };
}
