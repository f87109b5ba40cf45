/// <reference types="office-js" />
// The query behind each loaded table, kept in the workbook's settings (saved with the file), one
// setting per table keyed by its name, so Refresh works after the workbook is closed and reopened.
import { QUERY_KEYS, type Query } from "../../server/api.js";

export interface Remembered {
  /** The table's name when it was loaded; a renamed table is reported, not followed. */
  table: string;
  /** Excel's id of the table, to tell a renamed table from a deleted one. */
  tableId: string;
  query: Query;
  /** The fields written, in order; refresh writes these under the headers of the same names. */
  fields: string[];
  insertedAt: string;
  refreshedAt: string | null;
  /**
   * Set when the rows came from a report dropped into the pane (its file name), not from the
   * service: Refresh all leaves such a table alone and says so; dropping the file again updates it.
   */
  file?: string | null;
}

export const SETTING_PREFIX = "zhibiao.table.";

const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((v) => typeof v === "string");

/** A setting's value back as a Remembered, or null for anything else (another version, a hand edit). */
export function parseRemembered(value: unknown): Remembered | null {
  const v = (typeof value === "string" ? safeJson(value) : value) as Partial<Remembered> | null;
  if (!v || typeof v !== "object" || typeof v.table !== "string" || !isStrings(v.fields) || !v.query) return null;
  const q = v.query as unknown as Record<string, unknown>;
  if (!QUERY_KEYS.every((k) => isStrings(q[k]))) return null;
  return {
    table: v.table,
    tableId: typeof v.tableId === "string" ? v.tableId : "",
    query: v.query,
    fields: v.fields,
    insertedAt: typeof v.insertedAt === "string" ? v.insertedAt : "",
    refreshedAt: typeof v.refreshedAt === "string" ? v.refreshedAt : null,
    file: typeof v.file === "string" ? v.file : null,
  };
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

/** Queues loading the settings; read them with `rememberedIn` after the next sync. */
export function loadSettings(context: Excel.RequestContext): Excel.SettingCollection {
  const settings = context.workbook.settings;
  settings.load("items/key,items/value");
  return settings;
}

export function rememberedIn(settings: Excel.SettingCollection): Remembered[] {
  return settings.items
    .filter((s) => s.key.startsWith(SETTING_PREFIX))
    .map((s) => parseRemembered(s.value))
    .filter((r): r is Remembered => r !== null)
    .sort((a, b) => (a.table < b.table ? -1 : 1));
}

/** Queued with the caller's next sync. */
export function remember(context: Excel.RequestContext, r: Remembered): void {
  context.workbook.settings.add(SETTING_PREFIX + r.table, r);
}
