// Facts about the indicator picked in the pane: its definition, standard unit and aliases from the
// catalogue (kit/lexicon/indicators.json), and its coverage in the served reports: which documents
// and years have it. `coverage` is pure; the panel is DOM only.
// The catalogue file itself, not lexicon.ts: that would bring the kit's word lists into the first load.
import catalogue from "../../kit/lexicon/indicators.json" with { type: "json" };
import type { IndicatorSpec } from "../../kit/lexicon/lexicon.js";
import type { DocumentRow, Observation } from "../../kit/types.js";
import type { Client } from "../client.js";
import type { Say } from "./messages.js";

export interface DocCoverage {
  doc: string;
  title: string | null;
  region: string;
  /** Period labels (2023, 2024H1, 2016-2020), oldest first. */
  periods: string[];
  observations: number;
}

export interface Coverage {
  documents: DocCoverage[];
  periods: string[];
  regions: string[];
}

const label = (o: Pick<Observation, "period" | "period_part">) => o.period + (o.period_part ?? "");
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

/** Which documents (one row per document and region) and years have the observations. */
export function coverage(observations: readonly Observation[], documents: readonly DocumentRow[]): Coverage {
  const rows = new Map<string, { doc: string; region: string; periods: Set<string>; n: number }>();
  for (const o of observations) {
    const key = `${o.doc}\u0000${o.region}`;
    const r = rows.get(key) ?? { doc: o.doc, region: o.region, periods: new Set<string>(), n: 0 };
    r.periods.add(label(o));
    r.n++;
    rows.set(key, r);
  }
  const titleOf = (doc: string, region: string) => {
    const parts = documents.filter((d) => d.doc === doc);
    // A page of several articles: the article about the region, else the first.
    return (parts.length > 1 ? parts.find((d) => d.region === region) : undefined)?.title ?? parts[0]?.title ?? null;
  };
  const docs = [...rows.values()]
    .map((r): DocCoverage => ({ doc: r.doc, title: titleOf(r.doc, r.region), region: r.region, periods: sorted(r.periods), observations: r.n }))
    .sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : a.doc < b.doc ? -1 : 1));
  return { documents: docs, periods: sorted(observations.map(label)), regions: sorted(observations.map((o) => o.region)) };
}

type Spec = IndicatorSpec & { definition?: string };

export function specOf(id: string): Spec | undefined {
  return (catalogue.indicators as Spec[]).find((s) => s.id === id);
}

export interface FactsPanel {
  /** Shows the facts of one catalogued indicator, or hides the panel (null); `again` re-reads the same one. */
  show(id: string | null, again?: boolean): Promise<void>;
}

export function createFacts(root: HTMLElement, say: Say, client: Pick<Client, "observations" | "documents">): FactsPanel {
  const doc = root.ownerDocument;
  let asked = 0;
  let current: string | null | undefined;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) => {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const fact = (dl: HTMLElement, key: Parameters<Say>[0], value: string | HTMLElement, cls?: string) => {
    const dd = el("dd", cls);
    dd.append(value);
    dl.append(el("dt", undefined, say(key)), dd);
  };

  return {
    async show(id, again = false) {
      // The same indicator still picked: its facts are on screen already.
      if (id === current && !again) return;
      current = id;
      const mine = ++asked;
      const spec = id ? specOf(id) : undefined;
      if (!spec) {
        root.hidden = true;
        root.replaceChildren();
        return;
      }
      const dl = el("dl");
      fact(dl, "facts.definition", spec.definition ?? say("facts.noDefinition"), spec.definition ? "definition" : "definition note");
      fact(dl, "facts.unit", spec.defaultUnit, "unit");
      const aliases = [...spec.aliases.map((a) => (typeof a === "string" ? a : a.name)), ...(spec.variants ?? [])];
      if (aliases.length) fact(dl, "facts.aliases", aliases.join("、"), "aliases");
      const cov = el("div", "coverage");
      fact(dl, "facts.coverage", cov);
      root.replaceChildren(el("h2", undefined, `${say("facts.title")}：${spec.name}`), dl);
      root.hidden = false;
      try {
        const q = { region: [], indicator: [spec.id], period: [], kind: [] };
        const [rows, docs] = await Promise.all([client.observations(q), client.documents()]);
        if (mine !== asked) return;
        const c = coverage(rows, docs.documents);
        if (c.documents.length === 0) {
          cov.append(say("facts.none"));
          return;
        }
        cov.append(el("p", undefined, `${say("facts.docs", { n: new Set(c.documents.map((d) => d.doc)).size })} · ${c.periods.join("、")}`));
        const ul = el("ul");
        for (const d of c.documents) {
          const li = el("li");
          li.append(el("b", undefined, d.region), ` ${d.periods.join("、")} · `, el("span", "title", d.title ?? d.doc), el("span", "count", ` ${d.observations}`));
          ul.append(li);
        }
        cov.append(ul);
      } catch (err) {
        if (mine === asked) cov.append(el("span", "problem", (err as Error).message));
      }
    },
  };
}
