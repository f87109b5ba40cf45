// Files and folders (Node only). One broken report never stops the others: each failure
// is recorded with the file and the reason, and the rest are still extracted.
import { constants, type Dirent, type Stats } from "node:fs";
import { lstat, open, readdir, realpath, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { extractBytes, ExtractError, formatByName, refusedByName, readBytes, type PdfOptions, type Reading } from "../core.js";
import { failureMessage } from "../lexicon/lexicon.js";
import { P } from "../patterns.js";
import type { BatchResult, ExtractResult, Failure } from "../types.js";

export const MAX_BYTES = 64 * 1024 * 1024;
/** How the skipped-files line names workbooks Zhibiao wrote itself. */
const OWN_OUTPUT = "Zhibiao workbook";

/** In Node, pdf.js reads its CMaps (Chinese fonts need them) and font data from its own package. */
export const PDF_OPTIONS: PdfOptions = (() => {
  const root = path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  return { cMapUrl: pathToFileURL(path.join(root, "cmaps")).href + "/", standardFontDataUrl: pathToFileURL(path.join(root, "standard_fonts")).href + "/" };
})();

/** A file in a folder that a reader takes, or that is a report in a format no reader takes (a named error). */
function isReportName(name: string): boolean {
  if (name.startsWith(".") || name.startsWith("~$") || P.readme.test(name)) return false;
  return formatByName(name) !== null || refusedByName(name) !== null;
}

export interface ReportFiles {
  files: string[];
  failures: Failure[];
  /** Files of the folders walked that are not reports, by extension. */
  skipped: Record<string, number>;
}

/** What a path that is neither a regular file nor a folder is, for the message. */
function specialKind(st: Stats | Dirent): string {
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

function errorCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? String(err);
}

function unreadable(file: string, detail: string): Failure {
  return { file, code: "unreadable", message: failureMessage("unreadable", detail) };
}

/**
 * Files named directly are taken when they are regular files; folders are walked for report
 * files. Nothing is dropped without a word: a folder that cannot be read, a broken link, a link
 * that loops back to a folder being walked, a FIFO or a device is a named failure, and the walk
 * goes on. Links are followed (a link to a folder read elsewhere too reads it again).
 */
export async function listReportFiles(paths: string[]): Promise<ReportFiles> {
  const files: string[] = [];
  const failures: Failure[] = [];
  const skipped: Record<string, number> = {};
  /** `ancestors`: real paths of the folders being walked above this one, where a link would loop. */
  const walk = async (dir: string, ancestors: ReadonlyMap<string, string>): Promise<void> => {
    const real = await realpath(dir).catch(() => path.resolve(dir));
    const loopsTo = ancestors.get(real);
    if (loopsTo !== undefined) {
      failures.push(unreadable(dir, `a link that loops back to the folder ${loopsTo}; not followed`));
      return;
    }
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      failures.push(unreadable(dir, `the folder cannot be read (${errorCode(err)}); its files were not extracted`));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    const inside = new Map(ancestors).set(real, dir);
    for (const e of entries) {
      const p = path.join(dir, e.name);
      // A link is what it points to; a file system that does not say what an entry is is asked.
      let target: Stats | Dirent = e;
      try {
        if (e.isSymbolicLink()) target = await stat(p);
        else if (!e.isFile() && !e.isDirectory() && !e.isFIFO() && !e.isSocket() && !e.isCharacterDevice() && !e.isBlockDevice()) target = await lstat(p);
      } catch (err) {
        const code = errorCode(err);
        failures.push(unreadable(p, code === "ENOENT" ? "a broken link (what it points to does not exist)" : code === "ELOOP" ? "a link that loops (ELOOP)" : code));
        continue;
      }
      if (target.isDirectory()) {
        if (!e.name.startsWith(".") && e.name !== "node_modules") await walk(p, inside);
      } else if (!target.isFile()) failures.push(unreadable(p, `${specialKind(target)}, not a regular file`));
      else if (isReportName(e.name)) files.push(p);
      else {
        // A folder's README is named as itself (a .md that is not read would puzzle); others by extension.
        const kind = P.readme.test(e.name) ? e.name : path.extname(e.name).toLowerCase() || e.name;
        skipped[kind] = (skipped[kind] ?? 0) + 1;
      }
    }
  };
  for (const p of paths) {
    let st: Stats;
    try {
      st = await stat(p);
    } catch (err) {
      failures.push(unreadable(p, errorCode(err)));
      continue;
    }
    if (st.isDirectory()) await walk(p, new Map());
    else if (st.isFile()) files.push(p);
    else failures.push(unreadable(p, `${specialKind(st)}, not a regular file`));
  }
  return { files, failures, skipped };
}

/** Opening a FIFO for reading would wait for a writer: O_NONBLOCK returns at once (no effect on regular files). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * A report file's bytes: only a regular file (a FIFO or /dev/zero would hang or never end),
 * only up to MAX_BYTES, both checked on the open file before a byte is read, and never more
 * than the size it had then.
 */
export async function readReportBytes(file: string): Promise<Uint8Array> {
  const handle = await open(file, OPEN_FLAGS);
  try {
    const st = await handle.stat();
    if (st.isDirectory()) throw new ExtractError(file, "unreadable", "a folder");
    if (!st.isFile()) throw new ExtractError(file, "unreadable", `${specialKind(st)}, not a regular file`);
    if (st.size > MAX_BYTES) throw new ExtractError(file, "too_large", `${(st.size / 1048576).toFixed(0)} MB; the limit is ${MAX_BYTES / 1048576} MB`);
    const bytes = Buffer.alloc(st.size);
    let at = 0;
    while (at < st.size) {
      const { bytesRead } = await handle.read(bytes, at, st.size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return bytes.subarray(0, at);
  } finally {
    await handle.close();
  }
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

/**
 * What one file gave: its tables, or the failures that name it. A workbook Zhibiao wrote itself
 * (out/zhibiao.xlsx beside the reports) is neither: it is `skipped`, counted under that name.
 */
export interface FileOutcome {
  file: string;
  result: ExtractResult | null;
  failures: Failure[];
  skipped?: string;
}

/** Extracts one file under its `doc` name; never throws, every error becomes a failure naming the file. */
export async function extractFile(file: string, name: string): Promise<FileOutcome> {
  try {
    const bytes = await readReportBytes(file);
    return { file, result: await extractBytes(bytes, { name, pdf: PDF_OPTIONS }), failures: [] };
  } catch (err) {
    if (err instanceof ExtractError && err.code === "own_output") return { file, result: null, failures: [], skipped: OWN_OUTPUT };
    return { file, result: null, failures: [failureOf(file, err)] };
  }
}

/** An error while extracting a file as the failure that names it. */
export function failureOf(file: string, err: unknown): Failure {
  if (err instanceof ExtractError) return { file, code: err.code, message: failureMessage(err.code, err.detail) };
  return unreadable(file, (err as NodeJS.ErrnoException)?.code ?? (err instanceof Error ? err.message : String(err)));
}

/** Adds one file's outcome to a batch (rows in file order, as the sequential run gives them). */
export function addOutcome(batch: BatchResult, outcome: FileOutcome): void {
  if (outcome.result) {
    for (const d of outcome.result.documents) batch.documents.push(d);
    for (const o of outcome.result.observations) batch.observations.push(o);
    for (const m of outcome.result.mentions) batch.mentions.push(m);
  }
  batch.failures.push(...outcome.failures);
  if (outcome.skipped) batch.skipped[outcome.skipped] = (batch.skipped[outcome.skipped] ?? 0) + 1;
}

export async function extractPaths(paths: string[], options: ExtractPathsOptions = {}): Promise<BatchResult> {
  const { files, failures, skipped } = await listReportFiles(paths);
  const result: BatchResult = { documents: [], observations: [], mentions: [], failures, skipped };
  const names = documentNames(files);
  let done = 0;
  for (const [i, file] of files.entries()) {
    addOutcome(result, await extractFile(file, names[i]!));
    options.onProgress?.(++done, files.length, file);
  }
  return result;
}

/** The reading text of one file (what `zhibiao text` prints and every offset indexes). */
export async function readFileReading(file: string): Promise<Reading> {
  const bytes = await readReportBytes(file);
  return readBytes(bytes, { name: path.basename(file), pdf: PDF_OPTIONS });
}

/** "4 files: .jpg ×3, .rar ×1", or null when nothing was skipped. */
export function skippedSummary(skipped: Record<string, number>): string | null {
  const entries = Object.entries(skipped).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const total = entries.reduce((n, [, k]) => n + k, 0);
  if (total === 0) return null;
  return `${total} file${total === 1 ? "" : "s"}: ${entries.map(([ext, k]) => `${ext} ×${k}`).join(", ")}`;
}
