// A sentence → its figures, in order, each with its offsets in the clean sentence text.
import { P, parseRankNumber, execAll } from "../patterns.js";
import { WORDS, QUALIFIER_PREFIX, QUALIFIER_SUFFIX, unitInfo } from "../lexicon/lexicon.js";
import type { GrowthBasis, Qualifier } from "../types.js";

interface Base {
  start: number;
  end: number;
}
export type Token =
  | (Base & { type: "value"; value: number; unit: string; qualifier: Qualifier | null; threshold: boolean })
  /**
   * upper: the top of a range (增长5%-6%), whose floor is pct; years: the years an average runs
   * over when the text says (两年平均 → 2); baseYear: the year growth is measured against (比2021年).
   */
  | (Base & { type: "growth"; pct: number; basis: GrowthBasis; qualifier: Qualifier | null; upper?: number; text?: string; years?: number; baseYear?: number })
  /** name: the indicator the rank clause names itself (获全省基本公卫服务评价第4名). */
  | (Base & { type: "rank"; rank: number; scope: string; name: string | null })
  | (Base & { type: "ratio"; parts: number[] })
  | (Base & { type: "range"; text: string; unit: string })
  | (Base & { type: "word"; text: string })
  /** Something that looked like a figure and is not one (an activity count, a tonnage class). */
  | (Base & { type: "skip" });

const BASIS: [GrowthBasis, string[]][] = Object.entries(WORDS.growthBasis) as [GrowthBasis, string[]][];
const DOWN = new Set(WORDS.growthDown);

/** A number as written; NaN for digit runs longer than any figure a report states. */
function num(s: string): number {
  const digits = s.replace(P.thousandsSep, "");
  return digits.length > MAX_DIGITS ? NaN : Number(digits);
}

const MAX_DIGITS = 16;

function basisOf(word: string | undefined): GrowthBasis {
  if (!word) return "yoy";
  for (const [basis, words] of BASIS) if (words.includes(word)) return basis;
  return "yoy";
}

export function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  for (const m of execAll(P.figure, s)) {
    const g = m.groups!;
    const start = m.index;
    const end = start + m[0].length;
    const n = g.vnum ?? g.gnum ?? g.ra ?? g.na;
    if (n !== undefined && !Number.isFinite(num(n))) {
      tokens.push({ type: "skip", start, end });
      continue;
    }
    if (g.g !== undefined) {
      let pct = num(g.gnum!);
      if (g.gunit === "倍") pct *= 100;
      if (DOWN.has(g.gverb!)) pct = -Math.abs(pct);
      const before = s.slice(Math.max(0, start - 8), start);
      const basisWord = g.gbasis ?? (P.annualBefore.test(before) ? "年均" : undefined);
      const qualifier = (g.gsuf ? QUALIFIER_SUFFIX[g.gsuf] : undefined) ?? (g.gpre ? QUALIFIER_PREFIX[g.gpre] : undefined) ?? null;
      const years = g.gbasis ? P.yearsAveraged.exec(g.gbasis)?.[1] : undefined;
      const base = P.baseYearBefore.exec(before);
      const extra = { ...(years ? { years: parseRankNumber(years)! } : {}), ...(base ? { baseYear: Number(base[1]) } : {}) };
      const to = g.gto ?? g.gto2;
      if (to !== undefined && g.gunit === "%") {
        // 增长5%-6%: the floor, the range kept as written (增长4.5%—5%) in the target text.
        const upper = DOWN.has(g.gverb!) ? -num(to) : num(to);
        tokens.push({ type: "growth", start, end, pct: round(pct), basis: basisOf(basisWord), qualifier, upper: round(upper), text: m[0], ...extra });
      } else {
        tokens.push({ type: "growth", start, end, pct: round(pct), basis: basisOf(basisWord), qualifier, ...extra });
      }
    } else if (g.rk !== undefined) {
      // 全省第二 after a figure, or the next of packed ranks (第二、第七): the scope is the last rank's.
      const rank = parseRankNumber(g.rknum!);
      const last = [...tokens].reverse().find((x) => x.type === "rank");
      const scope = g.rkscope ?? (last?.type === "rank" ? last.scope : null);
      if (rank === null || scope === null) continue;
      tokens.push({ type: "rank", start, end, rank, scope, name: null });
    } else if (g.r !== undefined) {
      const rank = g.rtop !== undefined ? 1 : parseRankNumber(g.rnum!);
      if (rank === null) continue;
      const written = g.rscope!.replace(P.rankScopeLead, "");
      const split = P.rankScopeSplit.exec(written);
      tokens.push({ type: "rank", start, end, rank, scope: split ? split[1]! : written, name: split ? split[2]! : null });
    } else if (g.ratio !== undefined) {
      tokens.push({ type: "ratio", start, end, parts: [num(g.ra!), num(g.rb!), num(g.rc!)] });
    } else if (g.range !== undefined) {
      tokens.push({ type: "range", start, end, text: m[0], unit: g.nunit! });
    } else if (g.v !== undefined) {
      let unit = g.vunit!;
      let vend = end;
      // "21项目": a count with 个 left out, not 21 项.
      if (unit === "项" && P.itemImplied.test(s.slice(end, end + 1))) {
        unit = "个";
        vend = end - 1;
      }
      const after = s.slice(vend, vend + 3);
      const info = unitInfo(unit);
      const before = s.slice(Math.max(0, start - 4), start);
      if (P.notAMeasureAfter.test(after) || info?.activity || P.listCountBefore.test(before)) {
        tokens.push({ type: "skip", start, end });
        continue;
      }
      // 突破7000万元以上: the word before the number is the stronger statement.
      const qualifier =
        (g.vpre ? QUALIFIER_PREFIX[g.vpre] : undefined) ?? (g.vsuf ? QUALIFIER_SUFFIX[g.vsuf] : undefined) ?? (g.vinf ? QUALIFIER_SUFFIX[g.vinf] : undefined) ?? null;
      tokens.push({ type: "value", start, end: vend, value: num(g.vnum!), unit, qualifier, threshold: P.threshold.test(after) });
    } else if (g.bc !== undefined) {
      tokens.push({ type: "value", start, end, value: num(g.bcnum!), unit: "个", qualifier: null, threshold: false });
    } else if (g.w !== undefined) {
      tokens.push({ type: "word", start, end, text: m[0] });
    }
  }
  return tokens;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
