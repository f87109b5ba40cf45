// The store: tidy tables kept in an embedded DuckDB file, between the kit's tables and the
// surfaces (CLI, server, notebooks). Files are read once per content and kit version.
export { openStore, StoreError, SCHEMA_VERSION, type StoreDb, type OpenOptions } from "./db.js";
export { defaultStorePath, zhibiaoHome } from "./location.js";
export { kitVersion } from "./version.js";
export { extractInThread, workerExtract, type ExtractFile, type Extracted, type WorkerExtract } from "./extract.js";
export { checkFile, syncFile, syncFiles, unchangedFiles, hashFile, plan, under, emptySummary, count, type SyncOptions, type SyncSummary, type FileOutcome } from "./sync.js";
export { applyChange, applyChanges, loadFiles, setScope, type Change, type FileRecord, type FileStat } from "./write.js";
export * from "./query.js";
export { exportParquet } from "./export.js";
export { runSql, type SqlResult } from "./sql.js";
