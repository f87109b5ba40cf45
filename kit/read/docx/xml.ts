// OOXML parts as element trees, read with htmlparser2 in XML mode. Element and attribute names
// are rewritten to a fixed prefix per namespace ("w:p", "w:val", "mc:Choice"), whatever
// prefixes the producer declared, so readers match names without knowing the declarations.
// htmlparser2 forgives broken markup; a part whose elements do not close is reported as
// damaged instead of being read in part.
import { Parser, DomHandler } from "htmlparser2";
import type { ChildNode, Document, Element } from "domhandler";

export type { Element } from "domhandler";

/** The prefix each namespace the readers look at is known by; other namespaces get "x". */
const PREFIXES: Record<string, string> = {
  "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "w",
  "http://purl.oclc.org/ooxml/wordprocessingml/main": "w",
  "http://schemas.openxmlformats.org/markup-compatibility/2006": "mc",
  "http://schemas.openxmlformats.org/officeDocument/2006/math": "m",
  "http://purl.oclc.org/ooxml/officeDocument/math": "m",
  "http://www.w3.org/XML/1998/namespace": "xml",
};

/** Why a part could not be parsed, for the `corrupt` error. */
export class XmlError extends Error {}

/**
 * Parses an XML part into a tree with names as above. Throws XmlError when the markup is
 * broken (an element left open: a truncated part, a stray end tag).
 */
export function parseXml(xml: string): Document {
  const handler = new DomHandler(undefined, { xmlMode: true });
  let broken: string | null = null;
  // A self-closed element (<w:b/>) is reported as closed by implication right after it opens;
  // any other implied close means an element was left open.
  let justOpened = false;
  const parser = new Parser(
    {
      onparserinit: (p) => handler.onparserinit(p),
      onreset: () => handler.onreset(),
      onend: () => handler.onend(),
      onerror: (e) => handler.onerror(e),
      onopentag: (name, attribs) => {
        handler.onopentag(name, attribs);
        justOpened = true;
      },
      onclosetag: (name, implied) => {
        if (implied && !justOpened && broken === null) broken = `<${name}> is not closed`;
        justOpened = false;
        handler.onclosetag();
      },
      ontext: (t) => {
        justOpened = false;
        handler.ontext(t);
      },
      oncomment: (t) => {
        justOpened = false;
        handler.oncomment(t);
      },
      oncommentend: () => handler.oncommentend(),
      oncdatastart: () => {
        justOpened = false;
        handler.oncdatastart();
      },
      oncdataend: () => handler.oncdataend(),
      onprocessinginstruction: (n, d) => handler.onprocessinginstruction(n, d),
    },
    { xmlMode: true },
  );
  parser.end(xml);
  if (broken !== null) throw new XmlError(broken);
  const doc = handler.root;
  renameAll(doc.children, new Map([["xml", PREFIXES["http://www.w3.org/XML/1998/namespace"]!]]));
  return doc;
}

function canonical(qname: string, scope: Map<string, string>, isAttribute: boolean): string {
  const colon = qname.indexOf(":");
  if (colon < 0) {
    // Unprefixed attributes are in no namespace; unprefixed elements are in the default one.
    if (isAttribute) return qname;
    const prefix = scope.get("");
    return prefix ? `${prefix}:${qname}` : qname;
  }
  const prefix = scope.get(qname.slice(0, colon)) ?? "x";
  return `${prefix}:${qname.slice(colon + 1)}`;
}

function renameAll(nodes: ChildNode[], scope: Map<string, string>): void {
  for (const node of nodes) {
    if (node.type !== "tag") continue;
    const el = node as Element;
    let own = scope;
    for (const [k, v] of Object.entries(el.attribs)) {
      if (k === "xmlns" || k.startsWith("xmlns:")) {
        if (own === scope) own = new Map(scope);
        own.set(k === "xmlns" ? "" : k.slice(6), PREFIXES[v] ?? "x");
      }
    }
    el.name = canonical(el.name, own, false);
    const attribs: Record<string, string> = {};
    for (const [k, v] of Object.entries(el.attribs)) if (k !== "xmlns" && !k.startsWith("xmlns:")) attribs[canonical(k, own, true)] = v;
    el.attribs = attribs;
    renameAll(el.children, own);
  }
}

/** The element children of a node. */
export function elements(node: Document | Element): Element[] {
  return node.children.filter((c): c is Element => c.type === "tag");
}

/** The first child element of this name. */
export function child(el: Element | Document | null | undefined, name: string): Element | null {
  if (!el) return null;
  for (const c of el.children) if (c.type === "tag" && (c as Element).name === name) return c as Element;
  return null;
}

/** The element reached by a path of child names ("w:pPr", "w:pStyle"). */
export function path(el: Element | Document | null | undefined, ...names: string[]): Element | null {
  let cur: Element | Document | null | undefined = el;
  for (const n of names) {
    cur = child(cur, n);
    if (!cur) return null;
  }
  return (cur as Element | null) ?? null;
}

/** The child elements of this name. */
export function children(el: Element | Document | null | undefined, name: string): Element[] {
  if (!el) return [];
  return el.children.filter((c): c is Element => c.type === "tag" && (c as Element).name === name);
}

/** An attribute's value, or null. */
export function attr(el: Element | null | undefined, name: string): string | null {
  return el?.attribs[name] ?? null;
}

/** The text directly inside an element (its text and CDATA children). */
export function ownText(el: Element): string {
  let s = "";
  for (const c of el.children) {
    if (c.type === "text") s += c.data;
    else if (c.type === "cdata") for (const t of c.children) if (t.type === "text") s += t.data;
  }
  return s;
}

/** An OOXML on/off property (<w:b/>, <w:vanish w:val="false"/>): present and not switched off. */
export function isOn(el: Element | null): boolean {
  if (!el) return false;
  const v = el.attribs["w:val"];
  return v === undefined || !(v === "0" || v === "false" || v === "off");
}
