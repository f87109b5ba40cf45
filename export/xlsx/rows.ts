// Row shaping: the tidy tables' records → the cells of each table sheet. Pure; the writer
// turns these into XML.
import path from "node:path";
import type { BatchResult, ExtractResult, Failure } from "../../kit/types.js";
import { valueFormat } from "./format.js";
import { mentionsOf, observationTitle, type Layout } from "./layout.js";
import { codeLabel, DEFAULT_LANG, type Lang } from "../../kit/lexicon/labels.js";
import { CONFLICTS, DOCUMENTS, MENTIONS, OBSERVATIONS, type ColumnSpec } from "./spec.js";

export type CellValue = string | number | boolean | null;

export interface RowOut {
  values: CellValue[];
  /** Per column, a number format that replaces the column's own (a value's decimals). */
  formats: (string | undefined)[];
  /** Highlight the row: it belongs to a conflicting observation. */
  conflict: boolean;
}

/** Excel refuses longer text in a cell. */
const MAX_CELL_TEXT = 32_767;

function cell(v: unknown): CellValue {
  if (v === undefined || v === null) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "boolean") return v;
  // A list (a document's warnings) is one cell; an empty one is an empty cell.
  if (Array.isArray(v)) return v.length > 0 ? cell(v.join("; ")) : null;
  const s = String(v);
  return s.length > MAX_CELL_TEXT ? s.slice(0, MAX_CELL_TEXT) : s;
}

/** The record's fields in the spec's column order, codes as their labels (actual → 实际), with each value's own format. */
export function shapeRow(record: Readonly<Record<string, unknown>>, columns: readonly ColumnSpec[], conflict = false, lang: Lang = DEFAULT_LANG): RowOut {
  const values = columns.map((c) => {
    const v = record[c.key];
    return cell(c.codes && typeof v === "string" ? codeLabel(c.codes, v, lang) : v);
  });
  const formats = columns.map((c, i) => {
    const v = values[i];
    return c.kind === "value" && typeof v === "number" ? valueFormat(v) : undefined;
  });
  return { values, formats, conflict };
}

export function* observationRows(l: Layout): Generator<RowOut> {
  for (let i = 0; i < l.observations.length; i++) {
    const o = l.observations[i]!;
    yield shapeRow({ ...o, doc_title: observationTitle(l, i) }, OBSERVATIONS.columns, o.conflict, l.lang);
  }
}

export function* mentionRows(l: Layout): Generator<RowOut> {
  for (const m of l.mentions) {
    const i = l.observationIndex.get(m.observation_id);
    const conflict = i !== undefined && l.observations[i]!.conflict;
    yield shapeRow({ ...m, doc_title: l.titleAt(m.doc, m.start) }, MENTIONS.columns, conflict, l.lang);
  }
}

/** One row per mention of each conflicting observation: its kept figures beside what each mention says. */
export function* conflictRows(l: Layout): Generator<RowOut> {
  for (const i of l.conflicts) {
    const o = l.observations[i]!;
    for (const m of mentionsOf(l, i)) {
      const record = { ...o, observation_id: o.id, doc: m.doc, doc_title: l.titleAt(m.doc, m.start), quote: m.quote, section: m.section, from_table: m.from_table, start: m.start, end: m.end };
      yield shapeRow(record, CONFLICTS.columns, true, l.lang);
    }
  }
}

export function isBatch(result: ExtractResult | BatchResult): result is BatchResult {
  return Array.isArray((result as BatchResult).failures);
}

/** A file that could not be read still gets its row, so the Documents sheet accounts for every input. */
export function failureRecord(f: Failure): Record<string, unknown> {
  return {
    doc: path.basename(f.file),
    part: 0,
    observations: 0,
    mentions: 0,
    conflicts: 0,
    failures: 1,
    failure_code: f.code,
    failure_message: `${f.file}: ${f.message}`,
  };
}

export function* documentRows(result: ExtractResult | BatchResult, lang: Lang = DEFAULT_LANG): Generator<RowOut> {
  for (const d of result.documents) yield shapeRow({ ...d, failures: 0 }, DOCUMENTS.columns, d.conflicts > 0, lang);
  if (isBatch(result)) for (const f of result.failures) yield shapeRow(failureRecord(f), DOCUMENTS.columns, false, lang);
}
