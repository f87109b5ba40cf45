// Bringing a store up to date with files on disk. Each file is read once for its content and the
// kit's version: a file whose size and time are what the store holds is not opened; one whose time
// changed is hashed, and read only if its content did. A changed file's rows are replaced, a removed
// one's deleted — each in its own transaction. A read that fails never replaces good rows.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { extractFilesParallel, threadsFor, type FileOutcome as ReadOutcome } from "../kit/files/parallel.js";
import type { Failure } from "../kit/types.js";
import { all, type StoreDb } from "./db.js";
import { extractInThread, type ExtractFile } from "./extract.js";
import messages from "./messages.json" with { type: "json" };
import { kitVersion } from "./version.js";
import { applyChange, applyChanges, loadFiles, type Change, type FileRecord, type FileStat } from "./write.js";

export type FileOutcome = "unchanged" | "touched" | "extracted" | "failed" | "removed" | "missing";

export interface SyncOptions {
  /** How a file is extracted; default: across worker threads when many files need reading (see syncFiles), else in this thread. */
  extractFile?: ExtractFile;
  /** Worker threads for a sync of many files (kit/files/parallel.ts); default one per core for large inputs. */
  threads?: number;
  /** Whether the files synced belong to the running service's scope. */
  serve?: boolean;
  /** Check these even when size and time are unchanged (the watcher saw them change). */
  force?: Set<string>;
  version?: string;
}

/** sha256 of a file, read in chunks so a large file does not hold the event loop. */
export function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash("sha256");
    createReadStream(file)
      .on("data", (chunk) => h.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(h.digest("hex")));
  });
}

/** What to do with a file, from what the store knows and what the disk says. Pure. */
export function plan(known: FileRecord | undefined, now: FileStat | null, version: string, forced: boolean): "skip" | "hash" | "remove" | "gone" {
  if (!now) return known ? "remove" : "gone";
  if (known && !forced && known.size === now.size && known.mtimeMs === now.mtimeMs && known.kitVersion === version) return "skip";
  return "hash";
}

async function statOf(file: string): Promise<FileStat | null> {
  const st = await stat(file).catch(() => null);
  return st && st.isFile() ? { path: file, size: st.size, mtimeMs: st.mtimeMs } : null;
}

async function readAt(db: StoreDb, fileId: number): Promise<string | null> {
  const rows = await db.reader.run((c) => all<{ t: string; n: number }>(c, `SELECT strftime(read_at, '%Y-%m-%d %H:%M') AS t, (SELECT count(*) FROM documents WHERE file_id = ?) AS n FROM files WHERE file_id = ?`, [fileId, fileId]));
  return rows[0] && rows[0].n > 0 ? rows[0].t : null;
}

/** What to do for one file (an absolute path): the outcome and the change to apply, if any. Reads and extracts, writes nothing. */
export async function checkFile(db: StoreDb, known: FileRecord | undefined, file: string, options: SyncOptions = {}): Promise<{ outcome: FileOutcome; change: Change | null }> {
  const version = options.version ?? kitVersion();
  const now = await statOf(file);
  const step = plan(known, now, version, options.force?.has(file) ?? false);
  if (step === "skip") return { outcome: "unchanged", change: null };
  if (step === "gone") return { outcome: "missing", change: null };
  if (step === "remove") return { outcome: "removed", change: { kind: "remove", path: file } };
  const hash = await hashFile(file);
  if (known && known.hash === hash && known.kitVersion === version) {
    const moved = known.size !== now!.size || known.mtimeMs !== now!.mtimeMs;
    return moved ? { outcome: "touched", change: { kind: "touch", stat: now! } } : { outcome: "unchanged", change: null };
  }
  const { result, failures } = await (options.extractFile ?? extractInThread)(file);
  const serve = options.serve ?? false;
  if (result) return { outcome: "extracted", change: { kind: "read", stat: now!, hash, kitVersion: version, result, failures, serve } };
  // The last good rows stay; the failure says they are older than the file.
  const kept = known ? await readAt(db, known.fileId) : null;
  const noted: Failure[] = kept ? failures.map((f) => ({ ...f, message: messages.keptPrevious.replace("{message}", f.message).replace("{readAt}", kept) })) : failures;
  return { outcome: "failed", change: { kind: "failed", stat: now!, hash, kitVersion: version, failures: noted, serve } };
}

/** Brings one file (an absolute path) up to date in the store, in one transaction. */
export async function syncFile(db: StoreDb, known: FileRecord | undefined, file: string, options: SyncOptions = {}): Promise<FileOutcome> {
  const { outcome, change } = await checkFile(db, known, file, options);
  if (change) await applyChange(db, change);
  return outcome;
}

/**
 * The files whose size and time are what the store holds (under this kit): nothing to do for them.
 * Their stats are taken many at a time: a restart on a thousand unchanged files costs one pass.
 */
export async function unchangedFiles(known: Map<string, FileRecord>, files: string[], options: SyncOptions = {}): Promise<Set<string>> {
  const version = options.version ?? kitVersion();
  const out = new Set<string>();
  const candidates = files.filter((f) => known.has(f) && !options.force?.has(f));
  for (let i = 0; i < candidates.length; i += 64) {
    const chunk = candidates.slice(i, i + 64);
    const stats = await Promise.all(chunk.map(statOf));
    chunk.forEach((f, j) => {
      if (plan(known.get(f), stats[j]!, version, false) === "skip") out.add(f);
    });
  }
  return out;
}

/** How much a batch of changes holds before it is written (one transaction). */
const BATCH_OBSERVATIONS = 20_000;
const BATCH_FILES = 200;

export interface SyncSummary {
  files: number;
  extracted: number;
  unchanged: number;
  failed: number;
  removed: number;
  /** Worker threads that read the files (1: this thread). */
  threads: number;
}

export function emptySummary(): SyncSummary {
  return { files: 0, extracted: 0, unchanged: 0, failed: 0, removed: 0, threads: 1 };
}

export function count(summary: SyncSummary, outcome: FileOutcome): void {
  if (outcome === "extracted") summary.extracted++;
  else if (outcome === "failed") summary.failed++;
  else if (outcome === "removed") summary.removed++;
  else if (outcome === "unchanged" || outcome === "touched") summary.unchanged++;
}

/** True when `file` is one of `roots` or inside one of them (all absolute). */
export function under(file: string, roots: string[]): boolean {
  return roots.some((r) => file === r || file.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
}

/**
 * Syncs `files` (absolute paths, as listed from `roots`) and removes the rows of files the store
 * holds under `roots` that are no longer there.
 */
export async function syncFiles(db: StoreDb, roots: string[], files: string[], options: SyncOptions & { onFile?: (file: string, outcome: FileOutcome) => void } = {}): Promise<SyncSummary> {
  const known = await loadFiles(db);
  const same = await unchangedFiles(known, files, options);
  const ahead = options.extractFile ? null : await aheadExtractor(known, files.filter((f) => !same.has(f)), options);
  if (ahead) options = { ...options, extractFile: ahead.extract };
  try {
    return { ...(await syncListed(db, roots, files, known, same, options)), threads: ahead?.threads ?? 1 };
  } finally {
    await ahead?.close();
  }
}

async function syncListed(
  db: StoreDb,
  roots: string[],
  files: string[],
  known: Map<string, FileRecord>,
  same: Set<string>,
  options: SyncOptions & { onFile?: (file: string, outcome: FileOutcome) => void },
): Promise<SyncSummary> {
  const summary = emptySummary();
  const listed = new Set(files);
  let batch: Change[] = [];
  let size = 0;
  const flush = async () => {
    await applyChanges(db, batch);
    batch = [];
    size = 0;
  };
  for (const file of files) {
    const { outcome, change } = same.has(file) ? { outcome: "unchanged" as const, change: null } : await checkFile(db, known.get(file), file, options);
    count(summary, outcome);
    if (change) {
      batch.push(change);
      size += change.kind === "read" ? change.result.observations.length : 0;
      if (size >= BATCH_OBSERVATIONS || batch.length >= BATCH_FILES) await flush();
    }
    options.onFile?.(file, outcome);
  }
  // Gone from the folders (deleted, renamed, or no longer a report's name): its rows go too.
  for (const [file] of known) {
    if (!listed.has(file) && under(file, roots)) {
      batch.push({ kind: "remove", path: file });
      count(summary, "removed");
    }
  }
  await flush();
  summary.files = files.length;
  return summary;
}

/**
 * An extractor that reads, across worker threads and in the files' order, the files a sync will
 * ask for: those new to the store, or whose content or kit changed. checkFile asks for them one
 * by one, in that order; a file it asks for that was not foreseen (changed meanwhile) is read
 * here. A few files at a time are read ahead, so memory stays bounded.
 */
async function aheadExtractor(known: Map<string, FileRecord>, files: string[], options: SyncOptions): Promise<{ extract: ExtractFile; close: () => Promise<unknown>; threads: number } | null> {
  const version = options.version ?? kitVersion();
  const foreseen: string[] = [];
  for (const file of files) {
    const record = known.get(file);
    const step = plan(record, await statOf(file), version, options.force?.has(file) ?? false);
    if (step !== "hash") continue;
    if (record && record.kitVersion === version && record.hash === (await hashFile(file))) continue;
    foreseen.push(file);
  }
  if (foreseen.length < 2) return null;
  const threads = await threadsFor(foreseen, options.threads);
  if (threads < 2) return null;
  const outcomes = extractFilesParallel(foreseen, { threads, names: foreseen.map((f) => path.basename(f)) })[Symbol.asyncIterator]();
  const early = new Map<string, ReadOutcome>();
  const asked = new Set(foreseen);
  const extract: ExtractFile = async (file) => {
    if (!asked.has(file)) return extractInThread(file);
    while (!early.has(file)) {
      const next = await outcomes.next();
      if (next.done) return extractInThread(file);
      early.set(next.value.file, next.value);
    }
    const o = early.get(file)!;
    early.delete(file);
    // A workbook Zhibiao wrote is read as extractInThread reads it: no documents, no failure.
    if (o.skipped) return { result: { documents: [], observations: [], mentions: [] }, failures: [] };
    return { result: o.result, failures: o.failures };
  };
  // Ends the pool also when the sync stops early (its workers would keep the process alive).
  return { extract, close: () => outcomes.return?.(undefined) ?? Promise.resolve(), threads };
}
