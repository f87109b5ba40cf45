// The one seam through which the store has a file extracted. The default runs the kit in this
// thread (the CLI has nothing else to do meanwhile); the server uses a worker thread, so a large
// drop never stalls its requests. A pool (piscina, kit/files/parallel.ts) can be put behind it.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { extractPaths } from "../kit/index.js";
import type { ExtractResult, Failure } from "../kit/types.js";
import messages from "./messages.json" with { type: "json" };

export interface Extracted {
  /** Null when the file could not be read (failures say why). */
  result: ExtractResult | null;
  failures: Failure[];
}

export type ExtractFile = (file: string) => Promise<Extracted>;

/** The kit's own reading of one file; its document name is the file name, as the contract asks. */
export async function extractOne(file: string): Promise<Extracted> {
  const batch = await extractPaths([file]);
  if (batch.failures.length > 0) return { result: null, failures: batch.failures };
  return { result: { documents: batch.documents, observations: batch.observations, mentions: batch.mentions }, failures: [] };
}

/** In this thread. */
export const extractInThread: ExtractFile = extractOne;

/** What the worker sends: slices of a result's rows, then the end with the failures. */
type WorkerMessage =
  | { id: number; table: keyof ExtractResult; rows: unknown[] }
  | { id: number; done: true; ok: boolean; failures: Failure[] };

export interface WorkerExtract {
  extract: ExtractFile;
  close(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** The built worker script: beside this file when built; dist/store when this runs from the sources (tests). */
export function workerScript(): string | null {
  for (const p of [path.join(here, "extract-worker.js"), path.resolve(here, "../dist/store/extract-worker.js")]) if (existsSync(p)) return p;
  return null;
}

/**
 * One worker thread reading files one after another (the server extracts a file at a time anyway:
 * reports change one by one). Without a built worker script it falls back to this thread.
 */
export function workerExtract(): WorkerExtract {
  const script = workerScript();
  if (!script) return { extract: extractInThread, close: async () => {} };
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, { file: string; result: ExtractResult; resolve: (e: Extracted) => void }>();
  const start = (): Worker => {
    const w = new Worker(script);
    w.unref();
    w.on("message", (m: WorkerMessage) => {
      const p = pending.get(m.id);
      if (!p) return;
      if ("rows" in m) {
        (p.result[m.table] as unknown[]).push(...m.rows);
        return;
      }
      pending.delete(m.id);
      p.resolve({ result: m.ok ? p.result : null, failures: m.failures });
    });
    // A crashed worker (out of memory on a huge file) fails the files it held, and the next starts afresh.
    const fail = (detail: string) => {
      worker = null;
      for (const [, p] of pending) p.resolve({ result: null, failures: [{ file: p.file, code: "unreadable", message: messages.workerDied.replace("{detail}", detail) }] });
      pending.clear();
    };
    w.on("error", (err) => fail(err.message));
    w.on("exit", (code) => {
      if (pending.size) fail(`exit code ${code}`);
      worker = null;
    });
    return w;
  };
  return {
    extract(file) {
      worker ??= start();
      const id = nextId++;
      const w = worker;
      return new Promise((resolve) => {
        pending.set(id, { file, result: { documents: [], observations: [], mentions: [] }, resolve });
        w.ref();
        w.postMessage({ id, file });
      }).finally(() => {
        if (pending.size === 0) worker?.unref();
      }) as Promise<Extracted>;
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
