// Paragraph styles (word/styles.xml): which paragraphs are headings and at what level, which
// are lines of a table of contents, which carry list numbering or tab stops of their own.
// A style inherits from the style it is based on; a paragraph's own properties come first.
import words from "./styles.json" with { type: "json" };
import { attr, child, children, path, type Element } from "./xml.js";
import type { Document } from "domhandler";

interface Style {
  id: string;
  name: string; // lower case, no spaces
  basedOn: string | null;
  outline: number | null; // w:outlineLvl: 0-8 a heading level, 9 body text
  numId: string | null;
  ilvl: number | null;
  tabStops: boolean;
  indent: boolean | null; // a first-line indent (null: as the style it is based on)
}

export interface ParagraphStyle {
  /** Heading level (1 = top), 0 for body text. */
  heading: number;
  /** A line of a table of contents. */
  contents: boolean;
  /** List numbering: the w:num instance and level, or null. */
  numId: string | null;
  ilvl: number | null;
  /** The style the numbering came from (for a level found by its w:pStyle). */
  numStyle: string | null;
  /** Tab stops of its own (w:tabs): tabs then separate columns one for one. */
  tabStops: boolean;
  /** Its first line is indented (a new paragraph, not the rest of the last one). */
  indent: boolean;
}

/** Style names are compared in lower case without spaces ("Heading 1" = "heading1"). */
export function styleKey(name: string): string {
  let s = "";
  for (const ch of name.toLowerCase()) if (ch !== " " && ch !== "\u00a0" && ch !== "\t") s += ch;
  return s;
}

const HEADINGS = new Map(Object.entries(words.headings).map(([k, v]) => [styleKey(k), v]));
const CONTENTS = new Set(words.contents.map(styleKey));

function intAttr(el: Element | null): number | null {
  const v = attr(el, "w:val");
  if (v === null) return null;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : null;
}

/** Whether w:ind indents the first line; null when it does not say. */
function firstLineIndent(pPr: Element | null): boolean | null {
  const ind = child(pPr, "w:ind");
  if (!ind) return null;
  const v = attr(ind, "w:firstLineChars") ?? attr(ind, "w:firstLine");
  if (v !== null) return Number.parseFloat(v) > 0;
  return attr(ind, "w:hangingChars") !== null || attr(ind, "w:hanging") !== null ? false : null;
}

function hasTabStops(pPr: Element | null): boolean {
  return children(child(pPr, "w:tabs"), "w:tab").some((t) => attr(t, "w:val") !== "clear");
}

export class Styles {
  private readonly byId = new Map<string, Style>();
  private defaultParagraph: string | null = null;

  constructor(doc: Document | null) {
    const root = child(doc, "w:styles");
    for (const s of children(root, "w:style")) {
      if ((attr(s, "w:type") ?? "paragraph") !== "paragraph") continue;
      const id = attr(s, "w:styleId");
      if (id === null) continue;
      const pPr = child(s, "w:pPr");
      const numPr = child(pPr, "w:numPr");
      this.byId.set(id, {
        id,
        name: styleKey(attr(child(s, "w:name"), "w:val") ?? id),
        basedOn: attr(child(s, "w:basedOn"), "w:val"),
        outline: intAttr(child(pPr, "w:outlineLvl")),
        numId: attr(child(numPr, "w:numId"), "w:val"),
        ilvl: intAttr(child(numPr, "w:ilvl")),
        tabStops: hasTabStops(pPr),
        indent: firstLineIndent(pPr),
      });
      const isDefault = attr(s, "w:default");
      if (isDefault === "1" || isDefault === "true") this.defaultParagraph = id;
    }
  }

  /** The chain of styles a paragraph of this style inherits from, nearest first. */
  private chain(id: string | null): Style[] {
    const out: Style[] = [];
    const seen = new Set<string>();
    let cur = id ?? this.defaultParagraph;
    while (cur !== null && !seen.has(cur) && out.length < 32) {
      seen.add(cur);
      const s = this.byId.get(cur);
      if (!s) {
        // A style the part does not define: its id may still name it (Heading1, TOC1).
        out.push({ id: cur, name: styleKey(cur), basedOn: null, outline: null, numId: null, ilvl: null, tabStops: false, indent: null });
        break;
      }
      out.push(s);
      cur = s.basedOn;
    }
    return out;
  }

  /** What a paragraph is, from its properties (w:pPr) and its style's. */
  paragraph(pPr: Element | null): ParagraphStyle {
    const id = attr(child(pPr, "w:pStyle"), "w:val");
    const chain = this.chain(id);
    let heading = 0;
    const own = intAttr(child(pPr, "w:outlineLvl"));
    if (own !== null) heading = own >= 0 && own <= 8 ? own + 1 : 0;
    else {
      for (const s of chain) {
        if (s.outline !== null) {
          heading = s.outline >= 0 && s.outline <= 8 ? s.outline + 1 : 0;
          break;
        }
        const h = HEADINGS.get(s.name);
        if (h !== undefined) {
          heading = h;
          break;
        }
      }
    }
    const contents = chain.some((s) => CONTENTS.has(s.name));
    const numPr = child(pPr, "w:numPr");
    let numId = attr(child(numPr, "w:numId"), "w:val");
    let ilvl = intAttr(child(numPr, "w:ilvl"));
    let numStyle: string | null = null;
    if (numId === null) {
      const from = chain.find((s) => s.numId !== null);
      if (from) {
        numId = from.numId;
        ilvl = from.ilvl;
        numStyle = from.id;
      }
    } else if (ilvl === null) ilvl = chain.find((s) => s.ilvl !== null)?.ilvl ?? null;
    const indent = firstLineIndent(pPr) ?? chain.find((s) => s.indent !== null)?.indent ?? false;
    return { heading, contents, numId, ilvl, numStyle, tabStops: hasTabStops(pPr) || chain.some((s) => s.tabStops), indent };
  }
}

/** The docPartGallery of a content control ("Table of Contents"), or null. */
export function galleryOf(sdt: Element): string | null {
  return attr(path(sdt, "w:sdtPr", "w:docPartObj", "w:docPartGallery"), "w:val");
}
