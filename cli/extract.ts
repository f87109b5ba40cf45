// `zhibiao extract`: files in, tables out (JSON, CSV, XLSX or a summary on the terminal).
import { addOutcome, listReportFiles, skippedSummary } from "../kit/index.js";
import { extractFilesParallel } from "../kit/files/parallel.js";
import type { BatchResult } from "../kit/types.js";
import { writeCsvTables } from "../export/csv.js";
import { ClosedOutput, jsonTablesWriter, type JsonTablesWriter } from "../export/json.js";
import { summaryTable } from "./summary.js";
import { progressBar } from "./progress.js";
import { resolveLang } from "./lang.js";

export interface ExtractCliOptions {
  json?: boolean;
  csv?: string;
  xlsx?: string;
  quiet?: boolean;
  /** zh (default) or en: the summary's and the workbook's labels. */
  lang?: string;
  /** Worker threads (default: one per core for large inputs; 1: none). */
  threads?: number;
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
  const lang = resolveLang(opts.lang);
  // A workbook that cannot be written is reported before the extraction, not after it.
  // (exceljs is loaded only when a workbook is asked for: it is slow to load.)
  const xlsx = opts.xlsx ? await import("../export/xlsx.js") : null;
  if (xlsx && opts.xlsx) await xlsx.checkWorkbookTarget(opts.xlsx);
  // --json alone streams (see export/json.ts); CSV, the workbook and the summary take the whole batch.
  const whole = Boolean(opts.csv || opts.xlsx || !opts.json);
  const json: JsonTablesWriter | null = opts.json ? await jsonTablesWriter() : null;
  let result: BatchResult = { documents: [], observations: [], mentions: [], failures: [], skipped: {} };
  try {
    if (opts.store) {
      // The store gives the batch back whole (read from its file, not re-extracted).
      result = await throughStore(paths, opts.store, opts.quiet);
      await json?.add(result);
    } else {
      const { files, failures, skipped } = await listReportFiles(paths);
      result = { documents: [], observations: [], mentions: [], failures, skipped };
      const bar = opts.quiet ? null : progressBar();
      try {
        for await (const outcome of extractFilesParallel(files, { threads: opts.threads, onFile: (o, done, total) => bar?.update(done, total, o.file) })) {
          if (outcome.result) await json?.add(outcome.result);
          if (whole) addOutcome(result, outcome);
          else addOutcome(result, { ...outcome, result: null });
        }
      } finally {
        bar?.stop();
      }
    }
    for (const f of result.failures) process.stderr.write(`zhibiao: ${f.file}: ${f.message}\n`);
    const skippedLine = skippedSummary(result.skipped);
    if (skippedLine) process.stderr.write(`zhibiao: skipped ${skippedLine} (not reports)\n`);

    if (json) await json.finish(process.stdout);
  } catch (err) {
    // A reader that went away (`| head`) ends the command quietly.
    if (!(err instanceof ClosedOutput)) throw err;
    return result.failures.length > 0 ? 1 : 0;
  } finally {
    await json?.dispose();
  }
  if (opts.csv) {
    const written = await writeCsvTables(result, opts.csv);
    process.stderr.write(`zhibiao: wrote ${written.join(", ")}\n`);
  }
  if (xlsx && opts.xlsx) {
    await xlsx.writeWorkbook(result, opts.xlsx, { lang });
    process.stderr.write(`zhibiao: wrote ${opts.xlsx}\n`);
  }
  if (!opts.json && !opts.csv && !opts.xlsx) process.stdout.write(summaryTable(result, lang) + "\n");
  return result.failures.length > 0 ? 1 : 0;
}
