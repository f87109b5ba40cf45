// Changes to a store, each in ONE transaction: a file's rows are replaced, kept with a failure,
// or removed together with its bookkeeping and the generation, or not at all.
import { LIST, VARCHAR, type DuckDBAppender, type DuckDBConnection } from "@duckdb/node-api";
import type { ExtractResult, Failure } from "../kit/types.js";
import { DOCUMENT_COLUMNS, FAILURE_COLUMNS, MENTION_COLUMNS, OBSERVATION_COLUMNS, type Column } from "./columns.js";
import { all, type StoreDb } from "./db.js";

export interface FileStat {
  path: string;
  size: number;
  mtimeMs: number;
}

/** What the store knows of a file. */
export interface FileRecord extends FileStat {
  fileId: number;
  /** Content hash of the last read (good or failed) and the kit that read it. */
  hash: string | null;
  kitVersion: string | null;
  /** False when the last read failed; rows, if any, are then from the last good read. */
  ok: boolean;
}

export type Change =
  /** A good read: the file's rows become these. */
  | { kind: "read"; stat: FileStat; hash: string; kitVersion: string; result: ExtractResult; failures: Failure[]; serve: boolean }
  /** A failed read: the failures are recorded, rows of an earlier good read are kept. */
  | { kind: "failed"; stat: FileStat; hash: string; kitVersion: string; failures: Failure[]; serve: boolean }
  /** Same content, new size or time (touched, copied back): nothing to re-read. */
  | { kind: "touch"; stat: FileStat }
  | { kind: "remove"; path: string };

export async function loadFiles(db: StoreDb): Promise<Map<string, FileRecord>> {
  const rows = await db.reader.run((c) =>
    all<{ file_id: number; path: string; size: number; mtime_ms: number; hash: string | null; kit_version: string | null; ok: boolean }>(
      c,
      `SELECT file_id, path, size, mtime_ms, hash, kit_version, ok FROM files`,
    ),
  );
  return new Map(rows.map((r) => [r.path, { fileId: r.file_id, path: r.path, size: r.size, mtimeMs: r.mtime_ms, hash: r.hash, kitVersion: r.kit_version, ok: r.ok }]));
}

/** Appends between pauses, so a large file's rows do not hold the event loop (the server keeps answering). */
const ROWS_PER_SLICE = 2000;
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

async function append<T>(c: DuckDBConnection, table: string, columns: Column<T>[], fileId: number, rows: T[]): Promise<void> {
  if (rows.length === 0) return;
  const appender = await c.createAppender(table);
  try {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      appender.appendInteger(fileId);
      for (const col of columns) appendValue(appender, col.type, col.get(row, i));
      appender.endRow();
      if ((i + 1) % ROWS_PER_SLICE === 0) {
        appender.flushSync();
        await pause();
      }
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

function appendValue(a: DuckDBAppender, type: Column<unknown>["type"], v: unknown): void {
  if (v === null || v === undefined) return a.appendNull();
  switch (type) {
    case "VARCHAR":
      return a.appendVarchar(String(v));
    case "DOUBLE":
      return a.appendDouble(v as number);
    case "INTEGER":
      return a.appendInteger(v as number);
    case "BIGINT":
      return a.appendBigInt(BigInt(v as number));
    case "BOOLEAN":
      return a.appendBoolean(v as boolean);
    case "VARCHAR[]":
      return a.appendList(v as string[], LIST(VARCHAR));
  }
}

async function transaction<T>(c: DuckDBConnection, body: () => Promise<T>): Promise<T> {
  await c.run("BEGIN TRANSACTION");
  try {
    const out = await body();
    await c.run("COMMIT");
    return out;
  } catch (err) {
    await c.run("ROLLBACK").catch(() => undefined);
    throw err;
  }
}

const ROW_TABLES = ["documents", "observations", "mentions"];

async function fileId(c: DuckDBConnection, path: string): Promise<number | null> {
  return (await all<{ file_id: number }>(c, `SELECT file_id FROM files WHERE path = ?`, [path]))[0]?.file_id ?? null;
}

async function newFileId(c: DuckDBConnection): Promise<number> {
  return (await all<{ id: number }>(c, `SELECT coalesce(max(file_id), 0) + 1 AS id FROM files`))[0]!.id;
}

async function bumpGeneration(c: DuckDBConnection): Promise<void> {
  await c.run(`UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key = 'generation'`);
}

async function upsertFile(c: DuckDBConnection, stat: FileStat, hash: string, kitVersion: string, ok: boolean): Promise<number> {
  const existing = await fileId(c, stat.path);
  if (existing !== null) {
    await c.run(`UPDATE files SET size = ?, mtime_ms = ?, hash = ?, kit_version = ?, ok = ?, read_at = now() WHERE file_id = ?`, [stat.size, stat.mtimeMs, hash, kitVersion, ok, existing]);
    return existing;
  }
  const id = await newFileId(c);
  await c.run(`INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, now())`, [id, stat.path, stat.size, stat.mtimeMs, hash, kitVersion, ok]);
  return id;
}

async function setServed(c: DuckDBConnection, id: number, serve: boolean): Promise<void> {
  await c.run(`DELETE FROM scope WHERE file_id = ?`, [id]);
  if (serve) await c.run(`INSERT INTO scope VALUES (?)`, [id]);
}

/**
 * Applies one change in one transaction, and (except a touch) moves the generation on with it.
 * The hook runs inside the transaction before it commits: tests use it to stop a process there.
 */
export async function applyChange(db: StoreDb, change: Change, beforeCommit?: () => Promise<void>): Promise<void> {
  await db.writer.run((c) =>
    transaction(c, async () => {
      if (change.kind === "touch") {
        await c.run(`UPDATE files SET size = ?, mtime_ms = ? WHERE path = ?`, [change.stat.size, change.stat.mtimeMs, change.stat.path]);
      } else if (change.kind === "remove") {
        const id = await fileId(c, change.path);
        if (id === null) return;
        for (const t of [...ROW_TABLES, "failures", "scope", "files"]) await c.run(`DELETE FROM ${t} WHERE file_id = ?`, [id]);
        await bumpGeneration(c);
      } else {
        const ok = change.kind === "read";
        const id = await upsertFile(c, change.stat, change.hash, change.kitVersion, ok);
        await c.run(`DELETE FROM failures WHERE file_id = ?`, [id]);
        if (change.kind === "read") {
          for (const t of ROW_TABLES) await c.run(`DELETE FROM ${t} WHERE file_id = ?`, [id]);
          await append(c, "documents", DOCUMENT_COLUMNS, id, change.result.documents);
          await append(c, "observations", OBSERVATION_COLUMNS, id, change.result.observations);
          await append(c, "mentions", MENTION_COLUMNS, id, change.result.mentions);
        }
        await append(c, "failures", FAILURE_COLUMNS, id, change.failures);
        await setServed(c, id, change.serve);
        await bumpGeneration(c);
      }
      await beforeCommit?.();
    }),
  );
}

/** What a running service serves: exactly these files. One transaction, with the generation. */
export async function setScope(db: StoreDb, fileIds: number[]): Promise<void> {
  await db.writer.run((c) =>
    transaction(c, async () => {
      const current = (await all<{ file_id: number }>(c, `SELECT file_id FROM scope ORDER BY file_id`)).map((r) => r.file_id);
      const wanted = [...new Set(fileIds)].sort((a, b) => a - b);
      if (current.length === wanted.length && current.every((x, i) => x === wanted[i])) return;
      await c.run(`DELETE FROM scope`);
      if (wanted.length) {
        const appender = await c.createAppender("scope");
        for (const id of wanted) {
          appender.appendInteger(id);
          appender.endRow();
        }
        appender.flushSync();
        appender.closeSync();
      }
      await bumpGeneration(c);
    }),
  );
}
