// Files extracted across cores (Node only). Each file is a task for a pool of worker threads;
// outcomes are handed on in the order of the files, so every output is the same as the
// sequential run's, and at most a few files' tables wait in memory for a slow one before them.
import { availableParallelism } from "node:os";
import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { documentNames, extractFile, failureOf, type FileOutcome } from "./files.js";
import type { FileTask } from "./worker.js";

export type { FileOutcome } from "./files.js";

export interface ParallelOptions {
  /** Worker threads; default os.availableParallelism(). 1 extracts in this thread, with no pool. */
  threads?: number;
  /** Called as each file is done (in the order they finish), with the count done and the total. */
  onFile?: (outcome: FileOutcome, done: number, total: number) => void;
  /** The `doc` of each file; default documentNames(files). */
  names?: string[];
  /** The worker module (a file URL); tests give one that crashes. */
  worker?: string;
}

/**
 * The worker entry: compiled JavaScript beside this module (dist/kit/files/worker.js). Running
 * from the TypeScript sources (the tests), it is the built one; without a build, say so rather
 * than start workers that cannot load and would never answer.
 */
function workerUrl(): string {
  const beside = new URL("./worker.js", import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside.href;
  const built = new URL("../../dist/kit/files/worker.js", import.meta.url);
  if (existsSync(fileURLToPath(built))) return built.href;
  throw new Error(`the extraction worker is not built (${fileURLToPath(beside)}); run npm run build`);
}

/** Below this many bytes in all, starting workers (each loads the kit) costs more than it saves. */
const SMALL_INPUT = 2 * 1024 * 1024;
/** Files in flight per thread: enough to keep every worker busy, few enough to bound memory. */
const AHEAD_PER_THREAD = 4;

/**
 * How many threads to use: `threads` as asked (an explicit number is honoured, up to one per
 * file), else one per core for inputs large enough to pay for the workers' start.
 */
export async function threadsFor(files: string[], threads?: number): Promise<number> {
  if (threads !== undefined) return Math.max(1, Math.min(Math.floor(threads), files.length));
  if (files.length < 2) return 1;
  let bytes = 0;
  for (const f of files) {
    bytes += (await stat(f).catch(() => null))?.size ?? 0;
    if (bytes >= SMALL_INPUT) return Math.min(availableParallelism(), files.length);
  }
  return 1;
}

/**
 * Extracts `files`, yielding one outcome per file in the files' order. A file that fails, or
 * whose worker crashes (a crash takes only that task: piscina starts a new worker), is an
 * outcome with a failure naming it: no file is ever lost.
 */
export async function* extractFilesParallel(files: string[], opts: ParallelOptions = {}): AsyncIterable<FileOutcome> {
  const names = opts.names ?? documentNames(files);
  const threads = await threadsFor(files, opts.threads);
  let done = 0;
  let closed = false;
  const finished = (o: FileOutcome): FileOutcome => {
    // Tasks dropped when the consumer stopped early are no progress to report.
    if (!closed) opts.onFile?.(o, ++done, files.length);
    return o;
  };
  if (threads <= 1 && !opts.worker) {
    for (const [i, file] of files.entries()) yield finished(await extractFile(file, names[i]!));
    return;
  }
  const pool = new Piscina<FileTask, FileOutcome>({
    filename: opts.worker ?? workerUrl(),
    minThreads: threads,
    maxThreads: threads,
    // Rows travel back by structured clone; a worker never waits on Atomics for the next task.
    atomics: "disabled",
  });
  const ahead = threads * AHEAD_PER_THREAD;
  const pending = new Map<number, Promise<FileOutcome>>();
  const submit = (i: number): void => {
    const file = files[i]!;
    const task = pool
      .run({ file, name: names[i]! })
      .catch((err: unknown): FileOutcome => ({ file, result: null, failures: [failureOf(file, new Error(`the extraction crashed (${err instanceof Error ? err.message : String(err)})`))] }))
      .then(finished);
    // A task's rejection is handled above; nothing is left unhandled while it waits its turn.
    pending.set(i, task);
  };
  try {
    let next = 0;
    for (let i = 0; i < files.length; i++) {
      while (next < files.length && next < i + ahead) submit(next++);
      const outcome = await pending.get(i)!;
      pending.delete(i);
      yield outcome;
    }
  } finally {
    // Also when the consumer stops early: the other tasks are dropped.
    closed = true;
    await pool.destroy();
  }
}
