// Where each number came from, as cell notes and links between sheets. Pure: yields
// positions and text; the writer renders them lazily so 100k notes never sit in memory.
import type { Mention, Observation } from "../../kit/types.js";
import { mentionsOf, observationTitle, sheetRow, type Layout } from "./layout.js";
import { CONFLICTS, MENTIONS, OBSERVATIONS, sheetName, type TableSheetSpec } from "./spec.js";
import { DEFAULT_LANG, text, type Lang } from "../../kit/lexicon/labels.js";

/** A hyperlink from a cell to a cell of another sheet (1-based rows and columns). */
export interface Link {
  row: number;
  col: number;
  sheet: string;
  targetRow: number;
  targetCol: number;
  tooltip: string;
}

/** A cell note (Excel "note", formerly "comment"). */
export interface Note {
  row: number;
  col: number;
  text: string;
}

export function columnOf(spec: TableSheetSpec, key: string): number {
  const i = spec.columns.findIndex((c) => c.key === key);
  if (i < 0) throw new Error(`the ${spec.key} sheet has no column ${key}`);
  return i + 1;
}

const CJK = "\\u3000-\\u303f\\u3400-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef";
const BREAK_IN_CJK = new RegExp(`(?<=[${CJK}])[ \\t\\r]*\\n\\s*(?=[${CJK}])`, "g");

/**
 * A quote on one line for reading in a note: line breaks that split a Chinese phrase (text
 * converted from PDF) are dropped, others become a space. The quote column keeps the original.
 */
export function oneLine(text: string): string {
  return text.replace(BREAK_IN_CJK, "").replace(/[ \t\r]*\n\s*/g, " ");
}

/**
 * The note on an observation's value cell: the source sentence first, then where it is (the
 * document's title, which a person reads, rather than its file name), the figure in its standard
 * unit where that differs, and the other mentions.
 */
export function noteText(o: Observation, mentions: readonly Mention[], title: string = o.doc, lang: Lang = DEFAULT_LANG): string {
  const first = mentions[0];
  const lines: string[] = [];
  if (o.conflict) lines.push(text("note_conflict", lang));
  lines.push(oneLine(o.quote));
  lines.push(`—— ${[title, first?.section].filter(Boolean).join(" · ")}`);
  if (o.value_std !== null && o.unit_std !== null && o.unit_std !== o.unit) lines.push(text("note_standard", lang, { value: o.value_std, unit: o.unit_std }));
  const others = mentions.filter((m) => m.quote !== o.quote);
  if (others.length > 0) {
    lines.push(text("note_also", lang));
    for (const m of others) lines.push(`· ${oneLine(m.quote)}${m.from_table ? text("note_table", lang) : ""}`);
  }
  return lines.join("\n");
}

export function* observationNotes(l: Layout): Generator<Note> {
  const col = columnOf(OBSERVATIONS, "value");
  for (let i = 0; i < l.observations.length; i++) {
    yield { row: sheetRow(i), col, text: noteText(l.observations[i]!, mentionsOf(l, i), observationTitle(l, i), l.lang) };
  }
}

/** Each observation's id → the first of its mentions (they are grouped, so the rest follow). */
export function* observationLinks(l: Layout): Generator<Link> {
  const col = columnOf(OBSERVATIONS, "id");
  const targetCol = columnOf(MENTIONS, "observation_id");
  for (let i = 0; i < l.observations.length; i++) {
    const n = l.mentionCount[i]!;
    if (n === 0) continue;
    yield { row: sheetRow(i), col, sheet: sheetName(MENTIONS.key, l.lang), targetRow: sheetRow(l.mentionStart[i]!), targetCol, tooltip: text("link_mentions", l.lang, { n }) };
  }
}

/** Each mention's observation_id → its observation. */
export function* mentionLinks(l: Layout): Generator<Link> {
  const col = columnOf(MENTIONS, "observation_id");
  const targetCol = columnOf(OBSERVATIONS, "id");
  for (let j = 0; j < l.mentions.length; j++) {
    const i = l.observationIndex.get(l.mentions[j]!.observation_id);
    if (i === undefined) continue;
    yield { row: sheetRow(j), col, sheet: sheetName(OBSERVATIONS.key, l.lang), targetRow: sheetRow(i), targetCol, tooltip: text("link_observation", l.lang) };
  }
}

/** Each conflict row's observation_id → its observation. */
export function* conflictLinks(l: Layout): Generator<Link> {
  const col = columnOf(CONFLICTS, "observation_id");
  const targetCol = columnOf(OBSERVATIONS, "id");
  let j = 0;
  for (const i of l.conflicts) {
    for (let k = 0; k < l.mentionCount[i]!; k++) {
      yield { row: sheetRow(j++), col, sheet: sheetName(OBSERVATIONS.key, l.lang), targetRow: sheetRow(i), targetCol, tooltip: text("link_observation", l.lang) };
    }
  }
}
