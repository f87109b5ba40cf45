// Bringing a store up to date with files on disk. Each file is read once for its content and the
// kit's version: a file whose size and time are what the store holds is not opened; one whose time
// changed is hashed, and read only if its content did. A changed file's rows are replaced, a removed
// one's deleted — each in its own transaction. A read that fails never replaces good rows.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { Failure } from "../kit/types.js";
import { all, type StoreDb } from "./db.js";
import { extractInThread, type ExtractFile } from "./extract.js";
import messages from "./messages.json" with { type: "json" };
import { kitVersion } from "./version.js";
import { applyChange, loadFiles, type FileRecord, type FileStat } from "./write.js";

export type FileOutcome = "unchanged" | "touched" | "extracted" | "failed" | "removed" | "missing";

export interface SyncOptions {
  extractFile?: ExtractFile;
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

/** Brings one file (an absolute path) up to date in the store. */
export async function syncFile(db: StoreDb, known: FileRecord | undefined, file: string, options: SyncOptions = {}): Promise<FileOutcome> {
  const version = options.version ?? kitVersion();
  const now = await statOf(file);
  const step = plan(known, now, version, options.force?.has(file) ?? false);
  if (step === "skip") return "unchanged";
  if (step === "gone") return "missing";
  if (step === "remove") {
    await applyChange(db, { kind: "remove", path: file });
    return "removed";
  }
  const hash = await hashFile(file);
  if (known && known.hash === hash && known.kitVersion === version) {
    if (known.size !== now!.size || known.mtimeMs !== now!.mtimeMs) await applyChange(db, { kind: "touch", stat: now! });
    return known.size !== now!.size || known.mtimeMs !== now!.mtimeMs ? "touched" : "unchanged";
  }
  const { result, failures } = await (options.extractFile ?? extractInThread)(file);
  const serve = options.serve ?? false;
  if (result) {
    await applyChange(db, { kind: "read", stat: now!, hash, kitVersion: version, result, failures, serve });
    return "extracted";
  }
  // The last good rows stay; the failure says they are older than the file.
  const kept = known ? await readAt(db, known.fileId) : null;
  const noted: Failure[] = kept ? failures.map((f) => ({ ...f, message: messages.keptPrevious.replace("{message}", f.message).replace("{readAt}", kept) })) : failures;
  await applyChange(db, { kind: "failed", stat: now!, hash, kitVersion: version, failures: noted, serve });
  return "failed";
}

export interface SyncSummary {
  files: number;
  extracted: number;
  unchanged: number;
  failed: number;
  removed: number;
}

export function emptySummary(): SyncSummary {
  return { files: 0, extracted: 0, unchanged: 0, failed: 0, removed: 0 };
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
  const summary = emptySummary();
  const listed = new Set(files);
  for (const file of files) {
    const outcome = await syncFile(db, known.get(file), file, options);
    count(summary, outcome);
    options.onFile?.(file, outcome);
  }
  for (const [file] of known) {
    // Gone from the folders (deleted, renamed, or no longer a report's name): its rows go too.
    if (!listed.has(file) && under(file, roots)) {
      await applyChange(db, { kind: "remove", path: file });
      count(summary, "removed");
    }
  }
  summary.files = files.length;
  return summary;
}
