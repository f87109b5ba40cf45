// Lines → blocks: headings, paragraphs (lines joined across the breaks a page or a web
// page put inside a sentence), tables (tab-separated, markdown "| a | b |" or space-aligned
// rows) and boilerplate to skip.
import { cleanRange, type Span } from "./clean.js";
import { NO_REPAIRS, type Repairs } from "./repair.js";
import { P } from "../patterns.js";

export interface Line {
  start: number;
  end: number; // exclusive, without the line break
  indent: number;
}

export interface Cell {
  text: string; // cleaned
  start: number;
  end: number;
}

export interface TableRow {
  start: number;
  end: number;
  cells: Cell[];
}

export type Block =
  | { type: "heading"; start: number; end: number; span: Span; markdown: number }
  | { type: "paragraph"; start: number; end: number; span: Span }
  | { type: "table"; start: number; end: number; rows: TableRow[] }
  | { type: "separator"; start: number; end: number };

/**
 * Lines of raw[start, end). With `literalBreaks` the characters \n (and \r\n) written out in
 * the text end lines too, as the line breaks they once were.
 */
export function splitLines(raw: string, start = 0, end = raw.length, literalBreaks = false): Line[] {
  const lines: Line[] = [];
  let s = start;
  while (s <= end) {
    let e = raw.indexOf("\n", s);
    if (e < 0 || e > end) e = end;
    let next = e + 1;
    if (literalBreaks) {
      const lit = raw.indexOf("\\n", s);
      if (lit >= 0 && lit < e) {
        e = lit;
        next = lit + 2;
      }
    }
    let lineEnd = e;
    if (lineEnd > s && raw.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    if (literalBreaks && lineEnd >= s + 2 && raw.startsWith("\\r", lineEnd - 2)) lineEnd -= 2;
    let indent = 0;
    while (s + indent < lineEnd && P.indentChar.test(raw[s + indent]!)) indent++;
    lines.push({ start: s, end: lineEnd, indent });
    if (e >= end) break;
    s = next;
  }
  return lines;
}

function trimmed(raw: string, line: Line): string {
  return raw.slice(line.start, line.end).trim();
}

function splitCells(raw: string, line: Line, sep: RegExp, repairs: Repairs): Cell[] {
  const cells: Cell[] = [];
  const text = raw.slice(line.start, line.end);
  let last = 0;
  sep.lastIndex = 0;
  const push = (a: number, b: number) => {
    const span = cleanRange(raw, line.start + a, line.start + b, repairs);
    cells.push({ text: span.text, start: line.start + a, end: line.start + b });
  };
  for (let m = sep.exec(text); m; m = sep.exec(text)) {
    push(last, m.index);
    last = m.index + m[0].length;
  }
  push(last, text.length);
  return cells;
}

function isTableLine(raw: string, line: Line): boolean {
  const text = raw.slice(line.start, line.end);
  if (!text.includes("\t")) return false;
  const cells = text.split("\t").filter((c) => c.trim().length > 0);
  return cells.length >= 2 || (cells.length === 1 && text.trim().length < 40);
}

/** A markdown table row: | 指标 | 单位 | 2023年 |, two cells at least. */
function isPipeLine(raw: string, line: Line): boolean {
  const text = trimmed(raw, line);
  return P.pipeRow.test(text) && text.split("|").length >= 4;
}

/** The cells between a markdown row's outer bars; null for the | --- | rule under the header. */
function pipeCells(raw: string, line: Line, repairs: Repairs): Cell[] | null {
  const first = raw.indexOf("|", line.start);
  const last = raw.lastIndexOf("|", line.end - 1);
  const cells = splitCells(raw, { start: first + 1, end: last, indent: 0 }, P.pipe, repairs);
  return cells.every((c) => P.pipeRule.test(c.text)) ? null : cells;
}

/** Cells of a row separated by runs of spaces (text pasted from a PDF). */
function spacedCells(raw: string, line: Line): string[] {
  return raw
    .slice(line.start + line.indent, line.end)
    .split(P.spacedCellSeparator)
    .filter((c) => c.length > 0);
}

/**
 * Lines i.. that form a space-separated table: three or more cells each, and figures in at
 * least two of them (so that a header row above the figures is taken too). Returns the end.
 */
function spacedTableEnd(raw: string, lines: Line[], i: number): number {
  let j = i;
  let numeric = 0;
  while (j < lines.length) {
    const cells = spacedCells(raw, lines[j]!);
    if (cells.length < 3) break;
    if (cells.some((c) => P.numericCell.test(c.trim()))) numeric++;
    j++;
  }
  return numeric >= 2 ? j : i;
}

/** A short line that names a document with its year: 2024年嘉兴市国民经济和社会发展统计公报. */
function isTitleLine(text: string): boolean {
  return text.length <= 60 && P.titleEnd.test(text) && P.yearLike.test(text) && !P.sentenceStop.test(text);
}

function isBoilerplate(text: string): boolean {
  return text.length < 40 && P.boilerplate.test(text);
}

/** Markdown headings, 【栏目】 headlines, enumerated titles ("一、…", "（二）…") and short isolated lines. */
function isHeadingLine(text: string, isolated: boolean): boolean {
  if (P.markdownHeading.test(text) || P.newsHeadline.test(text)) return true;
  if (P.notHeadingEnd.test(text) || P.sentenceEndChar.test(text.slice(0, -1))) return false;
  if (P.enumeratedHeading.test(text)) return text.length <= 60;
  return isolated && text.length <= 40;
}

/**
 * The blocks of raw[start, end). Layout "plain": lines may break inside a sentence and are
 * joined back; "lines": every line is a whole block (a reader's reading text).
 */
export function toBlocks(raw: string, start = 0, end = raw.length, layout: "plain" | "lines" = "plain", repairs: Repairs = NO_REPAIRS): Block[] {
  const lines = splitLines(raw, start, end, repairs.literalBreaks);
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const text = trimmed(raw, line);
    if (text.length === 0) {
      i++;
      continue;
    }
    if (isTableLine(raw, line)) {
      const rows: TableRow[] = [];
      while (i < lines.length && isTableLine(raw, lines[i]!)) {
        const l = lines[i]!;
        rows.push({ start: l.start, end: l.end, cells: splitCells(raw, l, P.tab, repairs) });
        i++;
      }
      blocks.push({ type: "table", start: rows[0]!.start, end: rows[rows.length - 1]!.end, rows });
      continue;
    }
    if (isPipeLine(raw, line)) {
      const rows: TableRow[] = [];
      while (i < lines.length && isPipeLine(raw, lines[i]!)) {
        const l = lines[i]!;
        const cells = pipeCells(raw, l, repairs);
        if (cells) rows.push({ start: l.start + l.indent, end: l.end, cells });
        i++;
      }
      if (rows.length > 0) blocks.push({ type: "table", start: rows[0]!.start, end: rows[rows.length - 1]!.end, rows });
      continue;
    }
    const spacedEnd = spacedTableEnd(raw, lines, i);
    if (spacedEnd > i) {
      const rows: TableRow[] = [];
      while (i < spacedEnd) {
        const l = lines[i]!;
        const inner: Line = { start: l.start + l.indent, end: l.end, indent: 0 };
        rows.push({ start: inner.start, end: l.end, cells: splitCells(raw, inner, P.spacedCellSeparatorAll, repairs) });
        i++;
      }
      blocks.push({ type: "table", start: rows[0]!.start, end: rows[rows.length - 1]!.end, rows });
      continue;
    }
    if (P.separatorLine.test(text)) {
      blocks.push({ type: "separator", start: line.start, end: line.end });
      i++;
      continue;
    }
    if (isBoilerplate(text)) {
      i++;
      continue;
    }
    const isolated = (i === 0 || trimmed(raw, lines[i - 1]!) === "") && (i + 1 >= lines.length || trimmed(raw, lines[i + 1]!) === "");
    if (isHeadingLine(text, isolated)) {
      const s = line.start + line.indent;
      const md = P.markdownHeading.exec(text);
      const skip = md ? md[0].length : 0;
      blocks.push({ type: "heading", start: s, end: line.end, span: cleanRange(raw, s + skip, line.end, repairs), markdown: md ? md[1]!.length : 0 });
      i++;
      continue;
    }
    // A paragraph: this line and the lines that continue its sentence.
    const pStart = line.start + line.indent;
    let pEnd = line.end;
    let lastText = text;
    i++;
    while (layout === "plain" && i < lines.length) {
      if (P.terminated.test(lastText) && lastText.length > 0) break;
      let j = i;
      while (j < lines.length && trimmed(raw, lines[j]!) === "") j++;
      if (j >= lines.length) break;
      const next = lines[j]!;
      const nextText = trimmed(raw, next);
      if (isTableLine(raw, next) || isPipeLine(raw, next) || spacedTableEnd(raw, lines, j) > j || P.markdownHeading.test(nextText) || P.separatorLine.test(nextText) || isBoilerplate(nextText)) break;
      // An indented line starts a paragraph of its own (web pages and 规范性文件 indent each one).
      if (next.indent >= 2) break;
      if (P.newsHeadline.test(nextText) || (P.enumeratedHeading.test(nextText) && isHeadingLine(nextText, false))) break;
      // Across a blank line only a long paragraph continues (a page break inside a sentence);
      // short lines there are titles and front matter, each its own block.
      // A line that ends inside a sentence (…发展的 / 主要目标 / 是：…) goes on whatever its length.
      const inside = P.midSentenceEnd.test(lastText) || P.midSentenceStart.test(nextText);
      if (!inside && (j > i ? pEnd - pStart < 60 : lastText.length < 15)) break;
      // A document's title (2024年嘉兴市…统计公报) stands alone, whatever the lines around it.
      if (isTitleLine(lastText) || isTitleLine(nextText)) break;
      pEnd = next.end;
      lastText = nextText;
      i = j + 1;
    }
    blocks.push({ type: "paragraph", start: pStart, end: pEnd, span: cleanRange(raw, pStart, pEnd, repairs) });
  }
  return blocks;
}
