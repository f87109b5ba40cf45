// Word (.docx) files → reading text. The body is read in order: paragraphs (with the list
// numbers Word draws, headings from their styles), tables as full grids (a cell merged across
// columns holds its text in its first column, one merged down the rows of one column repeats
// it in each),
// text boxes where they are anchored, footnotes and endnotes after the body. What a reader
// of the printed page does not see is left out: deleted revisions, field instructions (their
// results are kept), hidden text, a table of contents, page headers and footers.
//
// Government files often lay a table out with tabs instead of a table: a run of paragraphs
// whose text is tab-separated columns is read as a table. And a file converted from a PDF
// breaks a sentence where a page ended: a long paragraph that stops mid-sentence goes on in
// the next one unless that one is indented, numbered or a heading.
import type { Document } from "domhandler";
import { ExtractError } from "../../errors.js";
import { ReadingBuilder, type Reading } from "../reading.js";
import { zipTexts } from "../zip.js";
import { Numbering } from "./numbering.js";
import { continues, isBlank } from "./paragraphs.js";
import { galleryOf, Styles } from "./styles.js";
import { attr, child, children, elements, isOn, ownText, parseXml, path, XmlError, type Element } from "./xml.js";

const PARTS = {
  document: "word/document.xml",
  styles: "word/styles.xml",
  numbering: "word/numbering.xml",
  footnotes: "word/footnotes.xml",
  endnotes: "word/endnotes.xml",
};
const WANTED = new Set(Object.values(PARTS));

/** A heading this long, or with a full stop inside, is a paragraph in a heading style. */
const HEADING_MAX = 60;

interface ParagraphBlock {
  kind: "p";
  /** Tabs and line breaks as written ("\t", "\n"). */
  text: string;
  heading: number;
  tabStops: boolean;
  /** Starts a paragraph of its own: indented, numbered, or starting with spaces. */
  starts: boolean;
  /** Which body, cell, text box or note it is in: paragraphs join only within one. */
  container: number;
  source: string;
}

interface TableBlock {
  kind: "table";
  rows: string[][];
  source: string;
}

type Block = ParagraphBlock | TableBlock;

interface Field {
  instruction: string;
  /** Past w:fldChar separate: what follows is the field's result. */
  result: boolean;
}

interface Inline {
  text: string;
  /** Text boxes anchored before any text of the paragraph, and after. */
  before: Block[];
  after: Block[];
}

function isContentsField(instruction: string): boolean {
  const t = instruction.trimStart().toUpperCase();
  return t.startsWith("TOC") && (t.length === 3 || t[3] === " " || t[3] === "\\");
}

/** The branch of a markup-compatibility block to read: its first choice, else its fallback. */
function chosen(alt: Element): Element | null {
  return child(alt, "mc:Choice") ?? child(alt, "mc:Fallback");
}

class Walker {
  private fields: Field[] = [];
  private paragraphs = 0;
  private tables = 0;
  private boxes = 0;
  private containers = 0;
  private container = 0;
  /** Pictures met (a document of pictures only is a scan pasted into Word). */
  pictures = 0;

  constructor(
    private readonly styles: Styles,
    private readonly numbering: Numbering,
  ) {}

  /** Block-level content of a new container (a cell, a text box, a note). */
  private inner(container: Element | null, out: Block[]): void {
    const outer = this.container;
    this.container = ++this.containers;
    this.blocks(container, out);
    this.container = outer;
  }

  /** Block-level content (a body, a cell, a text box, a note) in order. */
  blocks(container: Element | Document | null, out: Block[]): void {
    if (!container) return;
    for (const el of elements(container)) {
      switch (el.name) {
        case "w:p":
          this.paragraph(el, out);
          break;
        case "w:tbl":
          this.table(el, out);
          break;
        case "w:sdt":
          // A table of contents in a content control is skipped whole.
          if (galleryOf(el) !== "Table of Contents") this.blocks(child(el, "w:sdtContent"), out);
          break;
        case "w:customXml":
        case "w:ins":
        case "w:moveTo":
          this.blocks(el, out);
          break;
        case "mc:AlternateContent":
          this.blocks(chosen(el), out);
          break;
        default:
          // w:del, w:moveFrom (deleted), w:sectPr, bookmarks, w:altChunk (an embedded file).
          break;
      }
    }
  }

  private visible(): boolean {
    return this.fields.every((f) => f.result && !isContentsField(f.instruction));
  }

  private paragraph(p: Element, out: Block[]): void {
    // A field instruction never runs on into the next paragraph; a field left open there is broken.
    this.fields = this.fields.filter((f) => f.result);
    const style = this.styles.paragraph(child(p, "w:pPr"));
    const acc: Inline = { text: "", before: [], after: [] };
    this.inline(p, acc);
    out.push(...acc.before);
    const label = this.numbering.next(style.numId, style.ilvl, style.numStyle);
    if (!style.contents && acc.text.trim().length > 0) {
      this.paragraphs++;
      out.push({
        kind: "p",
        text: label + acc.text,
        heading: style.heading,
        tabStops: style.tabStops,
        starts: style.indent || label.length > 0 || isBlank(acc.text[0]),
        container: this.container,
        source: `p ${this.paragraphs}`,
      });
    }
    out.push(...acc.after);
  }

  /** Inline content of a paragraph (runs and the elements that wrap them). */
  private inline(el: Element | null, acc: Inline): void {
    if (!el) return;
    for (const c of elements(el)) {
      switch (c.name) {
        case "w:r":
          this.run(c, acc);
          break;
        case "w:hyperlink":
        case "w:smartTag":
        case "w:customXml":
        case "w:ins":
        case "w:moveTo":
        case "w:dir":
        case "w:bdo":
          this.inline(c, acc);
          break;
        case "w:sdt":
          this.inline(child(c, "w:sdtContent"), acc);
          break;
        case "w:fldSimple":
          if (!isContentsField(attr(c, "w:instr") ?? "")) this.inline(c, acc);
          break;
        case "mc:AlternateContent":
          this.inline(chosen(c), acc);
          break;
        case "m:oMath":
        case "m:oMathPara":
          if (this.visible()) acc.text += mathText(c);
          break;
        default:
          // w:pPr, w:del, w:moveFrom, bookmarks, comments, proofing marks.
          break;
      }
    }
  }

  private run(r: Element, acc: Inline): void {
    const hidden = isOn(path(r, "w:rPr", "w:vanish"));
    const add = (s: string): void => {
      if (!hidden && this.visible()) acc.text += s;
    };
    for (const c of elements(r)) {
      switch (c.name) {
        case "w:t":
          add(ownText(c));
          break;
        case "w:tab":
        case "w:ptab":
          add("\t");
          break;
        case "w:br":
        case "w:cr":
          add("\n");
          break;
        case "w:noBreakHyphen":
          add("-");
          break;
        case "w:fldChar": {
          const type = attr(c, "w:fldCharType");
          if (type === "begin") this.fields.push({ instruction: "", result: false });
          else if (type === "separate") {
            const f = this.fields[this.fields.length - 1];
            if (f) f.result = true;
          } else if (type === "end") this.fields.pop();
          break;
        }
        case "w:instrText": {
          const f = this.fields[this.fields.length - 1];
          if (f && !f.result) f.instruction += ownText(c);
          break;
        }
        case "w:drawing":
        case "w:pict":
        case "w:object":
          if (this.visible()) this.textBoxes(c, acc);
          break;
        case "mc:AlternateContent": {
          const alt = chosen(c);
          if (alt) this.run(alt, acc);
          break;
        }
        case "w:ruby":
          this.inline(child(c, "w:rubyBase"), acc);
          break;
        default:
          // w:rPr, w:delText, w:delInstrText, w:sym, footnote references, w:lastRenderedPageBreak.
          break;
      }
    }
  }

  /** The text boxes inside a drawing, read as blocks where the drawing is anchored. */
  private textBoxes(el: Element, acc: Inline): void {
    const found: Element[] = [];
    const visit = (e: Element): void => {
      for (const c of elements(e)) {
        if (c.name === "w:txbxContent") found.push(c);
        else if (c.name === "mc:AlternateContent") {
          const alt = chosen(c);
          if (alt) visit(alt);
        } else visit(c);
      }
    };
    visit(el);
    if (found.length === 0) {
      this.pictures++;
      return;
    }
    const where = acc.text.trim().length === 0 ? acc.before : acc.after;
    for (const box of found) {
      this.boxes++;
      const inner: Block[] = [];
      this.inner(box, inner);
      for (const b of inner) where.push({ ...b, source: `text box ${this.boxes}: ${b.source}` });
    }
  }

  private table(tbl: Element, out: Block[]): void {
    const rows = tableRows(tbl).filter((tr) => !path(tr, "w:trPr", "w:del"));
    const read = rows.map((tr) => {
      const trPr = child(tr, "w:trPr");
      return {
        before: Number.parseInt(attr(child(trPr, "w:gridBefore"), "w:val") ?? "0", 10) || 0,
        cells: rowCells(tr).map((tc) => {
          const tcPr = child(tc, "w:tcPr");
          const blocks: Block[] = [];
          this.inner(tc, blocks);
          const vMerge = child(tcPr, "w:vMerge");
          const hMerge = child(tcPr, "w:hMerge");
          return {
            blocks,
            span: Math.max(1, Number.parseInt(attr(child(tcPr, "w:gridSpan"), "w:val") ?? "1", 10) || 1),
            // <w:vMerge/> (no value) continues the cell above; "restart" begins a merge.
            continues: vMerge !== null && attr(vMerge, "w:val") !== "restart",
            // The old horizontal merge: a continuing cell is part of the one on its left.
            hidden: hMerge !== null && attr(hMerge, "w:val") !== "restart",
          };
        }),
      };
    });
    const width = Math.max(0, ...read.map((r) => r.before + r.cells.reduce((n, c) => n + c.span, 0)));
    // A table of one column, or one holding tables, lays text out: its cells are read as blocks.
    if (width <= 1 || read.some((r) => r.cells.some((c) => c.blocks.some((b) => b.kind === "table")))) {
      for (const r of read) for (const c of r.cells) if (!c.continues) out.push(...c.blocks);
      return;
    }
    this.tables++;
    const grid: string[][] = [];
    for (const r of read) {
      const line: string[] = Array(width).fill("");
      const above = grid[grid.length - 1];
      let col = r.before;
      for (const c of r.cells) {
        if (col >= width) break;
        // A merge one column wide (a name or a unit over two rows) repeats; a wider one is read once.
        line[col] = c.hidden ? "" : c.continues ? (c.span === 1 ? (above?.[col] ?? "") : "") : cellText(c.blocks);
        col += c.span;
      }
      grid.push(line);
    }
    emitGrid(grid, `table ${this.tables}`, out, this.container);
  }

  /** Footnotes or endnotes (their separators left out), in order. */
  notes(doc: Document | null, root: string, note: string, out: Block[]): void {
    let n = 0;
    for (const el of children(child(doc, root), note)) {
      const type = attr(el, "w:type");
      if (type !== null && type !== "normal") continue;
      n++;
      const inner: Block[] = [];
      this.inner(el, inner);
      for (const b of inner) out.push({ ...b, source: `${note.slice(2)} ${n}: ${b.source}` });
    }
  }
}

/** A cell's blocks as one line of text. */
function cellText(blocks: Block[]): string {
  return blocks.map((b) => (b.kind === "p" ? b.text : b.rows.map((r) => r.join(" ")).join("\n"))).join("\n");
}

/** The rows of a table, through the content controls and custom XML that may wrap them. */
function tableRows(tbl: Element): Element[] {
  const out: Element[] = [];
  const visit = (el: Element): void => {
    for (const c of elements(el)) {
      if (c.name === "w:tr") out.push(c);
      else if (c.name === "w:sdt") visit(child(c, "w:sdtContent") ?? c);
      else if (c.name === "w:customXml" || c.name === "w:ins" || c.name === "w:sdtContent") visit(c);
      else if (c.name === "mc:AlternateContent") {
        const alt = chosen(c);
        if (alt) visit(alt);
      }
    }
  };
  visit(tbl);
  return out;
}

function rowCells(tr: Element): Element[] {
  const out: Element[] = [];
  const visit = (el: Element): void => {
    for (const c of elements(el)) {
      if (c.name === "w:tc") out.push(c);
      else if (c.name === "w:sdt") visit(child(c, "w:sdtContent") ?? c);
      else if (c.name === "w:customXml" || c.name === "w:ins" || c.name === "w:sdtContent") visit(c);
    }
  };
  visit(tr);
  return out;
}

function mathText(el: Element): string {
  let s = "";
  for (const c of elements(el)) s += c.name === "m:t" ? ownText(c) : mathText(c);
  return s;
}

/**
 * A grid as the table reader wants it: a title row above the header (text in the first
 * column only) is a paragraph before the table, a note row under it one after; a grid of one
 * row is a paragraph.
 */
function emitGrid(grid: string[][], source: string, out: Block[], container: number): void {
  const filled = (c: string): boolean => c.trim().length > 0;
  const single = (row: string[]): boolean => filled(row[0]!) && !row.slice(1).some(filled);
  const para = (text: string): ParagraphBlock => ({ kind: "p", text, heading: 0, tabStops: false, starts: true, container, source });
  const rows = grid.filter((r) => r.some(filled));
  let a = 0;
  let b = rows.length;
  while (a < b && single(rows[a]!)) out.push(para(rows[a++]![0]!));
  const tail: Block[] = [];
  while (b > a && single(rows[b - 1]!)) tail.unshift(para(rows[--b]![0]!));
  if (b - a === 1) out.push(para(rows[a]!.filter(filled).join(" ")));
  else if (b - a > 1) out.push({ kind: "table", rows: rows.slice(a, b), source });
  out.push(...tail);
}

/** The cells of a line laid out with tabs, or null when it is not two columns or more. */
function tabCells(line: string, tabStops: boolean): string[] | null {
  if (!line.includes("\t")) return null;
  const parts = line.split("\t");
  // With tab stops of its own a paragraph uses one tab per column (two tabs: an empty cell);
  // with Word's default stops every few characters, runs of tabs only line the text up.
  const cells = tabStops ? parts : parts.filter((c) => c.trim().length > 0);
  while (cells.length > 0 && cells[cells.length - 1]!.trim().length === 0) cells.pop();
  return cells.filter((c) => c.trim().length > 0).length >= 2 ? cells : null;
}

/** A paragraph's lines as table rows when every one of them is tab-separated columns. */
function tabRows(b: Block | undefined): string[][] | null {
  if (!b || b.kind !== "p" || b.heading > 0 || !b.text.includes("\t")) return null;
  const rows: string[][] = [];
  for (const line of b.text.split("\n")) {
    if (line.trim().length === 0) continue;
    const cells = tabCells(line, b.tabStops);
    if (!cells) return null;
    rows.push(cells);
  }
  return rows.length > 0 ? rows : null;
}

/** Rows that all start with empty cells (an indent) lose those they share. */
function dropSharedIndent(rows: string[][]): string[][] {
  let shared = Infinity;
  for (const r of rows) {
    let k = 0;
    while (k < r.length && r[k]!.trim().length === 0) k++;
    shared = Math.min(shared, k);
  }
  return shared > 0 && Number.isFinite(shared) ? rows.map((r) => r.slice(shared)) : rows;
}

/** Headings marked as the block reader knows them ("## 二、农业"); long or sentence-like ones stay paragraphs. */
function headingLine(b: ParagraphBlock): string {
  const text = b.text.trim();
  if (b.heading === 0 || text.length > HEADING_MAX) return b.text;
  for (let i = 0; i < text.length - 1; i++) if (text[i] === "。" || text[i] === "！" || text[i] === "？") return b.text;
  return `${"#".repeat(Math.min(b.heading, 6))} ${text}`;
}

function isBodyText(b: Block | undefined): b is ParagraphBlock {
  return b !== undefined && b.kind === "p" && b.heading === 0 && tabRows(b) === null;
}

/** Blocks into the reading text; runs of tab-separated paragraphs become tables. */
function emit(blocks: Block[], builder: ReadingBuilder): void {
  for (let i = 0; i < blocks.length; ) {
    const b = blocks[i]!;
    if (b.kind === "table") {
      builder.table(b.rows, b.source);
      i++;
      continue;
    }
    const first = tabRows(b);
    if (first) {
      const rows = [...first];
      let j = i + 1;
      for (let more = tabRows(blocks[j]); more; more = tabRows(blocks[++j])) rows.push(...more);
      if (rows.length >= 2) {
        builder.table(dropSharedIndent(rows), j - i > 1 ? `${b.source}–${(blocks[j - 1] as ParagraphBlock).source}` : b.source);
        i = j;
        continue;
      }
    }
    let text = headingLine(b);
    let last = b;
    let j = i + 1;
    if (isBodyText(b)) {
      for (let next = blocks[j]; isBodyText(next) && next.container === b.container && continues(text, next); next = blocks[++j]) {
        text += next.text;
        last = next;
      }
    }
    builder.paragraph(text, last === b ? b.source : `${b.source}–${last.source}`);
    i = j;
  }
}

function parsePart(texts: Map<string, string>, name: string, file: string): Document | null {
  const xml = texts.get(name);
  if (xml === undefined) return null;
  try {
    return parseXml(xml);
  } catch (err) {
    if (err instanceof XmlError) throw new ExtractError(file, "corrupt", `${name} is damaged XML (${err.message})`);
    throw err;
  }
}

export function readDocx(bytes: Uint8Array, file: string): Reading {
  const texts = zipTexts(bytes, file, (n) => WANTED.has(n));
  const doc = parsePart(texts, PARTS.document, file);
  const body = path(doc, "w:document", "w:body");
  if (!doc || !body) throw new ExtractError(file, "corrupt", `${PARTS.document} has no document body`);
  const walker = new Walker(new Styles(parsePart(texts, PARTS.styles, file)), new Numbering(parsePart(texts, PARTS.numbering, file)));
  const blocks: Block[] = [];
  walker.blocks(body, blocks);
  walker.notes(parsePart(texts, PARTS.footnotes, file), "w:footnotes", "w:footnote", blocks);
  walker.notes(parsePart(texts, PARTS.endnotes, file), "w:endnotes", "w:endnote", blocks);
  const builder = new ReadingBuilder("docx");
  emit(blocks, builder);
  if (builder.empty) {
    throw new ExtractError(
      file,
      "no_text",
      walker.pictures > 0 ? `its only content is ${walker.pictures} picture(s): a scan pasted into Word needs OCR first` : "a Word document with no text in its body",
    );
  }
  return builder.build();
}
