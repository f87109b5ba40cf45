// The reports of the served folders, kept in a store file (DuckDB). A scan lists the folders and
// brings each file up to date (a file is read once per content and kit version, in a worker
// thread), removes the rows of files gone, and sets which files this service serves. A report
// that cannot be read becomes a failure the API lists, never an error that stops the service.
import path from "node:path";
import { listReportFiles } from "../kit/index.js";
import type { Failure } from "../kit/types.js";
import {
  applyChange,
  count,
  emptySummary,
  facetCounts,
  generation,
  loadFiles,
  setScope,
  syncFile,
  under,
  unchangedFiles,
  type ExtractFile,
  type FacetCount,
  type Filter,
  type FilterKey,
  type StoreDb,
} from "../store/index.js";
import messages from "../store/messages.json" with { type: "json" };

export interface ScanSummary {
  files: number;
  extracted: number;
  removed: number;
  failures: number;
}

/** Among files with one name, the first (in path order) is served; the others get a failure. Pure. */
export function servedFiles(files: string[]): { served: string[]; duplicates: Failure[] } {
  const byName = new Map<string, string>();
  const served: string[] = [];
  const duplicates: Failure[] = [];
  for (const file of [...files].sort()) {
    const name = path.basename(file);
    const first = byName.get(name);
    // Rows name their document by file name; two files with one name would be confused.
    if (first) duplicates.push({ file, code: "unreadable", message: messages.duplicateName.replace("{first}", first) });
    else {
      byName.set(name, file);
      served.push(file);
    }
  }
  return { served, duplicates };
}

export class ReportStore {
  private pending: Promise<unknown> = Promise.resolve();
  private dirty = new Set<string>();
  private full = false;
  private stopped = false;
  /** Failures that are not a file's reading: a folder that is missing, a duplicate name. */
  listingFailures: Failure[] = [];
  private facetCache = new Map<string, { generation: number; counts: FacetCount[] }>();
  readonly roots: string[];

  constructor(
    readonly folders: string[],
    readonly db: StoreDb,
    private readonly extractFile: ExtractFile,
  ) {
    this.roots = folders.map((f) => path.resolve(f));
  }

  /**
   * Without `paths`, re-list the folders and bring every file up to date. With the paths the
   * watcher names (settled files, or folders), only those: a file still being written elsewhere
   * in the folders is left alone until it settles. Named files are checked even when their size
   * and time are unchanged. Scans run one after another; calls made during a scan share the next one.
   */
  scan(paths?: Iterable<string>): Promise<ScanSummary> {
    if (paths === undefined) this.full = true;
    for (const p of paths ?? []) this.dirty.add(path.resolve(p));
    const run = this.pending.then(() => this.scanNow());
    this.pending = run.catch(() => undefined);
    return run;
  }

  /**
   * Serves at once what the store already holds of the folders (a restart, a new kit version: the
   * last rows are served while files are checked and read again). Returns how many files that is.
   */
  async prepare(): Promise<number> {
    const listing = await listReportFiles(this.folders);
    const { served, duplicates } = servedFiles(listing.files.map((f) => path.resolve(f)));
    const known = await loadFiles(this.db);
    const ids = served.flatMap((f) => (known.has(f) ? [known.get(f)!.fileId] : []));
    await setScope(this.db, ids);
    this.listingFailures = [...listing.failures, ...duplicates];
    return ids.length;
  }

  /** Ends the scan under way after its current file, and refuses new ones (the service is closing). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.pending;
  }

  /** Resolves when no scan is under way or queued. */
  async idle(): Promise<void> {
    await this.pending;
  }

  private async scanNow(): Promise<ScanSummary> {
    if (this.stopped) return { files: 0, extracted: 0, removed: 0, failures: 0 };
    const force = this.dirty;
    const full = this.full;
    this.dirty = new Set();
    this.full = false;
    const named = [...force];
    const wanted = (file: string) => full || under(file, named);
    const listing = await listReportFiles(this.folders);
    const listed = listing.files.map((f) => path.resolve(f));
    const { served, duplicates } = servedFiles(listed);
    const known = await loadFiles(this.db);
    const summary = emptySummary();
    // What is already known is served at once (a restart answers from the store), the rest as it is read.
    await setScope(this.db, served.flatMap((f) => (known.has(f) ? [known.get(f)!.fileId] : [])));
    const options = { extractFile: this.extractFile, serve: true, force };
    const same = await unchangedFiles(known, served.filter(wanted), options);
    let changed = false;
    for (const file of served) {
      // Closing: the file under way was written whole (one transaction); the rest waits for the next start.
      if (this.stopped) break;
      if (!wanted(file)) continue;
      if (same.has(file)) {
        count(summary, "unchanged");
        continue;
      }
      const outcome = await syncFile(this.db, known.get(file), file, options);
      count(summary, outcome);
      changed ||= outcome !== "unchanged";
    }
    const listedSet = new Set(listed);
    for (const [file] of known) {
      if (!listedSet.has(file) && under(file, this.roots) && wanted(file)) {
        await applyChange(this.db, { kind: "remove", path: file });
        count(summary, "removed");
        changed = true;
      }
    }
    if (changed) {
      const now = await loadFiles(this.db);
      await setScope(this.db, served.flatMap((f) => (now.has(f) ? [now.get(f)!.fileId] : [])));
    }
    this.listingFailures = [...listing.failures, ...duplicates];
    return { files: served.length, extracted: summary.extracted, removed: summary.removed, failures: summary.failed + this.listingFailures.length };
  }

  /** Facet counts, kept until the next change (the generation moves with every change). */
  async facet(filter: Filter, dim: FilterKey): Promise<FacetCount[]> {
    const key = `${dim}\0${JSON.stringify(filter)}`;
    const current = await generation(this.db);
    const hit = this.facetCache.get(key);
    if (hit && hit.generation === current) return hit.counts;
    const { counts, generation: g } = await facetCounts(this.db, filter, dim);
    // Facets are asked for with few distinct filters (the pane's choices); a bound keeps it so.
    if (this.facetCache.size > 1000) this.facetCache.clear();
    this.facetCache.set(key, { generation: g, counts });
    return counts;
  }
}
