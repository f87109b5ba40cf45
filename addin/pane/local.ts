// A report dropped into the pane, read in the page with the kit's browser-safe core: no service.
// This module is loaded on first drop only (a chunk of its own), and it loads pdf.js and exceljs
// only for their formats, so the pane's first load stays small.
import { extractReading, readBytes } from "../../kit/core.js";
import type { LocalReport } from "./sources.js";

export interface ReadProgress {
  (step: "reading" | "extracting", page?: { page: number; pages: number }): void;
}

/** pdf.js's files, copied beside the page by scripts/build-addin.mjs; relative to the page. */
export const PDF_ASSETS = {
  cMapUrl: "pdfjs/cmaps/",
  standardFontDataUrl: "pdfjs/standard_fonts/",
  workerSrc: "pdfjs/pdf.worker.min.mjs",
} as const;

/** Bytes → the tidy tables and the reading text their offsets index. Throws the kit's ExtractError. */
export async function readReport(bytes: Uint8Array, name: string, progress: ReadProgress = () => undefined): Promise<LocalReport> {
  progress("reading");
  const reading = await readBytes(bytes, { name, pdf: { ...PDF_ASSETS, onPage: (page, pages) => progress("reading", { page, pages }) } });
  progress("extracting");
  // Let the page paint the step before the (synchronous) extraction runs.
  await new Promise((r) => setTimeout(r, 0));
  const result = extractReading(reading, { name });
  return { name, result, text: reading.text, format: reading.format, pageStarts: reading.pageStarts };
}
