// The reports of the served folders, kept extracted. A scan re-reads only what changed; a report
// that cannot be read becomes a failure the API lists, never an error that stops the service.
import { stat } from "node:fs/promises";
import path from "node:path";
import { extractPaths, listReportFiles } from "../kit/index.js";
import type { ExtractResult, Failure } from "../kit/types.js";
import { buildTables, type Tables } from "./tables.js";

interface Entry {
  mtimeMs: number;
  size: number;
  result: ExtractResult | null;
  failures: Failure[];
}

export interface ScanSummary {
  files: number;
  extracted: number;
  removed: number;
  failures: number;
}

export class ReportStore {
  private entries = new Map<string, Entry>();
  private listingFailures: Failure[] = [];
  private pending: Promise<unknown> = Promise.resolve();
  private dirty = new Set<string>();
  tables: Tables = buildTables([], []);
  /** The file each served document name stands for. */
  private files = new Map<string, string>();
  /** Increases with every scan that changed something; clients can poll it. */
  generation = 0;

  constructor(readonly folders: string[]) {}

  /**
   * Re-list the folders and re-extract new files, changed ones (size or time) and `paths` the
   * watcher named. Scans run one after another; calls made during a scan share the next one.
   */
  scan(paths: Iterable<string> = []): Promise<ScanSummary> {
    for (const p of paths) this.dirty.add(path.resolve(p));
    const run = this.pending.then(() => this.scanNow());
    this.pending = run.catch(() => undefined);
    return run;
  }

  private async scanNow(): Promise<ScanSummary> {
    const dirty = this.dirty;
    this.dirty = new Set();
    const { files, failures } = await listReportFiles(this.folders);
    const seen = new Set<string>();
    let extracted = 0;
    for (const file of files.map((f) => path.resolve(f))) {
      seen.add(file);
      const st = await stat(file).catch(() => null);
      const old = this.entries.get(file);
      if (st && old && old.mtimeMs === st.mtimeMs && old.size === st.size && !dirty.has(file)) continue;
      const batch = await extractPaths([file]);
      const ok = batch.failures.length === 0;
      this.entries.set(file, {
        mtimeMs: st?.mtimeMs ?? 0,
        size: st?.size ?? 0,
        result: ok ? { documents: batch.documents, observations: batch.observations, mentions: batch.mentions } : null,
        failures: batch.failures,
      });
      extracted++;
    }
    let removed = 0;
    for (const file of [...this.entries.keys()]) {
      if (!seen.has(file)) {
        this.entries.delete(file);
        removed++;
      }
    }
    const listingChanged = JSON.stringify(failures) !== JSON.stringify(this.listingFailures);
    this.listingFailures = failures;
    if (extracted || removed || listingChanged || this.generation === 0) this.rebuild();
    return { files: this.entries.size, extracted, removed, failures: this.tables.failures.length };
  }

  private rebuild(): void {
    const results: ExtractResult[] = [];
    const failures: Failure[] = [...this.listingFailures];
    // Rows name their document by file name; two files with one name would be confused, so the later is refused.
    const byName = new Map<string, string>();
    this.files = byName;
    for (const [file, e] of [...this.entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
      failures.push(...e.failures);
      if (!e.result) continue;
      const name = path.basename(file);
      const first = byName.get(name);
      if (first) {
        failures.push({ file, code: "unreadable", message: `has the same file name as ${first}; rename one of them` });
        continue;
      }
      byName.set(name, file);
      results.push(e.result);
    }
    this.tables = buildTables(results, failures);
    this.generation++;
  }

  /** The file a document row names (its file name), or undefined when none is served. */
  fileOf(doc: string): string | undefined {
    return this.files.get(doc);
  }
}
