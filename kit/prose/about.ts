// What a sentence or clause is about, when that is not the document's region or the figure's
// own name: a development zone, town or county that opens a clause, an event whose figures
// follow, a topic clause (…加快推进) that measure words refer to, a catalogued indicator named
// with no figure of its own.
import { P, execAll } from "../patterns.js";
import { WORDS } from "../lexicon/lexicon.js";
import { resolveIndicator } from "../lexicon/catalogue.js";
import { findRegionNames } from "../lexicon/regions.js";
import type { Token } from "./tokens.js";
import { cleanName, isName } from "./names.js";
import type { ParagraphState, Place } from "./scan.js";

/** Development zones and parks named in a sentence, for a later "园区…" that refers back. */
export function noteZones(s: string, para: ParagraphState): void {
  // The full pattern is costly; look only where a zone suffix stands.
  if (!P.zoneSuffixAny.test(s)) return;
  for (const m of execAll(P.zoneName, s)) para.zone = m[1]!;
}

/** A catalogued indicator that opens a clause with no figure: "固定资产投资有效扩大,年均投资超1000亿元". */
export function catalogueSubject(before: string): string | null {
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

/** 雷州经济开发区全年实现… / 龙门镇完成… / 园区在建项目… / 其中雷州市完成…: the place a clause is about. */
export function subjectRegion(clause: string, at: number, para: ParagraphState, ownRegion: string): Place | null {
  const c = clause.replace(P.clauseLead, "");
  const c2 = c.replace(P.leadingNoise, "");
  const zone = P.zoneSubject.exec(c2) ?? P.townSubject.exec(c2) ?? (at === 0 ? P.zoneOpening.exec(c2) ?? P.genericZoneOpening.exec(c2) : null);
  if (zone) return { at, name: zone[1]!, ...(P.genericZone.test(zone[1]!) ? { generic: true } : {}) };
  if (para.zone && P.zoneAnaphora.test(c)) return { at, name: para.zone };
  // In a city's report, a county or city named as the subject has figures of its own.
  const head = c.replace(P.childrenLead, "");
  const hit = findRegionNames(head.slice(0, 14), undefined, 1)[0];
  if (hit && hit.index === 0 && hit.region.name !== ownRegion) {
    const rest = head.slice(hit.length);
    if (P.subjectVerbStart.test(rest) || catalogueSubject(rest.replace(P.leadingNoise, "")) !== null) return { at, name: hit.region.name };
  }
  return null;
}

/** 工业园区标准化建设加快推进,…: the last clause of the gap that names a topic and says how it goes. */
export function topicIn(gap: string): string | null {
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
export function eventOf(s: string, tokens: Token[]): { name: string; end: number } | null {
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
