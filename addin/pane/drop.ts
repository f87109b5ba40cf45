/// <reference types="office-js" />
// A report dropped into the pane (or chosen with the file input) is read in the page by the kit's
// browser-safe core and loaded into the workbook through the same insert path as the service's
// rows, with no service at all. The table remembers the file it came from: Refresh all says it
// cannot refresh it from the service, and dropping the same file again updates it in place.
// The message file itself, not lexicon.ts (whose word lists would weigh on the pane's first load).
import messages from "../../kit/lexicon/messages.json" with { type: "json" };
import type { FailureCode, Observation } from "../../kit/types.js";
import { insertTable, TargetNotEmpty, type InsertResult, type Target } from "../excel/insert.js";
import { refreshFileTable, type TableOutcome } from "../excel/refresh.js";
import type { Key, Locale, Say } from "./messages.js";
import type { Lang } from "../excel/labels.js";
import type { ExcelRunner } from "./pane.js";
import type { LocalReport, LocalReports } from "./sources.js";
import type { ReadProgress } from "./local.js";

export interface DropDeps {
  doc: Document;
  say: Say;
  locale: () => Locale;
  excel: ExcelRunner | null;
  target: () => Target;
  /** The language of the table's headers and codes (the workbook's setting). */
  lang?: () => Lang;
  local: LocalReports;
  /** Reads a report (the lazily loaded kit); a test may hand in its own. */
  read?: (bytes: Uint8Array, name: string, progress: ReadProgress) => Promise<LocalReport>;
  /** Called once a report is loaded (the pane re-shows the selection's source). */
  loaded?: (report: LocalReport) => void;
}

export interface DropZone {
  /** Reads and loads each file in turn. */
  load(files: readonly File[]): Promise<void>;
}

const KIND_ORDER: Record<string, number> = { actual: 0, estimate: 1, target: 2 };
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** In the order the service lists rows (region, indicator, period, kind), so a file's table reads like a served one. */
export function orderRows(rows: readonly Observation[]): Observation[] {
  const period = (o: Observation) => o.period + (o.period_part ?? "");
  return [...rows].sort((a, b) => cmp(a.region, b.region) || cmp(a.indicator, b.indicator) || cmp(period(a), period(b)) || (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) || cmp(a.id, b.id));
}

/** The region a file's table is named after: its (first) document's, else the region with most rows. */
export function mainRegion(report: LocalReport): string | null {
  const own = report.result.documents.find((d) => d.region)?.region;
  if (own) return own;
  const counts = new Map<string, number>();
  for (const o of report.result.observations) counts.set(o.region, (counts.get(o.region) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

interface KitError {
  name: string;
  code: FailureCode;
  detail: string;
}
/**
 * Failures whose Chinese message says all a reader needs (a scan, a password, an empty file): the
 * kit's detail is English, so in Chinese it is left out of the line (the pane shows it on hover).
 */
const SELF_EXPLAINED = new Set<string>(["encrypted", "no_text_layer", "empty"]);
const HAS_CJK = /[\u3400-\u9fff]/;

/** The kit's failure message (kit/lexicon/messages.json) in the pane's language. */
export function failureText(code: FailureCode, detail: string, locale: Locale): string {
  const table = messages[locale] as Record<string, string>;
  let template = table[code] ?? code;
  if (locale === "zh" && SELF_EXPLAINED.has(code) && !HAS_CJK.test(detail)) template = template.replace(/（\{detail\}）|：\{detail\}/, "");
  return template.replace("{detail}", detail);
}

const isKitError = (e: unknown): e is KitError => !!e && typeof e === "object" && (e as KitError).name === "ExtractError" && typeof (e as KitError).code === "string";

export function mountDrop(deps: DropDeps): DropZone {
  const { doc, say } = deps;
  const $ = <T extends HTMLElement>(id: string) => {
    const el = doc.getElementById(id);
    if (!el) throw new Error(`taskpane.html lacks #${id}`);
    return el as T;
  };
  const zone = $("drop-zone");
  const input = $<HTMLInputElement>("file-input");
  const progress = $<HTMLProgressElement>("drop-progress");
  const status = $("drop-status");
  const read = deps.read ?? (async (bytes, name, p) => (await import("./local.js")).readReport(bytes, name, p));

  const tell = (key: Key, vars: Record<string, string | number> = {}, problem = false) => {
    status.textContent = say(key, vars);
    status.classList.toggle("problem", problem);
    status.title = "";
  };

  async function loadOne(file: File): Promise<void> {
    const name = file.name;
    progress.hidden = false;
    progress.removeAttribute("value");
    tell("drop.reading", { file: name });
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const report = await read(bytes, name, (step, page) => {
        if (step === "extracting") {
          progress.removeAttribute("value");
          tell("drop.extracting", { file: name });
        } else if (page) {
          progress.max = page.pages;
          progress.value = page.page;
          tell("drop.page", { file: name, ...page });
        }
      });
      deps.local.add(report);
      const rows = orderRows(report.result.observations);
      if (rows.length === 0) return tell("drop.empty", { file: name }, true);
      const excel = deps.excel;
      if (!excel) return tell("drop.read", { file: name, rows: rows.length });
      tell("drop.writing");
      const region = mainRegion(report);
      type Outcome = { updated: TableOutcome } | { inserted: InsertResult };
      const outcome = await excel.run(async (ctx): Promise<Outcome> => {
        const updated = await refreshFileTable(ctx, name, rows);
        if (updated) return { updated };
        const query = { region: region ? [region] : [], indicator: [], period: [], kind: [] };
        return { inserted: await insertTable(ctx, { rows, query, target: deps.target(), file: name, lang: deps.lang?.() }) };
      });
      if ("inserted" in outcome) tell("drop.loaded", { file: name, table: outcome.inserted.table, sheet: outcome.inserted.sheet, rows: outcome.inserted.rows });
      else if (outcome.updated.status === "refreshed") tell("drop.updated", { file: name, table: outcome.updated.table, rows: outcome.updated.rows, changed: outcome.updated.changed });
      else tell("drop.failed", { file: name, message: outcome.updated.status === "failed" ? outcome.updated.message : outcome.updated.status }, true);
      deps.loaded?.(report);
    } catch (err) {
      if (isKitError(err)) {
        tell("drop.failed", { file: name, message: failureText(err.code, err.detail, deps.locale()) }, true);
        status.title = err.detail;
      }
      else if (err instanceof TargetNotEmpty) tell("notEmpty", { address: err.address }, true);
      else tell("drop.failed", { file: name, message: (err as Error).message ?? String(err) }, true);
    } finally {
      progress.hidden = true;
    }
  }

  let queue = Promise.resolve();
  const load = (files: readonly File[]) => {
    for (const f of files) queue = queue.then(() => loadOne(f));
    return queue;
  };

  input.addEventListener("change", () => {
    const files = [...(input.files ?? [])];
    input.value = ""; // the same file chosen again is a new choice
    void load(files);
  });
  zone.addEventListener("dragover", (e) => {
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    void load([...(e.dataTransfer?.files ?? [])]);
  });
  // A file dropped beside the zone must not make the pane navigate away to it.
  for (const type of ["dragover", "drop"] as const) doc.addEventListener(type, (e) => e.preventDefault());
  return { load };
}
