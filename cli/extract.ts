// `zhibiao extract`: files in, tables out (JSON, CSV, XLSX or a summary on the terminal).
import { extractPaths, skippedSummary } from "../kit/index.js";
import type { BatchResult } from "../kit/types.js";
import { writeCsvTables } from "../export/csv.js";
import { summaryTable } from "./summary.js";
import { progressBar } from "./progress.js";

export interface ExtractCliOptions {
  json?: boolean;
  csv?: string;
  xlsx?: string;
  quiet?: boolean;
  /** Keep the tables in this store file: files unchanged since the last run are not read again. */
  store?: string;
}

/** The tables of `paths` through the store: synced (only changed files read), then read back from it. */
async function throughStore(paths: string[], store: string, quiet?: boolean): Promise<BatchResult> {
  const { syncPaths, storeFileFor } = await import("./store.js");
  const { tablesOfFiles } = await import("../store/index.js");
  const { db, files, listingFailures, skipped } = await syncPaths(paths, storeFileFor(paths, store), { quiet });
  try {
    const t = await tablesOfFiles(db, files);
    return { documents: t.documents, observations: t.observations, mentions: t.mentions, failures: [...listingFailures, ...t.failures], skipped };
  } finally {
    db.close();
  }
}

/** Runs the command and returns the exit status: 1 if any file failed. */
export async function runExtract(paths: string[], opts: ExtractCliOptions): Promise<number> {
  // A workbook that cannot be written is reported before the extraction, not after it.
  // (exceljs is loaded only when a workbook is asked for: it is slow to load.)
  const xlsx = opts.xlsx ? await import("../export/xlsx.js") : null;
  if (xlsx && opts.xlsx) await xlsx.checkWorkbookTarget(opts.xlsx);
  let result: BatchResult;
  if (opts.store) result = await throughStore(paths, opts.store, opts.quiet);
  else {
    const bar = opts.quiet ? null : progressBar();
    try {
      result = await extractPaths(paths, { onProgress: (done, total, file) => bar?.update(done, total, file) });
    } finally {
      bar?.stop();
    }
  }
  for (const f of result.failures) process.stderr.write(`zhibiao: ${f.file}: ${f.message}\n`);
  const skipped = skippedSummary(result.skipped);
  if (skipped) process.stderr.write(`zhibiao: skipped ${skipped} (not reports)\n`);

  if (opts.json) process.stdout.write(JSON.stringify({ documents: result.documents, observations: result.observations, mentions: result.mentions }) + "\n");
  if (opts.csv) {
    const written = await writeCsvTables(result, opts.csv);
    process.stderr.write(`zhibiao: wrote ${written.join(", ")}\n`);
  }
  if (xlsx && opts.xlsx) {
    await xlsx.writeWorkbook(result, opts.xlsx);
    process.stderr.write(`zhibiao: wrote ${opts.xlsx}\n`);
  }
  if (!opts.json && !opts.csv && !opts.xlsx) process.stdout.write(summaryTable(result) + "\n");
  return result.failures.length > 0 ? 1 : 0;
}
