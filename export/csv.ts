// The tidy tables as CSV files, UTF-8 with a BOM so that Excel reads the Chinese right. Text
// cells a spreadsheet program would run as formulas are defused (cell.ts); each file is
// written to a temporary file in the target folder and renamed into place, so a failure
// never leaves a partial table or damages an existing one.
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import type { ExtractResult } from "../kit/types.js";
import { csvSafeText } from "./cell.js";
import { reasonOf } from "./xlsx/file.js";

export const OBSERVATION_COLUMNS = [
  "id", "doc", "region", "period", "period_part", "kind", "indicator", "indicator_id", "value", "unit", "value_std", "unit_std", "growth_pct", "growth_basis",
  "value_qualifier", "growth_qualifier", "target_text", "rank", "rank_scope", "conflict", "quote",
] as const;
export const MENTION_COLUMNS = ["observation_id", "doc", "start", "end", "quote", "section", "from_table", "page"] as const;
export const DOCUMENT_COLUMNS = [
  "doc", "part", "title", "region", "parent_region", "region_source", "type", "report_period", "report_period_part", "plan_period", "date",
  "format", "encoding", "start", "end", "observations", "mentions", "conflicts", "warnings",
] as const;

const BOM = "\ufeff";

export function toCsv(rows: readonly object[], columns: readonly string[]): string {
  // A list (a document's warnings) is one cell, its items separated by "; ".
  const cast = {
    boolean: (b: boolean) => (b ? "true" : "false"),
    string: (s: string) => csvSafeText(s),
    object: (o: object) => csvSafeText(Array.isArray(o) ? o.join("; ") : JSON.stringify(o)),
  };
  return BOM + stringify(rows as Record<string, unknown>[], { header: true, columns: [...columns], cast });
}

/** Writes the three tables to dir and returns the paths written; a failure names the folder and the reason. */
export async function writeCsvTables(result: ExtractResult, dir: string): Promise<string[]> {
  try {
    return await writeTables(result, dir);
  } catch (e) {
    throw new Error(`cannot write the CSV files to ${dir}: ${reasonOf(e)}`, { cause: e });
  }
}

async function writeTables(result: ExtractResult, dir: string): Promise<string[]> {
  const st = await stat(dir).catch(() => null);
  if (st && !st.isDirectory()) throw new Error("it is a file, not a folder");
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    ["observations.csv", toCsv(result.observations, OBSERVATION_COLUMNS)],
    ["mentions.csv", toCsv(result.mentions, MENTION_COLUMNS)],
    ["documents.csv", toCsv(result.documents, DOCUMENT_COLUMNS)],
  ];
  const tag = `${process.pid}.${randomBytes(4).toString("hex")}`;
  const staged = files.map(([name, text]) => ({ target: path.join(dir, name), tmp: path.join(dir, `.${name}.${tag}.tmp`), text }));
  try {
    // All three are written before any is renamed: a full disk leaves the old tables whole.
    for (const f of staged) await writeFile(f.tmp, f.text, { encoding: "utf8", flag: "wx" });
    for (const f of staged) await rename(f.tmp, f.target);
  } catch (e) {
    await Promise.all(staged.map((f) => rm(f.tmp, { force: true })));
    throw e;
  }
  return staged.map((f) => f.target);
}
