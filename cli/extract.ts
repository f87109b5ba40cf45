// `zhibiao extract`: files in, tables out (JSON, CSV, XLSX or a summary on the terminal).
import { extractPaths, skippedSummary } from "../kit/index.js";
import type { BatchResult } from "../kit/types.js";
import { writeCsvTables } from "../export/csv.js";
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
}

/** Runs the command and returns the exit status: 1 if any file failed. */
export async function runExtract(paths: string[], opts: ExtractCliOptions): Promise<number> {
  const lang = resolveLang(opts.lang);
  // A workbook that cannot be written is reported before the extraction, not after it.
  // (exceljs is loaded only when a workbook is asked for: it is slow to load.)
  const xlsx = opts.xlsx ? await import("../export/xlsx.js") : null;
  if (xlsx && opts.xlsx) await xlsx.checkWorkbookTarget(opts.xlsx);
  const bar = opts.quiet ? null : progressBar();
  let result: BatchResult;
  try {
    result = await extractPaths(paths, { onProgress: (done, total, file) => bar?.update(done, total, file) });
  } finally {
    bar?.stop();
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
    await xlsx.writeWorkbook(result, opts.xlsx, { lang });
    process.stderr.write(`zhibiao: wrote ${opts.xlsx}\n`);
  }
  if (!opts.json && !opts.csv && !opts.xlsx) process.stdout.write(summaryTable(result, lang) + "\n");
  return result.failures.length > 0 ? 1 : 0;
}
