// Whose report it is, from weighed evidence, the way an analyst reads the first page: the
// title, the meeting the report was given to (在…第N届人民代表大会), the body that signs it
// (…人民政府, …统计局, …县长), and how the text speaks of itself (全县, 我区). The finding keeps
// its source so a user can see why, and says so when nothing tells.
import { P, execAll } from "../patterns.js";
import { WORDS } from "../lexicon/lexicon.js";
import { findRegionNames, countyByShort, regionsNamed, disambiguate, type Region, type RegionHit } from "../lexicon/regions.js";

export type RegionSource = "title" | "meeting line" | "signature" | "short name and parent" | "most named" | "title, not in the region list" | "national title";

export interface RegionFinding {
  region: Region | null;
  /** The name to report: the region's, or a place the region list lacks, or 全国. */
  name: string | null;
  source: RegionSource | null;
  warnings: string[];
}

/** The suffix of the level the text speaks of itself as (全县 → 县), or null when it does not. */
export function selfLevel(text: string): string | null {
  const counts = new Map<string, number>();
  const level = new Map<string, string>();
  for (const [suffix, words] of Object.entries(WORDS.selfReference)) for (const w of words) level.set(w, suffix);
  for (const m of execAll(P.selfReference, text)) {
    const s = level.get(m[0])!;
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  let best: string | null = null;
  let n = 0;
  let total = 0;
  for (const [s, k] of counts) {
    total += k;
    if (k > n) [best, n] = [s, k];
  }
  // A clear majority only: a county report names 全市 now and then, a city report 全县 seldom.
  return best !== null && n >= 2 && n * 2 > total ? best : null;
}

function suffixOf(r: Region): string {
  return r.name.slice(-1);
}

function isAncestor(a: Region, b: Region): boolean {
  for (let p = b.parent; p; p = p.parent) if (p === a) return true;
  return false;
}

/**
 * The place the hits describe: drop every hit that is the parent of another (示例市样板区 → 样板区),
 * prefer the level the text speaks of itself as, then the first named.
 */
export function mostSpecific(hits: readonly Region[], level: string | null): Region | null {
  const distinct = [...new Set(hits)];
  const leaves = distinct.filter((r) => !distinct.some((o) => o !== r && isAncestor(r, o)));
  if (leaves.length === 0) return null;
  if (leaves.length === 1) return leaves[0]!;
  return (level ? leaves.find((r) => suffixOf(r) === level) : undefined) ?? leaves[0]!;
}

/**
 * Full names in a text (old names of districts too, where `context` names their parent); a name
 * that is also an ordinary word counts only right after its parent (宜春市城区).
 */
function placesIn(text: string, context = text): RegionHit[] {
  const hits = findRegionNames(text, context);
  return hits.filter((h, i) => !h.region.common || (i > 0 && hits[i - 1]!.region === h.region.parent && hits[i - 1]!.index + hits[i - 1]!.length === h.index));
}

/** A region named by its short name (湛江, 广东, 黔东南) in a title that names no full one. */
function shortNameIn(text: string, context: string): Region | null {
  for (let len = 5; len >= 2; len--) {
    for (let i = 0; i + len <= text.length; i++) {
      const word = text.slice(i, i + len);
      const list = regionsNamed(word);
      if (list.length > 0 && list[0]!.name !== word) return disambiguate(list, context);
    }
  }
  return null;
}

/** 样板 for 样板县: a county's short name counts only when the text names its parent too. */
function countyShortIn(text: string, context: string): Region | null {
  for (let len = 4; len >= 2; len--) {
    for (let i = 0; i + len <= text.length; i++) {
      for (const r of countyByShort(text.slice(i, i + len))) {
        const parent = r.parent;
        if (parent && (context.includes(parent.name) || (parent.short.length >= 2 && context.includes(parent.short)))) return r;
      }
    }
  }
  return null;
}

/** The title without a web page's site name after it ("… _ 中国宜春"). */
export function titleCore(title: string): string {
  const m = P.siteSuffix.exec(title);
  return m ? title.slice(0, m.index) : title;
}

/** Places followed by the body that speaks for them: 黔东南州统计局, 广东省省长, 万载县人民政府. */
function signatures(head: string): Region[] {
  return placesIn(head)
    .filter((h) => P.signatureAfter.test(head.slice(h.index + h.length, h.index + h.length + 8)))
    .map((h) => h.region);
}

/** The most named place, when it is named at least twice and clearly more than any other. */
function mostNamed(head: string, level: string | null): Region | null {
  const counts = new Map<Region, number>();
  for (const h of placesIn(head)) counts.set(h.region, (counts.get(h.region) ?? 0) + 1);
  const ranked = [...counts].filter(([r]) => level === null || suffixOf(r) === level).sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first || first[1] < 2 || (second && second[1] * 2 > first[1])) return null;
  return first[0];
}

/**
 * The document's region. `title` is the document's title line (or null), `head` the opening of
 * its text (white space removed), `body` a longer stretch for how it speaks of itself.
 */
export function findRegion(title: string | null, head: string, body: string): RegionFinding {
  const level = selfLevel(body);
  const found = (region: Region | null, source: RegionSource): RegionFinding | null => (region ? { region, name: region.name, source, warnings: [] } : null);
  const core = title ? titleCore(title) : null;
  const bracket = core ? P.newsBracket.exec(core) : null;
  const titleText = bracket ? bracket[1]! : core;

  const fromTitle = (text: string | null): RegionFinding | null => {
    if (!text) return null;
    const full = mostSpecific(placesIn(text, head).map((h) => h.region), level);
    return found(full, "title") ?? found(shortNameIn(text, head), "title") ?? found(countyShortIn(text, head), "short name and parent");
  };
  const meeting = P.meetingLine.exec(head);
  const finding =
    fromTitle(titleText) ??
    (bracket ? fromTitle(core!.slice(bracket[0].length)) : null) ??
    (meeting ? found(mostSpecific(placesIn(meeting[1]!, head).map((h) => h.region), level), "meeting line") : null) ??
    found(mostSpecific(signatures(head), level), "signature") ??
    found(mostNamed(head, level), "most named");
  if (finding) return finding;

  if (core && P.nationalTitle.test(core)) return { region: null, name: "全国", source: "national title", warnings: [] };
  const unlisted = core ? P.titleRegionSpan.exec(core)?.[1] ?? null : null;
  if (unlisted) return { region: null, name: unlisted, source: "title, not in the region list", warnings: [`${unlisted} is not in the region list (GB/T 2260); its parent is unknown`] };
  return { region: null, name: null, source: null, warnings: ["the report does not say whose it is (no place in its title, meeting line or signature): its figures are held back"] };
}
