// `zhibiao export --parquet DIR`: a store's tables as Parquet files.
import { exportParquet, openStore } from "../store/index.js";
import { existingStore } from "./store.js";

export async function runExport(opts: { parquet?: string; store?: string }): Promise<number> {
  if (!opts.parquet) throw new Error("say where to write: --parquet DIR");
  // Read-only is enough for COPY … TO, so an export never changes the store.
  const db = await openStore(existingStore(opts.store), { readOnly: true });
  try {
    const written = await exportParquet(db, opts.parquet);
    process.stderr.write(`zhibiao: wrote ${written.join(", ")}\n`);
    return 0;
  } finally {
    db.close();
  }
}
