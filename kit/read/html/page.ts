// What a page's elements are, before any text is read: which ones a reader never sees (scripts,
// hidden elements), which ones start a line, which ones are page furniture (navigation,
// footers, share widgets, lists of links), and which one is the article's title. htmlparser2
// builds the tree; everything here is a decision about it.
import { isTag, isText, type AnyNode, type Element, type ParentNode } from "domhandler";
import DATA from "./html.json" with { type: "json" };
import { PATTERNS } from "./patterns.js";
import { isWide } from "../../text/chars.js";

const SKIP = new Set(DATA.skip);
const BLOCK = new Set(DATA.block);
const CHROME_TAGS = new Set(DATA.chromeTags);
const LANDMARK_TAGS = new Set(DATA.landmarkTags);
const SECTIONING = new Set(DATA.sectioning);
const CHROME_ROLES = new Set(DATA.chromeRoles);
const CHROME_WORDS = new Set(DATA.chromeWords);
const CHROME_PREFIXES = DATA.chromePrefixes;
const HIDDEN_TOKENS = new Set(DATA.hiddenTokens);
const HEADINGS = new Set(DATA.headings);
/** Table parts are never page furniture by their class: a table's header row is its own. */
const TABLE_PARTS = new Set(["thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup", "col"]);

/** A block whose links hold at least this share of its text is a menu or a list of links. */
export const LINK_DENSITY = 0.5;
/** Characters of a block's own text outside links that make it prose (never a list of links). */
export const PROSE_MIN = 50;
/** An element holding this share of the page's text outside links is the content, never furniture. */
export const MAJORITY = 0.5;

// ---------------------------------------------------------------------------------------
// Walking the tree without recursion (a page may nest elements thousands deep).

export interface Visitor {
  /** Called on each element; return true to visit its children (then exit is called). */
  enter(el: Element): boolean;
  exit?(el: Element): void;
  text?(data: string): void;
}

export function traverse(root: ParentNode | AnyNode[], v: Visitor): void {
  const stack: { children: AnyNode[]; i: number; el: Element | null }[] = [{ children: Array.isArray(root) ? root : root.children, i: 0, el: null }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.i >= top.children.length) {
      stack.pop();
      if (top.el) v.exit?.(top.el);
      continue;
    }
    const child = top.children[top.i++]!;
    if (isText(child)) v.text?.(child.data);
    else if (isTag(child) && v.enter(child)) stack.push({ children: child.children, i: 0, el: child });
  }
}

// ---------------------------------------------------------------------------------------
// Characters.

/** Non-white-space characters of a text (what a reader sees of it). */
export function visibleChars(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 32 && c !== 0xa0 && c !== 0x3000 && c !== 0x200b && c !== 0xfeff && c !== 0xad) n++;
  }
  return n;
}


function codePointBefore(s: string, i: number): number {
  const c = s.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) return s.codePointAt(i - 2) ?? c;
  return c;
}

/**
 * Inline text as a browser lays it out: runs of white space are one space (a no-break space
 * too), except that a line break of the source between two Chinese characters is nothing
 * (CSS Text's segment-break rule), and characters a browser does not draw are dropped.
 */
export function collapseSpaces(raw: string): string {
  const text = raw.replace(PATTERNS.invisible, "");
  return text
    .replace(PATTERNS.spaces, (run: string, at: number) => {
      if (at === 0 || at + run.length >= text.length) return " ";
      const broken = run.includes("\n") || run.includes("\r");
      return broken && isWide(codePointBefore(text, at)) && isWide(text.codePointAt(at + run.length) ?? 0) ? "" : " ";
    })
    .trim();
}

// ---------------------------------------------------------------------------------------
// Elements.

function attr(el: Element, name: string): string {
  return el.attribs[name] ?? "";
}

/** Elements a reader never sees: scripts, forms' widgets, hidden elements. */
export function isUnseen(el: Element): boolean {
  if (SKIP.has(el.name)) return true;
  if ("hidden" in el.attribs) return true;
  const style = el.attribs.style;
  if (style && (PATTERNS.displayNone.test(style) || PATTERNS.visibilityHidden.test(style))) return true;
  const cls = el.attribs.class;
  if (cls) for (const token of cls.toLowerCase().split(" ")) if (HIDDEN_TOKENS.has(token.trim())) return true;
  return false;
}

/** Elements that start and end a line. */
export function isBlock(el: Element): boolean {
  const style = el.attribs.style;
  if (style) {
    if (PATTERNS.displayBlock.test(style)) return true;
    if (PATTERNS.displayInline.test(style) && !TABLE_PARTS.has(el.name) && el.name !== "table") return false;
  }
  return BLOCK.has(el.name);
}

export function isHeading(el: Element): boolean {
  return HEADINGS.has(el.name);
}

/** A link: an <a> that goes somewhere or does something (not a bare anchor). */
export function isLink(el: Element): boolean {
  return el.name === "a" && ("href" in el.attribs || "onclick" in el.attribs);
}

/** The words of class and id names: "footer_yqlj" → footer, yqlj; "mainNav" → main, nav. */
export function nameWords(el: Element): string[] {
  const words: string[] = [];
  for (const name of [attr(el, "class"), attr(el, "id")]) {
    let word = "";
    let prevLower = false;
    for (const ch of name) {
      const lower = ch >= "a" && ch <= "z";
      const upper = ch >= "A" && ch <= "Z";
      const digit = ch >= "0" && ch <= "9";
      if (!lower && !upper && !digit) {
        if (word) words.push(word);
        word = "";
        prevLower = false;
        continue;
      }
      if (upper && prevLower) {
        words.push(word);
        word = "";
      }
      word += ch.toLowerCase();
      prevLower = lower || digit;
    }
    if (word) words.push(word);
  }
  return words;
}

/** Whether an element opens sectioning content (inside which a header or footer is the section's own). */
export function isSectioning(el: Element): boolean {
  return SECTIONING.has(el.name);
}

/**
 * Page furniture by its markup: navigation, the site's header and footer, share widgets,
 * related links. `inSection`: the element is inside sectioning content (article, main…).
 */
export function isChromeByMarkup(el: Element, inSection: boolean): boolean {
  const name = el.name;
  if (name === "html" || name === "body") return false;
  if (CHROME_TAGS.has(name)) return true;
  if (LANDMARK_TAGS.has(name) && !inSection) return true;
  const role = attr(el, "role").toLowerCase();
  if (role && CHROME_ROLES.has(role)) return true;
  if (TABLE_PARTS.has(name)) return false;
  for (const w of nameWords(el)) {
    if (CHROME_WORDS.has(w)) return true;
    if (CHROME_PREFIXES.some((p) => w.startsWith(p))) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Text measures of every element.

export interface Stats {
  /** Visible characters (white space not counted). */
  text: number;
  /** Of those, characters inside links. */
  link: number;
  /** A block inside (or the element itself) holds prose of its own: PROSE_MIN characters outside links, links a minority. */
  prose: boolean;
  /** A table inside (not counting the element itself). */
  table: boolean;
}

export function measure(root: ParentNode): Map<Element, Stats> {
  const stats = new Map<Element, Stats>();
  const own = new Map<Element, { text: number; link: number }>();
  const path: Element[] = [];
  const blocks: Element[] = [];
  let links = 0;
  traverse(root, {
    enter(el) {
      if (isUnseen(el)) return false;
      stats.set(el, { text: 0, link: 0, prose: false, table: false });
      path.push(el);
      if (isBlock(el)) {
        blocks.push(el);
        own.set(el, { text: 0, link: 0 });
      }
      if (isLink(el)) links++;
      return true;
    },
    exit(el) {
      path.pop();
      if (isLink(el)) links--;
      const s = stats.get(el)!;
      if (blocks[blocks.length - 1] === el) {
        blocks.pop();
        const o = own.get(el)!;
        if (o.text - o.link >= PROSE_MIN && o.link < o.text * LINK_DENSITY) s.prose = true;
      }
      const parent = path[path.length - 1];
      if (parent) {
        const p = stats.get(parent)!;
        p.text += s.text;
        p.link += s.link;
        p.prose ||= s.prose;
        p.table ||= s.table || el.name === "table";
      }
    },
    text(data) {
      const n = visibleChars(data);
      if (n === 0) return;
      const el = path[path.length - 1];
      if (el) {
        const s = stats.get(el)!;
        s.text += n;
        if (links > 0) s.link += n;
      }
      const block = blocks[blocks.length - 1];
      if (block) {
        const o = own.get(block)!;
        o.text += n;
        if (links > 0) o.link += n;
      }
    },
  });
  return stats;
}

// ---------------------------------------------------------------------------------------
// The article's title.

/** The page's <title>: its text, and the part that names the article ("X _ 站点名" → X). */
export function pageTitle(doc: ParentNode): { full: string; core: string } {
  let full = "";
  traverse(doc, {
    enter(el) {
      if (full || el.name === "svg" || el.name === "math") return false;
      if (el.name === "title") {
        let t = "";
        traverse(el, { enter: () => true, text: (d) => (t += d) });
        full = collapseSpaces(t);
        return false;
      }
      return true;
    },
  });
  const parts = full
    .split(PATTERNS.titleSeparator)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const core = parts.reduce((best, p) => (visibleChars(p) > visibleChars(best) ? p : best), "");
  return { full, core: visibleChars(core) >= 4 ? core : "" };
}

/** Text of an element as one string with no white space (for comparing titles). */
export function compactText(el: Element): string {
  let t = "";
  traverse(el, { enter: (e) => !isUnseen(e), text: (d) => (t += d) });
  return collapseSpaces(t).replace(PATTERNS.spaces, "");
}

function titleMatches(text: string, core: string): boolean {
  if (text.length === 0) return false;
  if (text === core) return true;
  if (core.includes(text)) return text.length >= 0.6 * core.length && text.length >= 4;
  if (text.includes(core)) return core.length >= 0.8 * text.length;
  return false;
}

/**
 * The element that holds the article's title: the innermost block whose text is the page
 * title's article part (or a heading of it), first in reading order, outside links and hidden
 * elements; outside page furniture when there is one there. Without a <title>, the first <h1>.
 */
export function findTitleElement(body: ParentNode, core: string, stats: Map<Element, Stats>): Element | null {
  const target = core.replace(PATTERNS.spaces, "");
  for (const avoidChrome of [true, false]) {
    // Matches in reading order; one with a match inside it (a <div> around the <h1>) gives way to it.
    const matches: { el: Element; outer: boolean }[] = [];
    const open: { el: Element; outer: boolean }[] = [];
    let sections = 0;
    traverse(body, {
      enter(el) {
        if (isUnseen(el) || isLink(el)) return false;
        if (avoidChrome && isChromeByMarkup(el, sections > 0)) return false;
        const s = stats.get(el);
        if (!s || s.text === 0) return false;
        if (isSectioning(el)) sections++;
        if ((isBlock(el) || isHeading(el)) && isCandidate(el, s, target, stats)) {
          const parent = open[open.length - 1];
          if (parent) parent.outer = true;
          const m = { el, outer: false };
          matches.push(m);
          open.push(m);
        }
        return true;
      },
      exit(el) {
        if (isSectioning(el)) sections--;
        if (open[open.length - 1]?.el !== el) return;
        // Whatever holds a match inside it is no title of its own.
        const m = open.pop()!;
        const parent = open[open.length - 1];
        if (m.outer && parent) parent.outer = true;
      },
    });
    const innermost = matches.find((m) => !m.outer);
    if (innermost) return innermost.el;
  }
  return null;
}

function isCandidate(el: Element, s: Stats, target: string, stats: Map<Element, Stats>): boolean {
  if (!target) return el.name === "h1";
  if (s.text < 0.6 * target.length || s.text > 1.25 * target.length + 2) return false;
  // A wrapper whose text is all in one block inside it: that block is the candidate.
  for (const c of el.children) if (isTag(c) && isBlock(c) && stats.get(c)?.text === s.text) return false;
  return titleMatches(compactText(el), target);
}

/**
 * The element that holds the article: the smallest one that holds its title and the element
 * under which most of the page's text outside links sits. Null without a title.
 */
export function articleElement(doc: ParentNode, title: Element | null, stats: Map<Element, Stats>, pageText: number): Element | null {
  if (!title || pageText === 0) return null;
  // Down from the top, into the child that holds most of the text while one does.
  let main: Element | null = null;
  let children = doc.children;
  for (;;) {
    const next = children.find((c): c is Element => {
      const s = isTag(c) ? stats.get(c) : undefined;
      return s !== undefined && s.text - s.link >= MAJORITY * pageText;
    });
    if (!next) break;
    main = next;
    children = next.children;
  }
  if (!main) return null;
  const mainAndAbove = new Set<Element>();
  for (let a: Element | null = main; a; a = a.parent && isTag(a.parent) ? a.parent : null) mainAndAbove.add(a);
  for (let a: Element | null = title; a; a = a.parent && isTag(a.parent) ? a.parent : null) if (mainAndAbove.has(a)) return a;
  return null;
}
