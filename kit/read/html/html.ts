// HTML pages (saved from a browser or downloaded from a site, UTF-8 or GBK) → the reading text.
//
// htmlparser2 builds the tree; this module reads it as a browser shows it and a reader reads
// it: the visible text in document order, without what a page wraps around its article
// (scripts, styles, hidden elements, navigation, site header and footer, share widgets,
// menus and lists of related links); from the article's title on (the kit reads a document's
// region, type and year from its title); every block element a line of its own; inline
// elements run together (202<span>5</span>年 is 2025年); tables of figures as table blocks
// (merged cells laid out), tables that only lay out the page read as the blocks they hold.
//
// The layout (reading.ts): one block per line, a blank line between blocks; a data table one
// line per row, cells separated by tabs. Each block's source names its element as
// document.getElementsByTagName would count it: "p 12" is the page's twelfth <p>.
import { parseDocument } from "htmlparser2";
import { isTag, type AnyNode, type Element, type ParentNode } from "domhandler";
import { ExtractError } from "../../errors.js";
import { ReadingBuilder, type Reading } from "../reading.js";
import { decodeHtml } from "./charset.js";
import DATA from "./html.json" with { type: "json" };
import { PATTERNS } from "./patterns.js";
import {
  articleElement,
  collapseSpaces,
  compactText,
  findTitleElement,
  isBlock,
  isChromeByMarkup,
  isHeading,
  isSectioning,
  isUnseen,
  LINK_DENSITY,
  MAJORITY,
  measure,
  pageTitle,
  traverse,
  visibleChars,
  type Stats,
} from "./page.js";
import { holdsFigures, isPresentational, tableGrid, type Grid } from "./tables.js";

const SENTENCE_END = new Set(DATA.sentenceEnd);
const CLOSERS = new Set(DATA.closers);
/** A line this short with no punctuation inside is a title or a heading: a <br> after it ends it. */
const SHORT_LINE = 25;
/** What is left of a box whose links were left out, when no longer than this, is its label (相关稿件：). */
const LABEL_MAX = 16;

/** True when text bytes are an HTML document (a saved or downloaded page). */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 2048);
  let text: string;
  if (head[0] === 0xff && head[1] === 0xfe) text = new TextDecoder("utf-16le").decode(head);
  else if (head[0] === 0xfe && head[1] === 0xff) text = new TextDecoder("utf-16be").decode(head);
  else if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) text = new TextDecoder("latin1").decode(head.subarray(3));
  else text = new TextDecoder("latin1").decode(head);
  let s = text.replace(PATTERNS.invisible, "").toLowerCase();
  // Comments and an XML declaration may come first; a browser's "saved from" comment says it all.
  for (;;) {
    s = s.trimStart();
    if (s.startsWith("<!-- saved from")) return true;
    const close = s.startsWith("<!--") ? "-->" : s.startsWith("<?xml") ? "?>" : null;
    if (!close) break;
    const end = s.indexOf(close);
    if (end < 0) return false;
    s = s.slice(end + close.length);
  }
  return ["<!doctype html", "<html", "<head", "<body", "<meta", "<title"].some((tag) => s.startsWith(tag));
}

type Block = { type: "p"; text: string; source: string; before: boolean } | { type: "table"; rows: string[][]; source: string; before: boolean };

const BR = 0;
type Piece = string | typeof BR;

function endsSentence(line: string): boolean {
  let i = line.length - 1;
  while (i >= 0 && CLOSERS.has(line[i]!)) i--;
  return i >= 0 && SENTENCE_END.has(line[i]!);
}

/** Indented by characters a browser keeps (ideographic spaces, no-break spaces), as a new paragraph is. */
function indented(raw: string): boolean {
  let nbsp = 0;
  for (const ch of raw) {
    if (ch === "\u3000") return true;
    if (ch === "\u00a0") nbsp++;
    else if (ch !== " " && ch !== "\n" && ch !== "\r" && ch !== "\t" && ch !== "\f") break;
  }
  return nbsp >= 2;
}

/** A title, a heading or a signature: short, and no punctuation after its enumerator (一、综合). */
function isShortLine(line: string): boolean {
  const enumerator = PATTERNS.enumerated.exec(line);
  const rest = enumerator ? line.slice(enumerator[0].length) : line;
  return rest.length <= SHORT_LINE && !PATTERNS.innerPunct.test(rest);
}

function isAsciiWordChar(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= "0" && ch <= "9") || (ch >= "a" && ch <= "z") || (ch >= "A" && ch <= "Z"));
}

/**
 * The lines of a block's inline content. Two <br> in a row end a paragraph; so does one after
 * a sentence's end, after a short line with no punctuation (a title, a signature), or before
 * an indented or enumerated line. Any other <br> sits inside a sentence (a page that wraps its
 * paragraphs by hand): the two lines are joined, with a space only between two Latin words.
 */
export function linesOf(pieces: readonly Piece[]): string[] {
  const segments: { raw: string; breaks: number }[] = [];
  let raw = "";
  let breaks = 0;
  for (const p of pieces) {
    if (p !== BR) {
      raw += p;
      continue;
    }
    if (visibleChars(raw) > 0) {
      segments.push({ raw, breaks });
      breaks = 0;
    }
    breaks++;
    raw = "";
  }
  if (visibleChars(raw) > 0) segments.push({ raw, breaks });
  const lines: string[] = [];
  let line = "";
  for (const seg of segments) {
    const text = collapseSpaces(seg.raw);
    if (!text) continue;
    if (!line) {
      line = text;
      continue;
    }
    const newParagraph =
      seg.breaks >= 2 ||
      endsSentence(line) ||
      isShortLine(line) ||
      indented(seg.raw) ||
      PATTERNS.enumerated.test(text);
    if (newParagraph) {
      lines.push(line);
      line = text;
    } else line += isAsciiWordChar(line[line.length - 1]) && isAsciiWordChar(text[0]) ? ` ${text}` : text; // GDP<br>growth
  }
  if (line) lines.push(line);
  return lines;
}

interface WalkOptions {
  /** Leave out page furniture and what comes before the title. */
  boilerplate: boolean;
}

class PageReader {
  readonly blocks: Block[] = [];
  private pieces: Piece[] = [];
  /** The open block elements: their source, where their blocks start, and the text left out inside them. */
  private frames: { source: string; start: number; dropped: number; oneLine: boolean }[] = [];
  /** Open headings and the title element: one line each, whatever <br> wraps them. */
  private oneLine = 0;
  private started: boolean;
  private pre = 0;
  /** Open sectioning elements (article, main, section…). */
  private sections = 0;
  private readonly titleAncestors = new Set<Element>();
  private readonly grids = new Map<Element, Grid>();

  constructor(
    private readonly stats: Map<Element, Stats>,
    private readonly sourceOf: Map<Element, string>,
    private readonly title: Element | null,
    private readonly options: WalkOptions,
    private readonly pageText: number,
  ) {
    this.started = !options.boilerplate || title === null;
    if (title) for (let p = title.parent; p && isTag(p); p = p.parent) this.titleAncestors.add(p);
  }

  private flush(): void {
    if (this.pieces.length === 0) return;
    const source = this.frames[this.frames.length - 1]?.source ?? "body";
    const lines = this.oneLine > 0 ? [collapseSpaces(this.pieces.map((p) => (p === BR ? "\n" : p)).join(""))].filter((l) => l) : linesOf(this.pieces);
    for (const text of lines) this.blocks.push({ type: "p", text, source, before: !this.started });
    this.pieces = [];
  }

  private isProtected(el: Element): boolean {
    if (el === this.title || this.titleAncestors.has(el)) return true;
    const s = this.stats.get(el)!;
    return s.text - s.link >= MAJORITY * this.pageText && this.pageText > 0;
  }

  private isFurniture(el: Element): boolean {
    if (!this.options.boilerplate || this.isProtected(el)) return false;
    if (isChromeByMarkup(el, this.sections > 0)) return true;
    if (!isBlock(el)) return false;
    const s = this.stats.get(el)!;
    return s.text > 0 && s.link >= LINK_DENSITY * s.text && !s.prose;
  }

  /** A table of figures: no table inside it (a frame holds others), not presentational, and its grid holds figures. */
  private isDataTable(table: Element): boolean {
    return !this.stats.get(table)!.table && !isPresentational(table) && holdsFigures(this.grid(table));
  }

  private grid(table: Element): Grid {
    let g = this.grids.get(table);
    if (!g) {
      g = tableGrid(table);
      this.grids.set(table, g);
    }
    return g;
  }

  read(root: ParentNode | AnyNode[]): void {
    traverse(root, {
      enter: (el) => {
        if (isUnseen(el) || !this.stats.has(el)) return false;
        if (el === this.title) {
          this.flush();
          this.started = true;
        }
        if (this.isFurniture(el)) {
          if (isBlock(el)) this.flush();
          const frame = this.frames[this.frames.length - 1];
          if (frame) frame.dropped += this.stats.get(el)!.text;
          return false;
        }
        if (el.name === "br") {
          this.pieces.push(BR);
          return false;
        }
        if (el.name === "hr") {
          this.flush();
          return false;
        }
        if (el.name === "table" && this.isDataTable(el)) {
          this.flush();
          if (this.titleAncestors.has(el) || el === this.title) this.started = true;
          this.readTable(el);
          return false;
        }
        if (el.name === "pre") this.pre++;
        if (isSectioning(el)) this.sections++;
        if (isBlock(el)) {
          this.flush();
          const oneLine = isHeading(el) || el === this.title;
          if (oneLine) this.oneLine++;
          this.frames.push({ source: this.sourceOf.get(el)!, start: this.blocks.length, dropped: 0, oneLine });
        }
        return true;
      },
      exit: (el) => {
        if (el.name === "pre") this.pre--;
        if (isSectioning(el)) this.sections--;
        if (isBlock(el)) {
          this.flush();
          const frame = this.frames.pop()!;
          if (frame.oneLine) this.oneLine--;
          let dropped = frame.dropped;
          // A box whose list of links was left out: its label (相关稿件：, 热点推荐) goes with it.
          const kept = dropped > 0 ? blockChars(this.blocks.slice(frame.start)) : 0;
          if (dropped > kept && kept <= LABEL_MAX && this.options.boilerplate && !this.isProtected(el)) {
            this.blocks.length = frame.start;
            dropped += kept;
          }
          const parent = this.frames[this.frames.length - 1];
          if (parent) parent.dropped += dropped;
        }
      },
      text: (data) => {
        if (this.pre === 0) {
          this.pieces.push(data);
          return;
        }
        // Preformatted text: its line breaks are lines.
        data.split("\n").forEach((line, i) => {
          if (i > 0) this.pieces.push(BR, BR);
          this.pieces.push(line);
        });
      },
    });
    this.flush();
  }

  private readTable(table: Element): void {
    const before = !this.started;
    const captions: Block[] = [];
    for (const child of table.children) {
      if (isTag(child) && child.name === "caption" && !isUnseen(child)) {
        let raw = "";
        traverse(child, { enter: (e) => !isUnseen(e), text: (d) => (raw += d) });
        const text = collapseSpaces(raw);
        if (text) captions.push({ type: "p", text, source: this.sourceOf.get(child)!, before });
      }
    }
    // A row of one cell across the table above its figures is its title, below them a note:
    // lines of their own, as a caption is.
    const { rows, across } = this.grid(table);
    const source = this.sourceOf.get(table)!;
    let first = 0;
    let last = rows.length;
    while (first < last && across[first]) first++;
    while (last > first && across[last - 1]) last--;
    const line = (r: string[]): Block => ({ type: "p", text: r[0]!, source, before });
    this.blocks.push(...captions, ...rows.slice(0, first).map(line));
    if (last > first) this.blocks.push({ type: "table", rows: rows.slice(first, last), source, before });
    this.blocks.push(...rows.slice(last).map(line));
  }
}

/** Each element's name and its number among the page's elements of that name, from 1. */
function sourceNames(doc: ParentNode): Map<Element, string> {
  const counts = new Map<string, number>();
  const names = new Map<Element, string>();
  traverse(doc, {
    enter(el) {
      const n = (counts.get(el.name) ?? 0) + 1;
      counts.set(el.name, n);
      names.set(el, `${el.name} ${n}`);
      return true;
    },
  });
  return names;
}

function blockChars(blocks: readonly Block[]): number {
  return blocks.reduce((n, b) => n + (b.type === "p" ? visibleChars(b.text) : b.rows.reduce((m, r) => m + r.reduce((k, c) => k + visibleChars(c), 0), 0)), 0);
}

export function readHtml(bytes: Uint8Array, file: string): Reading {
  const { text, encoding, warnings } = decodeHtml(bytes, file);
  const doc = parseDocument(text, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const stats = measure(doc);
  const sourceOf = sourceNames(doc);
  const { full, core } = pageTitle(doc);
  const title = findTitleElement(doc, core, stats);
  let pageText = 0;
  for (const child of doc.children) {
    const s = isTag(child) ? stats.get(child) : undefined;
    if (s) pageText += s.text - s.link;
  }

  // Read the article, from its title on; what the page puts around it is left out.
  const article = articleElement(doc, title, stats, pageText);
  const reader = new PageReader(stats, sourceOf, title, { boilerplate: true }, pageText);
  reader.read(article ? [article] : doc);
  let blocks = reader.blocks;
  // A title found deep in the page, after more text than follows it, was not the article's.
  const before = blocks.filter((b) => b.before);
  if (before.length > 0) blocks = blockChars(before) > blockChars(blocks) / 2 ? blocks : blocks.filter((b) => !b.before);
  if (blocks.length === 0) {
    // All of it looked like page furniture: read every visible line rather than nothing.
    const all = new PageReader(stats, sourceOf, null, { boilerplate: false }, pageText);
    all.read(doc);
    blocks = all.blocks;
  }
  if (blocks.length === 0) {
    const titled = full ? ` (titled “${full}”)` : "";
    const framed = [...sourceOf.keys()].some((el) => el.name === "frame" || el.name === "iframe");
    throw new ExtractError(file, "no_text", framed ? `a page that shows other pages in frames${titled}; save the framed page itself` : `a page with no visible text${titled}`);
  }

  const builder = new ReadingBuilder("html");
  // The article's title comes first: its heading, or the <title>'s words when no heading opens
  // the text or the heading leaves some of them out (2022年统计公报 under 宜春市2022年统计公报).
  const opensWithTitle = title !== null && !blocks.some((b) => b.before);
  const heading = opensWithTitle ? compactText(title) : "";
  const compactCore = core.replace(PATTERNS.spaces, "");
  if (compactCore && (!opensWithTitle || (heading !== compactCore && compactCore.includes(heading)))) builder.paragraph(core, "title 1");
  for (const b of blocks) {
    if (b.type === "p") builder.paragraph(b.text, b.source);
    else builder.table(b.rows, b.source);
  }
  return { ...builder.build(), encoding, warnings };
}
