// Files and folders (Node only). One broken report never stops the others: each failure
// is recorded with the file and the reason, and the rest are still extracted.
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { extractBytes, ExtractError } from "../core.js";
import { failureMessage } from "../lexicon/lexicon.js";
import { P } from "../patterns.js";
import type { BatchResult, Failure } from "../types.js";

/** Text reports; later formats (HTML, DOCX, PDF) get their own readers. */
const REPORT_EXTENSIONS = new Set([".txt", ".text", ".md", ".markdown"]);
const MAX_BYTES = 64 * 1024 * 1024;

function isReportName(name: string): boolean {
  if (name.startsWith(".") || P.readme.test(name)) return false;
  return REPORT_EXTENSIONS.has(path.extname(name).toLowerCase());
}

/** Files named directly are always taken; folders are walked for report files. */
export async function listReportFiles(paths: string[]): Promise<{ files: string[]; failures: Failure[] }> {
  const files: string[] = [];
  const failures: Failure[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules") await walk(p);
      else if (e.isFile() && isReportName(e.name)) files.push(p);
    }
  };
  for (const p of paths) {
    try {
      const st = await stat(p);
      if (st.isDirectory()) await walk(p);
      else files.push(p);
    } catch (err) {
      failures.push({ file: p, code: "unreadable", message: failureMessage("unreadable", (err as NodeJS.ErrnoException).code ?? String(err)) });
    }
  }
  return { files, failures };
}

export interface ExtractPathsOptions {
  /** Called after each file with the number done and the total. */
  onProgress?: (done: number, total: number, file: string) => void;
}

/**
 * The `doc` of each file: its file name, as the data contract asks, unless two files in the
 * batch share one; those are told apart by their paths (relative to the working directory).
 */
export function documentNames(files: string[], cwd = process.cwd()): string[] {
  const counts = new Map<string, number>();
  for (const f of files) counts.set(path.basename(f), (counts.get(path.basename(f)) ?? 0) + 1);
  return files.map((f) => (counts.get(path.basename(f))! > 1 ? path.relative(cwd, path.resolve(f)).split(path.sep).join("/") : path.basename(f)));
}

export async function extractPaths(paths: string[], options: ExtractPathsOptions = {}): Promise<BatchResult> {
  const { files, failures } = await listReportFiles(paths);
  const result: BatchResult = { documents: [], observations: [], mentions: [], failures };
  const names = documentNames(files);
  let done = 0;
  for (const [i, file] of files.entries()) {
    const name = names[i]!;
    try {
      const st = await stat(file);
      if (st.size > MAX_BYTES) throw new ExtractError(file, "too_large", `${(st.size / 1048576).toFixed(0)} MB`);
      const bytes = await readFile(file);
      const r = extractBytes(bytes, { name });
      result.documents.push(...r.documents);
      result.observations.push(...r.observations);
      result.mentions.push(...r.mentions);
    } catch (err) {
      if (err instanceof ExtractError) failures.push({ file, code: err.code, message: failureMessage(err.code, err.detail) });
      else failures.push({ file, code: "unreadable", message: failureMessage("unreadable", (err as Error).message) });
    }
    options.onProgress?.(++done, files.length, file);
  }
  return result;
}
