// The package's entry in Node: the browser-safe core plus files and folders.
export * from "./core.js";
export { extractPaths, listReportFiles, readFileReading, skippedSummary, PDF_OPTIONS, type ExtractPathsOptions, type ReportFiles } from "./files/files.js";
export * from "./analysis/index.js";
