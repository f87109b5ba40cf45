// `zhibiao add`: files and folders into a store, each file read once per content and kit version.
import { skippedSummary } from "../kit/index.js";
import { counts, failures as storedFailures, tablesOfFiles } from "../store/index.js";
import { storeFileFor, syncPaths } from "./store.js";

export interface AddCliOptions {
  store?: string;
  quiet?: boolean;
}

export async function runAdd(paths: string[], opts: AddCliOptions): Promise<number> {
  const file = storeFileFor(paths, opts.store);
  const { db, files, listingFailures, skipped, summary } = await syncPaths(paths, file, opts);
  try {
    const failed = [...listingFailures, ...(await tablesOfFiles(db, files)).failures];
    for (const f of failed) process.stderr.write(`zhibiao: ${f.file}: ${f.message}\n`);
    const s = skippedSummary(skipped);
    if (s) process.stderr.write(`zhibiao: skipped ${s} (not reports)\n`);
    const all = await counts(db, "all");
    const allFailures = (await storedFailures(db, "all")).length;
    process.stdout.write(
      `${files.length} file${files.length === 1 ? "" : "s"}: ${summary.extracted} read, ${summary.unchanged} unchanged, ${summary.failed} cannot be read, ${summary.removed} removed${summary.threads > 1 ? ` (${summary.threads} threads)` : ""}\n` +
        `store ${file}: ${all.files} files, ${all.documents} documents, ${all.observations} observations${allFailures ? `, ${allFailures} failures` : ""}\n`,
    );
    return failed.length > 0 ? 1 : 0;
  } finally {
    db.close();
  }
}
