// The kit's core, safe to run in a browser: bytes or text in, tidy tables out.
// Node-only helpers (files and folders) are in ./files and exported from ./index.
import { articleStarts } from "./meta/meta.js";
import { extractPart } from "./structure/walk.js";
import { mergeDrafts } from "./merge/merge.js";
import { simplifiedCopy } from "./script/script.js";
import { toBlocks, type Block } from "./text/blocks.js";
import { findRepairs, type Repairs } from "./text/repair.js";
import { ExtractError } from "./errors.js";
import { pageAt, readBytes, wholeText, type PdfOptions, type Reading, type Segment } from "./read/index.js";
import type { DocumentRow, ExtractResult } from "./types.js";
import type { Draft } from "./draft.js";

export type * from "./types.js";
export { ExtractError } from "./errors.js";
export { decodeBytes } from "./decode/decode.js";
export { readBytes, formatByName, refusedByName, pageAt, type Reading, type Format, type PdfOptions } from "./read/index.js";
export { INDICATORS, failureMessage } from "./lexicon/lexicon.js";
export { resolveIndicator } from "./lexicon/catalogue.js";
export { periodLabel } from "./periods.js";
export { standardise, standardUnit, type Standardised } from "./lexicon/standard.js";
export { DEFAULT_LANG, FIELD_CODES, codeLabel, fieldLabel, parseLang, sheetLabel, text as labelText, type Lang } from "./lexicon/labels.js";
export { indicatorInfo, indicatorCatalogue, type IndicatorInfo, type IndicatorCoverage, type IndicatorDocument } from "./analysis/indicators.js";

export interface ExtractOptions {
  /** The document's file name; it becomes the `doc` of every row. */
  name: string;
  encoding?: string;
}

export interface ExtractBytesOptions extends ExtractOptions {
  /** Where pdf.js finds its CMaps and fonts; the Node entry fills it in. */
  pdf?: PdfOptions;
}

const MIN_CJK = 20;

/** Chinese characters in text[start, end), counted up to `enough`. */
function cjkCount(text: string, enough: number, start = 0, end = text.length): number {
  let n = 0;
  for (let i = start; i < end && n < enough; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fa5) n++;
  }
  return n;
}

function blocksOf(text: string, segments: readonly Segment[], repairs: Repairs): Block[] {
  return segments.flatMap((s): Block[] =>
    s.kind === "table" ? (s.rows.length > 0 ? [{ type: "table", start: s.rows[0]!.start, end: s.rows[s.rows.length - 1]!.end, rows: s.rows }] : []) : toBlocks(text, s.start, s.end, s.layout, repairs),
  );
}

function extentOf(segments: readonly Segment[]): [number, number] {
  let a = Infinity;
  let b = -Infinity;
  for (const s of segments) {
    const [x, y] = s.kind === "table" ? [s.rows[0]?.start ?? 0, s.rows[s.rows.length - 1]?.end ?? 0] : [s.start, s.end];
    a = Math.min(a, x);
    b = Math.max(b, y);
  }
  return Number.isFinite(a) ? [a, b] : [0, 0];
}

/**
 * The documents of a reading, each as its segments: a file's documents as the reader gave
 * them, and a single stretch of text that holds several news articles split into those.
 */
function partsOf(reading: Reading, simplified: string): Segment[][] {
  const docs = reading.documents;
  const only = docs.length === 1 && docs[0]!.length === 1 ? docs[0]![0]! : null;
  if (!only || only.kind !== "text") return docs;
  const starts = articleStarts(simplified.slice(0, only.end)).filter((s) => s >= only.start);
  if (starts.length === 0) return docs;
  // Text before the first headline (a page's masthead) is read with the first article: none is dropped.
  const bounds = [only.start, ...starts.slice(1), only.end];
  return bounds.slice(0, -1).map((a, i) => [{ ...only, start: a, end: bounds[i + 1]! }]);
}

/** Extract every document of a reading (see read/reading.ts). */
export function extractReading(reading: Reading, options: ExtractOptions): ExtractResult {
  const doc = options.name;
  const { text } = reading;
  const cjk = cjkCount(text, MIN_CJK);
  if (cjk < MIN_CJK) throw new ExtractError(doc, "not_a_report", `${cjk} Chinese characters; a report has many`);
  // Rules read a Simplified copy of a Traditional-script report (same length, same offsets);
  // quotes come from the text itself.
  const simplified = simplifiedCopy(text);
  const parts = partsOf(reading, simplified);
  const repairs = findRepairs(simplified);
  const drafts: Draft[] = [];
  let order = 0;
  const metas = parts.map((segments, part) => {
    const [a, b] = extentOf(segments);
    const r = extractPart(simplified, blocksOf(simplified, segments, repairs), a, b, doc, part, order);
    drafts.push(...r.drafts);
    order = r.nextOrder;
    return { meta: r.meta, start: a, end: b };
  });
  const merged = mergeDrafts(drafts, text);
  const mentions = merged.mentions.map((m) => ({ ...m, page: pageAt(reading, m.start) }));
  // Counts per part in one pass over the rows (a page of many articles has many parts).
  const counts = metas.map(() => ({ ids: new Set<string>(), mentions: 0, conflicts: 0 }));
  for (const o of merged.observations) {
    const c = counts[merged.partOf.get(o.id)!]!;
    c.ids.add(o.id);
    if (o.conflict) c.conflicts++;
  }
  for (const x of mentions) counts[merged.partOf.get(x.observation_id)!]!.mentions++;
  const documents: DocumentRow[] = metas.map(({ meta: m, start, end }, part) => {
    return {
      doc,
      part,
      title: m.title,
      region: m.regionName,
      parent_region: m.parentName,
      region_source: m.regionSource,
      type: m.type,
      report_period: m.reportSpan && m.type === "five_year_plan" ? `${m.reportSpan[0]}-${m.reportSpan[1]}` : m.reportYear !== null ? String(m.reportYear) : null,
      report_period_part: m.subPeriod,
      plan_period: m.planSpan ? `${m.planSpan[0]}-${m.planSpan[1]}` : m.planYear !== null ? String(m.planYear) : null,
      date: m.date,
      format: reading.format,
      encoding: options.encoding ?? reading.encoding,
      start,
      end,
      observations: counts[part]!.ids.size,
      mentions: counts[part]!.mentions,
      conflicts: counts[part]!.conflicts,
      warnings: [...(reading.warnings ?? []), ...m.warnings],
    };
  });
  return { documents, observations: merged.observations, mentions };
}

/** Extract one document from its decoded text (a plain-text report). */
export function extractText(text: string, options: ExtractOptions): ExtractResult {
  return extractReading(wholeText(text, "text", options.encoding ?? "utf-8"), options);
}

/** Extract a file from its bytes, whatever its format (text, CSV, HTML, DOCX, PDF, XLSX). */
export async function extractBytes(bytes: Uint8Array, options: ExtractBytesOptions): Promise<ExtractResult> {
  const reading = await readBytes(bytes, { name: options.name, pdf: options.pdf });
  return extractReading(reading, options);
}
