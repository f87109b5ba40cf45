// The tidy tables as CSV files, UTF-8 with a BOM so that Excel reads the Chinese right.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import type { ExtractResult } from "../kit/types.js";

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
  const cast = { boolean: (b: boolean) => (b ? "true" : "false"), object: (o: object) => (Array.isArray(o) ? o.join("; ") : JSON.stringify(o)) };
  return BOM + stringify(rows as Record<string, unknown>[], { header: true, columns: [...columns], cast });
}

/** Writes the three tables to dir and returns the paths written. */
export async function writeCsvTables(result: ExtractResult, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    ["observations.csv", toCsv(result.observations, OBSERVATION_COLUMNS)],
    ["mentions.csv", toCsv(result.mentions, MENTION_COLUMNS)],
    ["documents.csv", toCsv(result.documents, DOCUMENT_COLUMNS)],
  ];
  const written: string[] = [];
  for (const [name, text] of files) {
    const p = path.join(dir, name);
    await writeFile(p, text, "utf8");
    written.push(p);
  }
  return written;
}
