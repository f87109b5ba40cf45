// The kit's core, safe to run in a browser: text or bytes in, tidy tables out.
// Node-only helpers (files and folders) are in ./files and exported from ./index.
import { decodeBytes, type Encoding } from "./decode/decode.js";
import { articleStarts } from "./meta/meta.js";
import { extractPart } from "./structure/walk.js";
import { mergeDrafts } from "./merge/merge.js";
import { failureMessage, type Locale } from "./lexicon/lexicon.js";
import { readingText } from "./script/script.js";
import type { DocumentRow, ExtractResult, FailureCode } from "./types.js";
import type { Draft } from "./draft.js";

export type * from "./types.js";
export { decodeBytes } from "./decode/decode.js";
export { INDICATORS } from "./lexicon/lexicon.js";
export { resolveIndicator } from "./lexicon/catalogue.js";
export { periodLabel } from "./periods.js";

/** A file that cannot be read as a report. */
export class ExtractError extends Error {
  constructor(
    readonly file: string,
    readonly code: FailureCode,
    readonly detail: string,
    locale: Locale = "en",
  ) {
    super(`${file}: ${failureMessage(code, detail, locale)}`);
    this.name = "ExtractError";
  }
}

export interface ExtractOptions {
  /** The document's file name; it becomes the `doc` of every row. */
  name: string;
  encoding?: string;
}

const MIN_CJK = 20;

/** Chinese characters in the text, counted up to `enough`. */
function cjkCount(text: string, enough: number): number {
  let n = 0;
  for (let i = 0; i < text.length && n < enough; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fa5) n++;
  }
  return n;
}

/** Extract one document from its decoded text. */
export function extractText(text: string, options: ExtractOptions): ExtractResult {
  const doc = options.name;
  const cjk = cjkCount(text, MIN_CJK);
  if (cjk < MIN_CJK) throw new ExtractError(doc, "not_a_report", `${cjk} Chinese characters; a report has many`);
  // Rules read a Simplified copy of a Traditional-script report (same length, same offsets);
  // quotes come from the text itself.
  const reading = readingText(text);
  const starts = articleStarts(reading);
  const bounds: [number, number][] = starts.length > 0 ? starts.map((s, i) => [s, starts[i + 1] ?? text.length]) : [[0, text.length]];
  const drafts: Draft[] = [];
  let order = 0;
  const metas = bounds.map(([a, b], part) => {
    const r = extractPart(reading, a, b, doc, part, order);
    drafts.push(...r.drafts);
    order = r.nextOrder;
    return r.meta;
  });
  const merged = mergeDrafts(drafts, text);
  const documents: DocumentRow[] = metas.map((m, part) => {
    const ids = new Set(merged.observations.filter((o) => merged.partOf.get(o.id) === part).map((o) => o.id));
    return {
      doc,
      part,
      title: m.title,
      region: m.regionName,
      parent_region: m.parentName,
      type: m.type,
      report_period: m.reportSpan && m.type === "five_year_plan" ? `${m.reportSpan[0]}-${m.reportSpan[1]}` : m.reportYear !== null ? String(m.reportYear) : null,
      report_period_part: m.subPeriod,
      plan_period: m.planSpan ? `${m.planSpan[0]}-${m.planSpan[1]}` : m.planYear !== null ? String(m.planYear) : null,
      date: m.date,
      encoding: options.encoding ?? "utf-8",
      start: bounds[part]![0],
      end: bounds[part]![1],
      observations: ids.size,
      mentions: merged.mentions.filter((x) => ids.has(x.observation_id)).length,
      conflicts: merged.observations.filter((o) => ids.has(o.id) && o.conflict).length,
    };
  });
  return { documents, observations: merged.observations, mentions: merged.mentions };
}

/** Extract one document from its bytes (UTF-8, UTF-16 or GB18030/GBK; detected). */
export function extractBytes(bytes: Uint8Array, options: ExtractOptions): ExtractResult {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) throw new ExtractError(options.name, decoded.code, decoded.detail);
  return extractText(decoded.text, { ...options, encoding: decoded.encoding satisfies Encoding });
}
