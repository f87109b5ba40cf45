// `zhibiao extract ... --xlsx FILE`: the tidy tables as an Excel workbook (issue 3).
//   指标 (Observations)  an Excel table; each value cell has a note quoting its source; id links to its mentions
//   来源 (Mentions)      an Excel table, grouped by observation; observation_id links back
//   文档 (Documents)     one row per document and per file that could not be read
//   对比 (Compare)       region × headline indicator: latest result and next target, as plain values, one unit a column
//   冲突 (Conflicts)     the mentions of every conflicting observation, side by side
//   计划与实际 (Plan vs result)  each year's target against its result across reports (export/xlsx/series.ts)
//   序列 (Series)        each report's figure of the facts stated more than once, the one used marked
// Sheet names, headers and codes in Chinese by default, English with { lang: "en" } (labels.json).
// Written with exceljs's streaming writer, so a large result never becomes a workbook in memory.
import type { BatchResult, ExtractResult } from "../kit/types.js";
import { checkTarget, writeAtomically } from "./xlsx/file.js";
import { writeXlsx, type WorkbookOptions } from "./xlsx/write.js";

export { WorkbookFileError } from "./xlsx/file.js";
export type { WorkbookOptions } from "./xlsx/write.js";

/** Throws WorkbookFileError now if `file` cannot be written, before any long work is done. */
export async function checkWorkbookTarget(file: string): Promise<void> {
  await checkTarget(file);
}

/** Writes the workbook to `file` (a temporary file renamed into place); throws WorkbookFileError naming the file. */
export async function writeWorkbook(result: ExtractResult | BatchResult, file: string, options: WorkbookOptions = {}): Promise<void> {
  await writeAtomically(file, (out) => writeXlsx(result, out, options));
}
