// The store behind the CLI's commands: which file, and bringing it up to date with files on disk.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { listReportFiles } from "../kit/index.js";
import type { Failure } from "../kit/types.js";
import { defaultStorePath, openStore, syncFiles, zhibiaoHome, type ExtractFile, type StoreDb, type SyncSummary } from "../store/index.js";
import { progressBar } from "./progress.js";

/** --store FILE, or the default store of these folders (~/.zhibiao/stores/NAME-HASH.duckdb). */
export function storeFileFor(paths: string[], store?: string): string {
  return path.resolve(store ?? defaultStorePath(paths));
}

/**
 * For commands without folders (sql, export): --store FILE, or the only store there is.
 * With several, the error lists them so the user can pick one.
 */
export function existingStore(store?: string): string {
  if (store) return path.resolve(store);
  const dir = path.join(zhibiaoHome(), "stores");
  const stores = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".duckdb")) : [];
  if (stores.length === 1) return path.join(dir, stores[0]!);
  if (stores.length === 0) throw new Error(`no store yet in ${dir}; run zhibiao add FOLDER first, or pass --store FILE`);
  const listed = stores
    .map((f) => path.join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
    .map((f) => `  ${f}`)
    .join("\n");
  throw new Error(`several stores in ${dir}; pass --store with one of them:\n${listed}`);
}

export interface Synced {
  db: StoreDb;
  /** The report files, absolute, in listing order. */
  files: string[];
  /** Paths that could not be listed (missing). */
  listingFailures: Failure[];
  skipped: Record<string, number>;
  summary: SyncSummary;
}

/** Opens the store and brings the files under `paths` up to date in it. */
export async function syncPaths(paths: string[], storeFile: string, options: { quiet?: boolean; extractFile?: ExtractFile } = {}): Promise<Synced> {
  const db = await openStore(storeFile);
  try {
    const listing = await listReportFiles(paths);
    const files = listing.files.map((f) => path.resolve(f));
    const roots = paths.map((p) => path.resolve(p)).filter((p) => existsSync(p) && statSync(p).isDirectory());
    const bar = options.quiet ? null : progressBar();
    let done = 0;
    let summary: SyncSummary;
    try {
      summary = await syncFiles(db, roots, files, { extractFile: options.extractFile, onFile: (file) => bar?.update(++done, files.length, file) });
    } finally {
      bar?.stop();
    }
    return { db, files, listingFailures: listing.failures, skipped: listing.skipped, summary };
  } catch (err) {
    db.close();
    throw err;
  }
}
