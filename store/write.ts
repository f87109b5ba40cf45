// Changes to a store, each in ONE transaction: a file's rows are replaced, kept with a failure,
// or removed together with its bookkeeping and the generation, or not at all.
import { LIST, VARCHAR, type DuckDBAppender, type DuckDBConnection } from "@duckdb/node-api";
import type { DocumentRow, ExtractResult, Failure, Mention, Observation } from "../kit/types.js";
import { DOCUMENT_COLUMNS, FAILURE_COLUMNS, MENTION_COLUMNS, OBSERVATION_COLUMNS, type Column, type Owned } from "./columns.js";
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

async function append<T>(c: DuckDBConnection, table: string, columns: Column<T>[], rows: Owned<T>[]): Promise<void> {
  if (rows.length === 0) return;
  const appender = await c.createAppender(table);
  try {
    // The index a column sees is the row's place within its own file (mentions keep the kit's order).
    let file = -1;
    let index = 0;
    for (let i = 0; i < rows.length; i++) {
      const { fileId, row } = rows[i]!;
      if (fileId !== file) {
        file = fileId;
        index = 0;
      }
      appender.appendInteger(fileId);
      for (const col of columns) appendValue(appender, col.type, col.get(row, index));
      index++;
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

async function bumpGeneration(c: DuckDBConnection): Promise<void> {
  await c.run(`UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key = 'generation'`);
}

/**
 * Applies one change in one transaction, and (except a touch) moves the generation on with it.
 * The hook runs inside the transaction before it commits: tests use it to stop a process there.
 */
export async function applyChange(db: StoreDb, change: Change, beforeCommit?: () => Promise<void>): Promise<void> {
  await applyChanges(db, [change], beforeCommit);
}

/**
 * Applies changes (of different files) in one transaction: each file's rows are replaced or
 * removed whole, together with the others. Adding many files goes a batch at a time, which
 * spares a commit and four appenders per file; a crash loses the batch under way, not more.
 */
export async function applyChanges(db: StoreDb, changes: Change[], beforeCommit?: () => Promise<void>): Promise<void> {
  if (changes.length === 0) return;
  await db.writer.run((c) =>
    transaction(c, async () => {
      const ids = new Map((await all<{ file_id: number; path: string }>(c, `SELECT file_id, path FROM files`)).map((r) => [r.path, r.file_id]));
      let nextId = Math.max(0, ...ids.values()) + 1;
      let moved = false;
      const rows = { documents: [] as Owned<DocumentRow>[], observations: [] as Owned<Observation>[], mentions: [] as Owned<Mention>[], failures: [] as Owned<Failure>[] };
      const cleared: number[] = [];
      const served: number[] = [];
      const unserved: number[] = [];
      const newFiles: [number, FileStat, string, string, boolean][] = [];
      for (const change of changes) {
        if (change.kind === "touch") {
          await c.run(`UPDATE files SET size = ?, mtime_ms = ? WHERE path = ?`, [change.stat.size, change.stat.mtimeMs, change.stat.path]);
          continue;
        }
        moved = true;
        if (change.kind === "remove") {
          const id = ids.get(change.path);
          if (id === undefined) continue;
          for (const t of [...ROW_TABLES, "failures", "scope", "files"]) await c.run(`DELETE FROM ${t} WHERE file_id = ?`, [id]);
          continue;
        }
        const ok = change.kind === "read";
        let id = ids.get(change.stat.path);
        if (id === undefined) {
          id = nextId++;
          ids.set(change.stat.path, id);
          newFiles.push([id, change.stat, change.hash, change.kitVersion, ok]);
        } else {
          await c.run(`UPDATE files SET size = ?, mtime_ms = ?, hash = ?, kit_version = ?, ok = ?, read_at = now() WHERE file_id = ?`, [change.stat.size, change.stat.mtimeMs, change.hash, change.kitVersion, ok, id]);
          // A known file: its failures go, and on a good read its rows (a failed read keeps them).
          cleared.push(id);
          if (ok) for (const t of ROW_TABLES) await c.run(`DELETE FROM ${t} WHERE file_id = ?`, [id]);
        }
        if (change.kind === "read") {
          const fileId = id;
          rows.documents.push(...change.result.documents.map((row) => ({ fileId, row })));
          rows.observations.push(...change.result.observations.map((row) => ({ fileId, row })));
          rows.mentions.push(...change.result.mentions.map((row) => ({ fileId, row })));
        }
        rows.failures.push(...change.failures.map((row) => ({ fileId: id!, row })));
        (change.serve ? served : unserved).push(id);
      }
      if (cleared.length) await c.run(`DELETE FROM failures WHERE file_id IN (${cleared.join(", ")})`);
      if (newFiles.length) {
        const a = await c.createAppender("files");
        for (const [id, stat, hash, version, ok] of newFiles) {
          a.appendInteger(id);
          a.appendVarchar(stat.path);
          a.appendBigInt(BigInt(stat.size));
          a.appendDouble(stat.mtimeMs);
          a.appendVarchar(hash);
          a.appendVarchar(version);
          a.appendBoolean(ok);
          a.appendDefault();
          a.endRow();
        }
        a.flushSync();
        a.closeSync();
      }
      await append(c, "documents", DOCUMENT_COLUMNS, rows.documents);
      await append(c, "observations", OBSERVATION_COLUMNS, rows.observations);
      await append(c, "mentions", MENTION_COLUMNS, rows.mentions);
      await append(c, "failures", FAILURE_COLUMNS, rows.failures);
      const touched = [...served, ...unserved];
      if (touched.length) await c.run(`DELETE FROM scope WHERE file_id IN (${touched.join(", ")})`);
      if (served.length) await c.run(`INSERT INTO scope SELECT unnest([${served.join(", ")}])`);
      if (moved) await bumpGeneration(c);
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
