// The kit's input layer speaks one language: a Reading. Whatever the format, a reader turns
// bytes into the text the kit reads (its *reading text*: for plain text and CSV the decoded
// file itself, so offsets index the file; for HTML, DOCX, PDF and spreadsheets the visible
// text, laid out as below) and says which stretches of it to read. Everything after the
// readers (blocks, metadata, rules, tables, merge) is the same for every format.
//
// The layout readers build (ReadingBuilder): one block per line, a blank line between
// blocks; a paragraph is one line however the source wrapped it; a table row is one line
// with its cells separated by tabs (no tab or line break inside a cell). kit/text/blocks
// reads that as it reads any text, without joining lines into sentences.
import type { TableRow } from "../text/blocks.js";

export type Format = "text" | "csv" | "html" | "docx" | "pdf" | "xlsx";

/** A stretch of the text to split into headings, paragraphs and tables. */
export interface TextSegment {
  kind: "text";
  start: number;
  end: number;
  /**
   * "plain": lines may break inside a sentence (text files, text pasted from PDFs), so the block
   * reader joins them; "lines": every line is a whole block (a reader rebuilt the paragraphs).
   */
  layout: "plain" | "lines";
}

/** A table whose cells the reader already knows (a CSV file of figures): offsets into the text. */
export interface TableSegment {
  kind: "table";
  rows: TableRow[];
}

export type Segment = TextSegment | TableSegment;

/** Where a stretch of the reading text comes from: "p 3", "table 2", "sheet 指标". */
export interface SourceRange {
  start: number;
  end: number;
  source: string;
}

export interface Reading {
  /** What every offset indexes. */
  text: string;
  format: Format;
  /** The character encoding of a format stored as text (text, CSV, HTML); null for the others. */
  encoding: string | null;
  /** The documents the file holds, each a list of segments read in order; usually one. */
  documents: Segment[][];
  /** Offset in `text` where each page starts (page n is index n - 1); null for unpaged formats. */
  pageStarts: number[] | null;
  /** The source of each block a reader laid out, for tools that show where text came from. */
  sources: SourceRange[];
  /** What the reader had to mend (bytes not valid in the file's encoding), for every document's warnings. */
  warnings?: string[];
}

/** The whole text as one document of one segment. */
export function wholeText(text: string, format: Format, encoding: string | null, layout: TextSegment["layout"] = "plain"): Reading {
  return { text, format, encoding, documents: [[{ kind: "text", start: 0, end: text.length, layout }]], pageStarts: null, sources: [] };
}

/** The 1-based page of an offset, or null for unpaged text. */
export function pageAt(reading: Pick<Reading, "pageStarts">, offset: number): number | null {
  const starts = reading.pageStarts;
  if (!starts || starts.length === 0) return null;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** One block line: line breaks and tabs inside become single spaces, the ends are trimmed. */
export function flatten(text: string): string {
  let out = "";
  let space = false;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c === 10 || c === 13 || c === 9 || c === 11 || c === 12 || c === 0x2028 || c === 0x2029) {
      space = out.length > 0;
      continue;
    }
    if (space) {
      out += " ";
      space = false;
    }
    out += ch;
  }
  return out.trimEnd();
}

/**
 * Builds a reading text in the layout above. Readers call paragraph(), table() and page() in
 * reading order; build() returns the Reading.
 */
export class ReadingBuilder {
  private chunks: string[] = [];
  private length = 0;
  private pages: number[] = [];
  private sources: SourceRange[] = [];

  constructor(private readonly format: Format) {}

  private append(s: string): void {
    this.chunks.push(s);
    this.length += s.length;
  }

  /** A block of text: a paragraph, a heading or a title. */
  paragraph(text: string, source?: string): void {
    const line = flatten(text).trim();
    if (line.length === 0) return;
    const start = this.length;
    this.append(line);
    if (source) this.sources.push({ start, end: this.length, source });
    this.append("\n\n");
  }

  /** A table: one line per row, cells separated by tabs. Rows with no text are left out. */
  table(rows: readonly (readonly string[])[], source?: string): void {
    const lines = rows.map((r) => r.map((c) => flatten(c).trim())).filter((r) => r.some((c) => c.length > 0));
    if (lines.length === 0) return;
    const start = this.length;
    lines.forEach((cells, i) => {
      // A row of one cell has no tab, so the block reader takes it as a line of text (a caption).
      this.append(cells.join("\t"));
      if (i < lines.length - 1) this.append("\n");
    });
    if (source) this.sources.push({ start, end: this.length, source });
    this.append("\n\n");
  }

  /** The blocks that follow are on a new page. */
  page(): void {
    this.pages.push(this.length);
  }

  get empty(): boolean {
    return this.length === 0;
  }

  build(): Reading {
    const text = this.chunks.join("");
    return { ...wholeText(text, this.format, null, "lines"), pageStarts: this.pages.length > 0 ? this.pages : null, sources: this.sources };
  }
}
