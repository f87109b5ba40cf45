// Opening a store file: DuckDB, the schema, and two connections — one that writes (one change at
// a time) and one that reads. DuckDB gives each statement a snapshot of committed data, so reads
// never see a change half-written, and a process killed mid-change leaves the last commit intact.
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { createTable, DOCUMENT_COLUMNS, FAILURE_COLUMNS, MENTION_COLUMNS, OBSERVATION_COLUMNS } from "./columns.js";

/**
 * Bumped when the tables change shape. A store of another version is emptied and filled again
 * from the reports: it is a cache of what the kit reads, never the only copy of anything.
 */
/** "2": observations carry value_std and unit_std. A store of another version is rebuilt. */
export const SCHEMA_VERSION = "2";

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS meta (key VARCHAR, value VARCHAR)`,
  // One row per file ever added. hash and kit_version say what the current rows were read from;
  // ok is false when the last read failed (the rows, if any, are from the last good read).
  `CREATE TABLE IF NOT EXISTS files (file_id INTEGER NOT NULL, path VARCHAR NOT NULL, size BIGINT, mtime_ms DOUBLE, hash VARCHAR, kit_version VARCHAR, ok BOOLEAN, read_at TIMESTAMP)`,
  createTable("documents", DOCUMENT_COLUMNS),
  createTable("observations", OBSERVATION_COLUMNS),
  createTable("mentions", MENTION_COLUMNS),
  createTable("failures", FAILURE_COLUMNS),
  // The files a running `zhibiao serve` serves: its folders, less duplicate names. Changed in the
  // same transaction as the rows, so a reader never sees a file's rows without it or the reverse.
  `CREATE TABLE IF NOT EXISTS scope (file_id INTEGER NOT NULL)`,
  // The API's filters, point look-ups and per-file replacement.
  `CREATE INDEX IF NOT EXISTS files_path ON files (path)`,
  `CREATE INDEX IF NOT EXISTS observations_file ON observations (file_id)`,
  `CREATE INDEX IF NOT EXISTS observations_id ON observations (id)`,
  `CREATE INDEX IF NOT EXISTS observations_region ON observations (region)`,
  `CREATE INDEX IF NOT EXISTS observations_indicator ON observations (indicator_id)`,
  `CREATE INDEX IF NOT EXISTS observations_period ON observations (period_label)`,
  `CREATE INDEX IF NOT EXISTS observations_kind ON observations (kind)`,
  `CREATE INDEX IF NOT EXISTS mentions_observation ON mentions (observation_id)`,
  `CREATE INDEX IF NOT EXISTS mentions_file ON mentions (file_id)`,
  `CREATE INDEX IF NOT EXISTS documents_file ON documents (file_id)`,
];

const TABLES = ["scope", "failures", "mentions", "observations", "documents", "files", "meta"];

/** Runs tasks on one connection one at a time (a connection runs one statement at a time). */
class Serial {
  private tail: Promise<unknown> = Promise.resolve();
  constructor(readonly connection: DuckDBConnection) {}
  run<T>(task: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    const next = this.tail.then(() => task(this.connection));
    this.tail = next.catch(() => undefined);
    return next;
  }
}

export interface StoreDb {
  file: string;
  readOnly: boolean;
  /** Changes, one at a time. */
  writer: Serial;
  /** Reads, one statement at a time, each a snapshot of committed data. */
  reader: Serial;
  close(): void;
}

export type Params = DuckDBValue[];

/** Rows as plain objects (numbers, strings, booleans, arrays); BIGINT counts become numbers. */
export async function all<T = Record<string, unknown>>(c: DuckDBConnection, sql: string, params: Params = []): Promise<T[]> {
  const reader = await c.runAndReadAll(sql, params);
  const rows = reader.getRowObjectsJS() as Record<string, unknown>[];
  for (const r of rows) for (const k of Object.keys(r)) if (typeof r[k] === "bigint") r[k] = Number(r[k]);
  return rows as T[];
}

export class StoreError extends Error {}

/** DuckDB's messages → what to do about it, naming the file. */
function openError(file: string, err: unknown, readOnly: boolean): StoreError {
  const message = (err as Error).message ?? String(err);
  const pid = /PID (\d+)/.exec(message)?.[1];
  if (/lock/i.test(message)) {
    return new StoreError(`the store ${file} is in use by another program${pid ? ` (PID ${pid})` : ""}, e.g. a running zhibiao serve; stop it, or pass --store with another file`);
  }
  if (readOnly && !existsSync(file)) return new StoreError(`there is no store at ${file}; fill one with zhibiao add FOLDER --store ${file}`);
  return new StoreError(`cannot open the store ${file}: ${message}`);
}

export interface OpenOptions {
  /** Read-only: for SQL and notebooks; fails when a writer (zhibiao serve) holds the file. */
  readOnly?: boolean;
}

export async function openStore(file: string, options: OpenOptions = {}): Promise<StoreDb> {
  const readOnly = options.readOnly === true;
  const resolved = path.resolve(file);
  if (!readOnly) mkdirSync(path.dirname(resolved), { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(resolved, readOnly ? { access_mode: "READ_ONLY" } : {});
  } catch (err) {
    throw openError(resolved, err, readOnly);
  }
  const writer = await instance.connect();
  const reader = await instance.connect();
  if (!readOnly) await migrate(writer);
  return {
    file: resolved,
    readOnly,
    writer: new Serial(writer),
    reader: new Serial(reader),
    close() {
      writer.closeSync();
      reader.closeSync();
      instance.closeSync();
    },
  };
}

async function migrate(c: DuckDBConnection): Promise<void> {
  const hasMeta = (await all(c, `SELECT 1 FROM information_schema.tables WHERE table_name = 'meta'`)).length > 0;
  const version = hasMeta ? (await all<{ value: string }>(c, `SELECT value FROM meta WHERE key = 'schema_version'`))[0]?.value : undefined;
  // The usual case: nothing to create (a start on an existing store stays quick).
  if (version === SCHEMA_VERSION) return;
  await c.run("BEGIN");
  try {
    if (hasMeta && version !== SCHEMA_VERSION) for (const t of TABLES) await c.run(`DROP TABLE IF EXISTS ${t}`);
    for (const sql of SCHEMA) await c.run(sql);
    if (version !== SCHEMA_VERSION) {
      await c.run(`DELETE FROM meta`);
      await c.run(`INSERT INTO meta VALUES ('schema_version', '${SCHEMA_VERSION}'), ('generation', '0')`);
    }
    await c.run("COMMIT");
  } catch (err) {
    await c.run("ROLLBACK").catch(() => undefined);
    throw err;
  }
}
