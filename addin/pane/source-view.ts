// The 来源 panel: where the selected number comes from. Each mention shows its sentence, or for a
// table row the row's cells under their column headers (which figure is the 2023 actual, which the
// 2024 target), and opens the report's reading text at that place: the quote marked, the number
// highlighted and scrolled into view, with its page for a PDF. DOM only; text set with textContent.
import { pageAt } from "../../kit/read/reading.js";
import { cellsHolding, tableContext } from "../../kit/read/table-context.js";
import type { Observation } from "../../kit/types.js";
import type { MentionView, ReadingTextResponse } from "../../server/api.js";
import { ServiceError } from "../client.js";
import type { Say } from "./messages.js";
import type { Sources } from "./sources.js";

export interface SourceView {
  /** Shows the sources of one observation (by id), or the hint when no loaded number is selected. */
  show(id: string | null): Promise<void>;
  /** Shows a note instead (a cell for which no number is stated). */
  tell(text: string, problem?: boolean): void;
}

/** Where in a quote the observation's number is written (value first, else growth); null if not found. */
export function numberIn(quote: string, o: Pick<Observation, "value" | "growth_pct">): [number, number] | null {
  for (const v of [o.value, o.growth_pct]) {
    if (v === null || v === undefined) continue;
    for (const s of new Set([String(v), v.toLocaleString("en-US", { maximumFractionDigits: 10 })])) {
      // Not inside a longer number (5 in 2025).
      const re = new RegExp(`(?<![\\d.])${s.replace(/[.,]/g, (c) => `\\${c}`)}(?![\\d])`);
      const m = re.exec(quote);
      if (m) return [m.index, m.index + s.length];
    }
  }
  return null;
}

export function createSourceView(root: HTMLElement, say: Say, sources: Sources): SourceView {
  const doc = root.ownerDocument;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) => {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  let shown = 0;

  function rowTable(m: MentionView, o: Observation, text: string | null): HTMLElement {
    const ctx = text !== null && text.slice(m.start, m.end) === m.quote ? tableContext(text, m.start) : null;
    const cells = ctx?.row ?? m.quote.split("\t").map((c) => c.trim());
    const labels = ctx?.columns ?? [];
    const hits = new Set([...cellsHolding(cells, o.value), ...cellsHolding(cells, o.growth_pct)]);
    const table = el("table", "row-context");
    cells.forEach((cell, i) => {
      if (cell === "" && !labels[i]) return;
      const tr = el("tr", hits.has(i) ? "hit" : undefined);
      tr.append(el("th", undefined, labels[i] || `${say("source.column")} ${i + 1}`), el("td", undefined, cell));
      table.append(tr);
    });
    return table;
  }

  function readingView(m: MentionView, o: Observation, reading: ReadingTextResponse): HTMLElement {
    const box = el("div", "reading");
    const page = m.page ?? pageAt(reading, m.start);
    if (page !== null) box.append(el("p", "note page", say("source.page", { page })));
    const pre = el("pre");
    const quote = el("mark", "quote");
    const at = numberIn(m.quote, o);
    if (at) {
      quote.append(m.quote.slice(0, at[0]), el("mark", "number", m.quote.slice(at[0], at[1])), m.quote.slice(at[1]));
    } else quote.textContent = m.quote;
    pre.append(reading.text.slice(0, m.start), quote, reading.text.slice(m.end));
    box.append(pre);
    return box;
  }

  /** Scrolls the reading box (only it, not the pane) so the number sits in its upper third. */
  function scrollTo(box: HTMLElement): void {
    const pre = box.querySelector("pre")!;
    const target = box.querySelector<HTMLElement>("mark.number") ?? box.querySelector<HTMLElement>("mark.quote");
    if (!target) return;
    pre.scrollTop += target.getBoundingClientRect().top - pre.getBoundingClientRect().top - pre.clientHeight / 3;
  }

  function card(m: MentionView, o: Observation, text: string | null, textError: string | null): HTMLElement {
    const figure = el("figure", "mention");
    figure.dataset.fromTable = String(m.from_table);
    if (m.from_table) figure.append(rowTable(m, o, text));
    else {
      const q = el("blockquote");
      const at = numberIn(m.quote, o);
      if (at) q.append(m.quote.slice(0, at[0]), el("mark", "number", m.quote.slice(at[0], at[1])), m.quote.slice(at[1]));
      else q.textContent = m.quote;
      figure.append(q);
    }
    const page = m.page !== null && m.page !== undefined ? say("source.page", { page: m.page }) : null;
    figure.append(el("figcaption", undefined, [m.title ?? m.doc, page, m.section, m.from_table ? say("source.table") : say("source.prose")].filter(Boolean).join(" · ")));
    const open = el("button", "open", say("source.open"));
    open.type = "button";
    let box: HTMLElement | null = null;
    open.addEventListener("click", () => {
      if (box) {
        box.remove();
        box = null;
        open.textContent = say("source.open");
        return;
      }
      if (text === null) {
        box = el("p", "problem", say("source.noText", { detail: textError ?? "" }));
        figure.append(box);
        return;
      }
      box = readingView(m, o, { doc: m.doc, format: "", text, pageStarts: pageStartsOf.get(m.doc) ?? null });
      figure.append(box);
      open.textContent = say("source.close");
      scrollTo(box);
    });
    figure.append(open);
    return figure;
  }

  const pageStartsOf = new Map<string, number[] | null>();

  async function show(id: string | null): Promise<void> {
    const mine = ++shown;
    if (id === null) {
      root.replaceChildren(el("p", "note", say("source.hint")));
      return;
    }
    try {
      const found = await sources.mentions(id);
      if (mine !== shown) return;
      if (!found) {
        root.replaceChildren(el("p", "problem", say("source.gone")));
        return;
      }
      // Each document's reading text once, for the table rows' headers and the reading view.
      const texts = new Map<string, { text: string | null; error: string | null }>();
      for (const d of new Set(found.mentions.map((m) => m.doc))) {
        try {
          const r = await sources.text(d);
          pageStartsOf.set(d, r?.pageStarts ?? null);
          texts.set(d, { text: r?.text ?? null, error: r ? null : say("source.gone") });
        } catch (err) {
          texts.set(d, { text: null, error: (err as Error).message });
        }
      }
      if (mine !== shown) return;
      root.replaceChildren(...found.mentions.map((m) => card(m, found.observation, texts.get(m.doc)!.text, texts.get(m.doc)!.error)));
    } catch (err) {
      if (mine !== shown) return;
      const down = err instanceof ServiceError && err.status === null;
      root.replaceChildren(el("p", "problem", say("source.unavailable", { detail: (err as Error).message })), ...(down ? [el("p", "note", say("source.fromFile"))] : []));
    }
  }

  function tell(text: string, problem = false): void {
    ++shown;
    root.replaceChildren(el("p", problem ? "problem" : "note", text));
  }

  return { show, tell };
}
