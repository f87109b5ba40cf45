// The pane's words (strings.json) and the sentences built from results. Pure.
import strings from "../strings.json" with { type: "json" };
import type { RefreshReport } from "../excel/refresh.js";
import { REMOVED_SHEET } from "../excel/layout.js";

export type Locale = "zh" | "en";
export type Key = keyof typeof strings.zh;
export type Say = (key: Key, vars?: Record<string, string | number>) => string;

/** Office's display language ("zh-CN", "en-US") → a locale the pane has words for. */
export const localeOf = (displayLanguage: string | undefined): Locale => (/^zh/i.test(displayLanguage ?? "") ? "zh" : "en");

export function sayer(locale: Locale): Say {
  const table: Record<string, string> = strings[locale];
  return (key, vars = {}) => (table[key] ?? key).replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** "已刷新 3 个表，12 个值有变化，1 个表缺失" plus one line per table that needs the user's attention. */
export function describeRefresh(report: RefreshReport, say: Say): { summary: string; details: string[]; problem: boolean } {
  if (report.unstable !== undefined) return { summary: say("listingUnstable", { n: report.unstable }), details: [], problem: true };
  if (report.serviceError !== null) return { summary: say("serviceDown", { detail: report.serviceError }), details: [say("refresh.unchanged")], problem: true };
  if (report.tables.length === 0) return { summary: say("refresh.none"), details: [], problem: false };
  let refreshed = 0;
  let changed = 0;
  let added = 0;
  let removed = 0;
  let missing = 0;
  let failed = 0;
  let files = 0;
  const details: string[] = [];
  for (const t of report.tables) {
    if (t.status === "refreshed") {
      refreshed++;
      changed += t.changed;
      added += t.added;
      removed += t.removed;
      if (t.missingColumns.length) details.push(say("refresh.detail.columns", { table: t.table, columns: t.missingColumns.join(", ") }));
      if (t.addedColumns.length) details.push(say("refresh.detail.added", { table: t.table, columns: t.addedColumns.join(", ") }));
      if (t.newColumns.length) details.push(say("refresh.detail.newColumns", { table: t.table, columns: t.newColumns.join(", ") }));
      if (t.movedCells) details.push(say("refresh.detail.moved", { table: t.table, n: t.movedCells, sheet: REMOVED_SHEET }));
    } else if (t.status === "file") {
      files++;
      details.push(say("refresh.detail.file", { table: t.table, file: t.file }));
    } else if (t.status === "failed") {
      failed++;
      const key = !t.restored ? "refresh.detail.unrestored" : t.step === "move" ? "refresh.detail.move" : t.step === "write" || t.step === "archive" ? "refresh.detail.write" : "refresh.detail.failed";
      details.push(say(key, { table: t.table, message: t.message }));
    } else if (t.status === "foreign") {
      missing++;
      details.push(say("refresh.detail.foreign", { table: t.table }));
    } else {
      missing++;
      details.push(t.status === "renamed" ? say("refresh.detail.renamed", { table: t.table, now: t.now }) : say("refresh.detail.missing", { table: t.table }));
    }
  }
  // Only tables from dropped files: nothing was asked of the service, so no "0 tables refreshed".
  const parts = refreshed + missing + failed === 0 && files > 0 ? [] : [say("refresh.refreshed", { n: refreshed }), say("refresh.changed", { n: changed })];
  if (added || removed) parts.push(say("refresh.rows", { added, removed }));
  if (missing) parts.push(say("refresh.missing", { n: missing }));
  if (failed) parts.push(say("refresh.failed", { n: failed }));
  if (files) parts.push(say("refresh.files", { n: files }));
  return { summary: parts.join(say("sep")), details, problem: missing + failed > 0 };
}
