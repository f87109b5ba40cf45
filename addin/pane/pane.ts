/// <reference types="office-js" />
// The task pane: pickers, preview, Insert, Refresh all, and the source of the selected number.
// It works through the Excel host functions (../excel) and the service client; Office itself is
// reached only through the `excel` runner handed in, so a test can hand in a fake.
import type { Client } from "../client.js";
import { ListingUnstable, ServiceError } from "../client.js";
import { insertTable, TargetNotEmpty, type Target } from "../excel/insert.js";
import { refreshAll, tableAtSelection, type RefreshReport } from "../excel/refresh.js";
import { fetchQuery } from "../excel/layouts.js";
import { readPaneSettings, writePaneSettings } from "../excel/memory.js";
import type { FunctionData } from "../functions/data.js";
import { recalculateFunctions } from "../functions/recalc.js";
import { createOptions } from "./options.js";
import { pick } from "../functions/resolve.js";
import { observationAtSelection } from "../excel/source.js";
import { QUERY_KEYS, type Dimension, type FacetItem, type MentionView, type Query } from "../../server/api.js";
import { describeRefresh, type Say } from "./messages.js";
import { createPicker, type Picker } from "./picker.js";

export interface ExcelRunner {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

export interface PaneDeps {
  doc: Document;
  client: Client;
  /** null outside Excel (the page opened in a plain browser). */
  excel: ExcelRunner | null;
  say: Say;
  /** Brings the pane into view (shared runtime), so a problem met by the ribbon's Refresh is seen. */
  showPane?: () => Promise<void>;
  /** The worksheet functions' data: dropped and recalculated on Refresh when the reports changed. */
  functions?: FunctionData;
}

export interface Pane {
  /** Resolves when the first lists are shown. */
  ready: Promise<void>;
  refreshAll(): Promise<RefreshReport | null>;
  /** Refreshes the table holding the selection. */
  refreshTable(): Promise<RefreshReport | null>;
  showSource(): Promise<void>;
}

const QUIET_MS = 120;

export function mountPane(deps: PaneDeps): Pane {
  const { doc, client, say } = deps;
  const $ = <T extends HTMLElement>(id: string) => {
    const el = doc.getElementById(id);
    if (!el) throw new Error(`taskpane.html lacks #${id}`);
    return el as T;
  };
  for (const el of doc.querySelectorAll<HTMLElement>("[data-say]")) el.textContent = say(el.dataset.say as Parameters<Say>[0]);

  const service = $("service");
  const preview = $("preview");
  const status = $("status");
  const details = $("details");
  const problems = $("problems");
  const source = $("source-body");
  const insertButton = $<HTMLButtonElement>("insert");
  const refreshButton = $<HTMLButtonElement>("refresh");
  const refreshTableButton = $<HTMLButtonElement>("refresh-table");
  const options = createOptions($("options"), say, (s) => void deps.excel?.run((ctx) => writePaneSettings(ctx, s)).catch(failed));

  /** Display names of chosen values (indicator ids → names), for naming tables. */
  const labels: Record<string, string> = {};
  const labelOf = (dim: Dimension) => (item: FacetItem) => (dim === "kind" ? say(`kind.${item.value}` as Parameters<Say>[0]) : item.label);
  const pickers = Object.fromEntries(QUERY_KEYS.map((dim) => [dim, createPicker($(`picker-${dim}`), dim, say, labelOf(dim), () => schedule())])) as Record<Dimension, Picker>;
  const query = (): Query => ({
    region: [...pickers.region.selected],
    indicator: [...pickers.indicator.selected],
    period: [...pickers.period.selected],
    kind: [...pickers.kind.selected] as Query["kind"],
  });

  const show = (summary: string, lines: string[] = [], problem = false) => {
    status.textContent = summary;
    status.classList.toggle("problem", problem);
    details.replaceChildren(
      ...lines.map((l) => {
        const li = doc.createElement("li");
        li.textContent = l;
        return li;
      }),
    );
  };
  const failed = (err: unknown) => {
    if (err instanceof ServiceError && err.status === null) return show(say("serviceDown", { detail: err.message }), [], true);
    if (err instanceof ListingUnstable) return show(say("listingUnstable", { n: err.attempts }), [], true);
    if (err instanceof TargetNotEmpty) return show(say("notEmpty", { address: err.address }), [], true);
    show(say("error", { message: (err as Error).message }), [], true);
  };

  // Facets and the preview follow the choices; an answer that arrives after a newer question is dropped.
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void update(), QUIET_MS);
  };
  async function update(): Promise<void> {
    const mine = ++asked;
    const q = query();
    try {
      const [facets, count] = await Promise.all([Promise.all(QUERY_KEYS.map((d) => client.facet(d, q))), client.count(q)]);
      if (mine !== asked) return;
      QUERY_KEYS.forEach((d, i) => {
        for (const item of facets[i]!) labels[item.value] = item.label;
        pickers[d].setItems(facets[i]!);
      });
      const none = QUERY_KEYS.every((k) => q[k].length === 0);
      preview.textContent = say(none ? "previewAll" : "preview", { n: count });
      preview.dataset.count = String(count);
      insertButton.disabled = !deps.excel || count === 0;
    } catch (err) {
      if (mine === asked) failed(err);
    }
  }

  async function checkService(): Promise<void> {
    try {
      const [h, docs] = await Promise.all([client.health(), client.documents()]);
      service.textContent = say("serviceOk", { documents: h.documents, observations: h.observations });
      service.classList.remove("problem");
      problems.hidden = docs.failures.length === 0;
      const head = doc.createElement("p");
      head.textContent = say("failures", { n: docs.failures.length });
      const list = doc.createElement("ul");
      for (const f of docs.failures) {
        const li = doc.createElement("li");
        li.textContent = `${f.file}: ${f.message}`;
        list.append(li);
      }
      problems.replaceChildren(head, list);
    } catch (err) {
      service.textContent = say("serviceDown", { detail: (err as Error).message });
      service.classList.add("problem");
    }
  }

  let busy = false;
  async function exclusive<T>(work: () => Promise<T>): Promise<T | null> {
    if (busy) return null;
    busy = true;
    insertButton.disabled = refreshButton.disabled = refreshTableButton.disabled = true;
    show(say("working"));
    try {
      return await work();
    } catch (err) {
      failed(err);
      return null;
    } finally {
      busy = false;
      refreshButton.disabled = refreshTableButton.disabled = !deps.excel;
      insertButton.disabled = !deps.excel || preview.dataset.count === "0";
    }
  }

  async function insert(): Promise<void> {
    const excel = deps.excel;
    if (!excel) return show(say("noExcel"), [], true);
    const target = (doc.querySelector<HTMLInputElement>('input[name="target"]:checked')?.value ?? "selection") as Target;
    await exclusive(async () => {
      const q = query();
      let rows = await client.observations(q);
      const layout = options.layout(rows, q.period);
      // Plan vs result needs targets and results, whatever kinds were ticked.
      const asked = fetchQuery(layout, q);
      if (asked !== q) rows = await client.observations(asked);
      const lang = options.settings().lang;
      const r = await excel.run((ctx) => insertTable(ctx, { rows, query: q, labels, target, layout, lang }));
      show(say("inserted", { table: r.table, sheet: r.sheet, rows: r.rows }));
    });
  }

  async function refresh(which: "all" | "selection" = "all"): Promise<RefreshReport | null> {
    const excel = deps.excel;
    if (!excel) {
      show(say("noExcel"), [], true);
      return null;
    }
    return exclusive(async () => {
      let only: string[] | undefined;
      if (which === "selection") {
        const at = await excel.run(tableAtSelection);
        if (!at) {
          show(say("refreshTable.none"), [], true);
          await deps.showPane?.().catch(() => undefined); // the ribbon's button: say it where it is seen
          return null;
        }
        only = [at];
      }
      const report = await excel.run((ctx) => refreshAll(ctx, (q) => client.observations(q), { only }));
      const d = describeRefresh(report, say);
      // Formula cells follow the same Refresh, when the reports changed since they were computed.
      const fns = deps.functions;
      if (report.serviceError === null && fns) {
        const generation = await client.health().then((h) => h.generation, () => null);
        if (await excel.run((ctx) => recalculateFunctions(ctx, fns, generation))) d.summary += say("sep") + say("recalculated");
      }
      show(d.summary, d.details, d.problem);
      if (d.problem) await deps.showPane?.().catch(() => undefined);
      void showSource(); // the selected number may have just changed
      return report;
    });
  }

  async function showSource(): Promise<void> {
    const excel = deps.excel;
    if (!excel) return;
    try {
      const at = await excel.run(observationAtSelection);
      if (!at) {
        source.replaceChildren(paragraph(say("source.hint"), "note"));
        return;
      }
      let id = at.id;
      if (id === null && at.lookup) {
        // A wide layout's cell: the statement it shows, chosen as the table chose it.
        const l = at.lookup;
        const rows = await client.observations({ region: [l.region], indicator: [l.indicator], period: [l.period], kind: l.kind ? [l.kind] : [] });
        id = pick(rows, l.period, l.kind)?.id ?? null;
        if (id === null) {
          source.replaceChildren(paragraph(say("source.none"), "note"));
          return;
        }
      }
      const m = id === null ? null : await client.mentions(id);
      if (!m) {
        source.replaceChildren(paragraph(say("source.gone"), "problem"));
        return;
      }
      source.replaceChildren(...m.mentions.map(mentionCard));
    } catch (err) {
      source.replaceChildren(paragraph((err as Error).message, "problem"));
    }
  }

  function paragraph(text: string, cls: string): HTMLElement {
    const p = doc.createElement("p");
    p.className = cls;
    p.textContent = text;
    return p;
  }

  function mentionCard(m: MentionView): HTMLElement {
    const card = doc.createElement("figure");
    card.className = "mention";
    const quote = doc.createElement("blockquote");
    quote.textContent = m.quote;
    const cap = doc.createElement("figcaption");
    const page = m.page !== null && m.page !== undefined ? say("source.page").replace("{page}", String(m.page)) : null;
    cap.textContent = [m.title ?? m.doc, page, m.section, m.from_table ? say("source.table") : say("source.prose")].filter(Boolean).join(" · ");
    card.append(quote, cap);
    return card;
  }

  insertButton.addEventListener("click", () => void insert());
  refreshButton.addEventListener("click", () => void refresh());
  refreshTableButton.addEventListener("click", () => void refresh("selection"));
  $("clear").addEventListener("click", () => {
    for (const p of Object.values(pickers)) p.clear();
    schedule();
  });
  insertButton.disabled = true;
  refreshButton.disabled = refreshTableButton.disabled = !deps.excel;
  if (!deps.excel) show(say("noExcel"), [], true);
  source.replaceChildren(paragraph(say("source.hint"), "note"));

  // This workbook's settings; refresh on open when it asks for it.
  const settingsRead = deps.excel
    ? deps.excel.run(readPaneSettings).then(
        (s) => {
          options.setSettings(s);
          if (s.refreshOnOpen) void refresh();
        },
        () => undefined,
      )
    : Promise.resolve();

  return {
    ready: Promise.all([checkService(), update(), settingsRead]).then(() => undefined),
    refreshAll: () => refresh("all"),
    refreshTable: () => refresh("selection"),
    showSource,
  };
}
