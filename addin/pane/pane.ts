/// <reference types="office-js" />
// The task pane: pickers, preview, Insert, Refresh all, and the source of the selected number.
// It works through the Excel host functions (../excel) and the service client; Office itself is
// reached only through the `excel` runner handed in, so a test can hand in a fake. The parts with
// their own module: a dropped report (drop.ts), the source view (source-view.ts), what the pickers
// list (listing.ts, zones.ts), the indicator's facts (facts.ts), the language (language.ts).
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
import { QUERY_KEYS, type Dimension, type FacetItem, type Query } from "../../server/api.js";
import { mountDrop } from "./drop.js";
import { createFacts } from "./facts.js";
import { saveLocale } from "./language.js";
import { isZone, listIndicators, listRegions } from "./listing.js";
import { describeRefresh, sayer, type Locale, type Say } from "./messages.js";
import { createPicker, type Picker, type PickerOptions } from "./picker.js";
import { createSourceView } from "./source-view.js";
import { combinedSources, LocalReports } from "./sources.js";
import { zoneParents } from "./zones.js";

export interface ExcelRunner {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

export interface PaneDeps {
  doc: Document;
  client: Client;
  /** null outside Excel (the page opened in a plain browser). */
  excel: ExcelRunner | null;
  /** The pane's language at start (Chinese unless the user chose English); the pane can switch it. */
  locale: Locale;
  /** Where the language choice is remembered (the page's localStorage); null to not remember it. */
  storage?: Pick<Storage, "getItem" | "setItem"> | null;
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
  /** Switches the pane's language (and remembers the choice). */
  setLocale(locale: Locale): void;
}

const QUIET_MS = 120;
/** While the service is unreachable, how often the pane asks again. */
const RETRY_MS = 5000;

export function mountPane(deps: PaneDeps): Pane {
  const { doc, client } = deps;
  let locale = deps.locale;
  let words = sayer(locale);
  // Everything holds this one function, so a language switch reaches every later message.
  const say: Say = (key, vars) => words(key, vars);
  const $ = <T extends HTMLElement>(id: string) => {
    const el = doc.getElementById(id);
    if (!el) throw new Error(`taskpane.html lacks #${id}`);
    return el as T;
  };
  const sayStatic = () => {
    doc.documentElement.lang = locale === "zh" ? "zh-CN" : "en";
    for (const el of doc.querySelectorAll<HTMLElement>("[data-say]")) el.textContent = say(el.dataset.say as Parameters<Say>[0]);
  };
  sayStatic();

  const service = $("service");
  const preview = $("preview");
  const pickerBox = $("pickers");
  const status = $("status");
  const details = $("details");
  const problems = $("problems");
  const local = new LocalReports();
  const sourceView = createSourceView($("source-body"), say, combinedSources(local, client));
  const facts = createFacts($("facts"), say, client);
  const insertButton = $<HTMLButtonElement>("insert");
  const refreshButton = $<HTMLButtonElement>("refresh");
  const refreshTableButton = $<HTMLButtonElement>("refresh-table");
  const options = createOptions($("options"), say, (s) => void deps.excel?.run((ctx) => writePaneSettings(ctx, s)).catch(failed));

  /** Display names of chosen values (indicator ids → names), for naming tables. */
  const labels: Record<string, string> = {};
  const labelOf = (dim: Dimension) => (item: FacetItem) => (dim === "kind" ? say(`kind.${item.value}` as Parameters<Say>[0]) : item.label);
  // Zones (开发区, 产业园…) found among the regions, with the region of the report each comes from.
  const parents = new Map<string, string>();
  const asking = new Set<string>();
  const pickerOptions = (dim: Dimension): PickerOptions => {
    const base = { labelOf: labelOf(dim), onChange: () => schedule() };
    if (dim === "indicator") return { ...base, arrange: (items, selected, more) => listIndicators(items, more, selected), switchKey: "moreIndicators" };
    if (dim === "region") return { ...base, arrange: (items) => listRegions(items, parents) };
    return base;
  };
  const pickers = Object.fromEntries(QUERY_KEYS.map((dim) => [dim, createPicker($(`picker-${dim}`), dim, say, pickerOptions(dim))])) as Record<Dimension, Picker>;
  const lastItems: Partial<Record<Dimension, FacetItem[]>> = {};

  async function placeZones(items: readonly FacetItem[]): Promise<void> {
    const unknown = items.map((i) => i.value).filter((v) => isZone(v) && !parents.has(v) && !asking.has(v));
    if (unknown.length === 0) return;
    for (const z of unknown) asking.add(z);
    try {
      const found = await zoneParents(unknown, client, (await client.documents()).documents);
      for (const [z, p] of found) parents.set(z, p);
      if (found.size && lastItems.region) pickers.region.setItems(lastItems.region);
    } catch {
      // Listed flat, as regions, until the service answers.
      for (const z of unknown) asking.delete(z);
    }
  }

  /** The facts panel follows the last catalogued indicator picked. */
  const showFacts = (again = false) => {
    const ids = [...pickers.indicator.selected].filter((v) => lastItems.indicator?.some((i) => i.value === v && i.id));
    void facts.show(ids[ids.length - 1] ?? null, again);
  };
  const query = (): Query => ({
    region: [...pickers.region.selected],
    indicator: [...pickers.indicator.selected],
    period: [...pickers.period.selected],
    kind: [...pickers.kind.selected] as Query["kind"],
  });

  const show = (summary: string, lines: string[] = [], problem = false) => {
    status.textContent = summary;
    status.classList.toggle("problem", problem);
    details.classList.toggle("problem", problem);
    details.replaceChildren(
      ...lines.map((l) => {
        const li = doc.createElement("li");
        li.textContent = l;
        return li;
      }),
    );
  };
  const targetChoice = () => (doc.querySelector<HTMLInputElement>('input[name="target"]:checked')?.value ?? "selection") as Target;
  const failed = (err: unknown) => {
    if (err instanceof ServiceError && err.status === null) return show(say("serviceDown", { detail: err.message }), [], true);
    if (err instanceof ListingUnstable) return show(say("listingUnstable", { n: err.attempts }), [], true);
    if (err instanceof TargetNotEmpty) return show(say("notEmpty", { address: err.address }), [], true);
    show(say("error", { message: (err as Error).message }), [], true);
  };

  // Facets and the preview follow the choices; an answer that arrives after a newer question is dropped.
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
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
      pickerBox.hidden = false;
      QUERY_KEYS.forEach((d, i) => {
        for (const item of facets[i]!) labels[item.value] = item.label;
        lastItems[d] = facets[i]!;
        pickers[d].setItems(facets[i]!);
      });
      void placeZones(facets[QUERY_KEYS.indexOf("region")]!);
      showFacts();
      const none = QUERY_KEYS.every((k) => q[k].length === 0);
      preview.textContent = say(none ? "previewAll" : "preview", { n: count });
      preview.dataset.count = String(count);
      insertButton.disabled = !deps.excel || count === 0;
    } catch (err) {
      if (mine !== asked) return;
      // Without the service the pickers have nothing to offer: the header says why, and a
      // report can still be dropped into the pane.
      if (err instanceof ServiceError && err.status === null) {
        pickerBox.hidden = true;
        preview.textContent = "";
        preview.dataset.count = "0";
        service.textContent = say("serviceDown", { detail: err.message });
        service.classList.add("problem");
        // Asked again now and then, so the pane comes to life once `zhibiao serve` is started.
        retry ??= setTimeout(() => {
          retry = null;
          void checkService();
          void update();
        }, RETRY_MS);
      } else failed(err);
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
    const target = targetChoice();
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
      showFacts(true);
      return report;
    });
  }

  async function showSource(): Promise<void> {
    const excel = deps.excel;
    if (!excel) return;
    try {
      const at = await excel.run(observationAtSelection);
      if (!at) return void (await sourceView.show(null));
      let id = at.id;
      if (id === null && at.lookup) {
        // A wide layout's cell: the statement it shows, chosen as the table chose it.
        const l = at.lookup;
        const rows = await client.observations({ region: [l.region], indicator: [l.indicator], period: [l.period], kind: l.kind ? [l.kind] : [] });
        id = pick(rows, l.period, l.kind)?.id ?? null;
        if (id === null) return sourceView.tell(say("source.none"));
      }
      await sourceView.show(id);
    } catch (err) {
      show(say("error", { message: (err as Error).message }), [], true);
    }
  }

  mountDrop({ doc, say, locale: () => locale, excel: deps.excel, target: targetChoice, lang: () => options.settings().lang, local, loaded: () => void showSource() });

  const language = $<HTMLSelectElement>("language");
  language.value = locale;
  function setLocale(next: Locale): void {
    locale = next;
    words = sayer(next);
    language.value = next;
    saveLocale(deps.storage ?? null, next);
    sayStatic();
    for (const p of Object.values(pickers)) p.relabel();
    status.textContent = "";
    details.replaceChildren();
    void update();
    showFacts(true);
    void checkService();
    if (deps.excel) void showSource();
    else void sourceView.show(null);
  }
  language.addEventListener("change", () => setLocale(language.value === "en" ? "en" : "zh"));

  insertButton.addEventListener("click", () => void insert());
  refreshButton.addEventListener("click", () => void refresh());
  refreshTableButton.addEventListener("click", () => void refresh("selection"));
  $("clear").addEventListener("click", () => {
    for (const p of Object.values(pickers)) p.clear();
    schedule();
    showFacts();
  });
  insertButton.disabled = true;
  refreshButton.disabled = refreshTableButton.disabled = !deps.excel;
  if (!deps.excel) show(say("noExcel"), [], true);
  void sourceView.show(null);

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
    setLocale,
  };
}
