// The package's entry in Node: the browser-safe core plus files and folders.
export * from "./core.js";
export { extractPaths, extractFile, addOutcome, documentNames, listReportFiles, readFileReading, skippedSummary, PDF_OPTIONS, type ExtractPathsOptions, type ReportFiles, type FileOutcome } from "./files/files.js";
export * from "./analysis/index.js";
export { extractFilesParallel, threadsFor, type ParallelOptions } from "./files/parallel.js";
