/// <reference types="office-js" />
// What the workbook remembers, in its settings (saved with the file): per loaded table the query,
// the layout and the columns behind it, keyed by the table's name, so Refresh works after the
// workbook is closed and reopened; and the pane's settings for this workbook.
import { QUERY_KEYS, type Query } from "../../server/api.js";
import { LANGS, type Lang } from "./labels.js";
import { parseLayout, type LayoutSpec } from "./layouts.js";

export interface RememberedColumn {
  /** What the column holds (see layouts.ts GridColumn.key). */
  key: string;
  /** Its header when written; refresh finds the column by it, wherever the user moved it. */
  header: string;
}

export interface Remembered {
  /** The table's name when it was loaded; a renamed table is reported, not followed. */
  table: string;
  /** Excel's id of the table: tells a renamed table from a deleted one, and ours from a user's table that took the name. */
  tableId: string;
  query: Query;
  layout: LayoutSpec;
  /** The language of the headers and code cells. */
  lang: Lang;
  /** Zhibiao's columns, in the order written; every other column of the table is the user's. */
  columns: RememberedColumn[];
  insertedAt: string;
  refreshedAt: string | null;
  /**
   * Set when the rows came from a report dropped into the pane (its file name), not from the
   * service: Refresh all leaves such a table alone and says so; dropping the file again updates it.
   */
  file?: string | null;
}

export const SETTING_PREFIX = "zhibiao.table.";
export const PANE_SETTING = "zhibiao.pane";

const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((v) => typeof v === "string");
const isColumns = (x: unknown): x is RememberedColumn[] =>
  Array.isArray(x) && x.every((c) => c && typeof c === "object" && typeof (c as RememberedColumn).key === "string" && typeof (c as RememberedColumn).header === "string");

/** A setting's value back as a Remembered, or null for anything else (another version, a hand edit). */
export function parseRemembered(value: unknown): Remembered | null {
  const v = (typeof value === "string" ? safeJson(value) : value) as (Partial<Remembered> & { fields?: unknown }) | null;
  if (!v || typeof v !== "object" || typeof v.table !== "string" || !v.query) return null;
  const q = v.query as unknown as Record<string, unknown>;
  if (!QUERY_KEYS.every((k) => isStrings(q[k]))) return null;
  let layout: LayoutSpec | null;
  let columns: RememberedColumn[];
  let lang: Lang;
  if (v.layout !== undefined) {
    layout = parseLayout(v.layout);
    if (!layout || !isColumns(v.columns)) return null;
    columns = v.columns;
    lang = LANGS.includes(v.lang as Lang) ? (v.lang as Lang) : "zh";
  } else if (isStrings(v.fields)) {
    // Tables loaded by the first version: the contract's field names as headers, codes as written.
    layout = { kind: "long", fields: v.fields };
    columns = v.fields.map((f) => ({ key: f, header: f }));
    lang = "en";
  } else return null;
  return {
    table: v.table,
    tableId: typeof v.tableId === "string" ? v.tableId : "",
    query: v.query,
    layout,
    lang,
    columns,
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

/** The pane's settings for this workbook. */
export interface PaneSettings {
  /** Refresh every loaded table when the workbook opens (the pane loads). */
  refreshOnOpen: boolean;
  /** The language of the headers and code cells of tables inserted from now on. */
  lang: Lang;
}

export const DEFAULT_PANE_SETTINGS: PaneSettings = { refreshOnOpen: false, lang: "zh" };

export function parsePaneSettings(value: unknown): PaneSettings {
  const v = (typeof value === "string" ? safeJson(value) : value) as Partial<PaneSettings> | null;
  if (!v || typeof v !== "object") return { ...DEFAULT_PANE_SETTINGS };
  return { refreshOnOpen: v.refreshOnOpen === true, lang: LANGS.includes(v.lang as Lang) ? (v.lang as Lang) : DEFAULT_PANE_SETTINGS.lang };
}

export async function readPaneSettings(context: Excel.RequestContext): Promise<PaneSettings> {
  const settings = loadSettings(context);
  await context.sync();
  return parsePaneSettings(settings.items.find((s) => s.key === PANE_SETTING)?.value);
}

export async function writePaneSettings(context: Excel.RequestContext, s: PaneSettings): Promise<void> {
  context.workbook.settings.add(PANE_SETTING, s);
  await context.sync();
}
