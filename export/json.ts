// `zhibiao extract --json`: {"documents":[…],"observations":[…],"mentions":[…]} written as a
// stream, byte for byte what JSON.stringify of the whole batch gives, without ever holding it.
// The documents come first but are known only at the end, and every observation comes before
// any mention; so each file's observations and mentions are appended, as the file is done, to
// two spool files in a temporary folder, and the object is then written from the documents
// (small) and the two spools. Memory is bounded by the largest document; the spools take about
// the output's size on disk until the end.
import { createReadStream, createWriteStream, rmSync, type WriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Writable } from "node:stream";
import type { DocumentRow, ExtractResult } from "../kit/types.js";

/** The destination was closed by its reader (`zhibiao extract … --json | head`). */
export class ClosedOutput extends Error {
  constructor() {
    super("the output was closed");
  }
}

const isClosedPipe = (err: unknown): boolean => ["EPIPE", "ERR_STREAM_DESTROYED", "ERR_STREAM_WRITE_AFTER_END"].includes((err as NodeJS.ErrnoException)?.code ?? "");

/** Writes a chunk and waits for 'drain' when the stream's buffer is full (backpressure). */
export async function writeChunk(out: Writable, chunk: string | Uint8Array): Promise<void> {
  if (out.destroyed || out.writableEnded) throw new ClosedOutput();
  if (out.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (err?: unknown): void => {
      out.off("drain", onDrain);
      out.off("error", onError);
      out.off("close", onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = (): void => done();
    const onError = (err: Error): void => done(isClosedPipe(err) ? new ClosedOutput() : err);
    const onClose = (): void => done(new ClosedOutput());
    out.on("drain", onDrain);
    out.on("error", onError);
    out.on("close", onClose);
  });
}

/** One spool: rows as JSON, separated by commas, appended file by file. */
class Spool {
  readonly stream: WriteStream;
  private empty = true;
  constructor(readonly file: string) {
    this.stream = createWriteStream(file);
    // Errors surface through writeChunk and close(); this keeps one from being unhandled meanwhile.
    this.stream.on("error", () => undefined);
  }
  async add(rows: readonly object[]): Promise<void> {
    if (rows.length === 0) return;
    // One native call for the file's rows; the array's brackets cut off (its commas are the separators).
    const text = JSON.stringify(rows).slice(1, -1);
    await writeChunk(this.stream, this.empty ? text : "," + text);
    this.empty = false;
  }
  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.stream.closed) return resolve();
      this.stream.once("error", reject);
      this.stream.end(() => resolve());
    });
  }
}

export interface JsonTablesWriter {
  /** Adds one file's tables (in the order the files are to appear). */
  add(result: ExtractResult): Promise<void>;
  /** Writes the whole object to `out`; throws ClosedOutput if its reader went away. */
  finish(out: Writable): Promise<void>;
  /** Removes the spools (always call it, also after an error). */
  dispose(): Promise<void>;
}

export async function jsonTablesWriter(tmpRoot = os.tmpdir()): Promise<JsonTablesWriter> {
  const dir = await mkdtemp(path.join(tmpRoot, "zhibiao-json-"));
  const observations = new Spool(path.join(dir, "observations"));
  const mentions = new Spool(path.join(dir, "mentions"));
  const documents: DocumentRow[] = [];
  // Interrupted (Ctrl-C, kill) before dispose: the spools are removed on the way out all the same.
  const removeNow = (): void => rmSync(dir, { recursive: true, force: true });
  const interrupted = (signal: NodeJS.Signals): void => {
    removeNow();
    process.kill(process.pid, signal);
  };
  process.once("exit", removeNow);
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  const copy = async (spool: Spool, out: Writable): Promise<void> => {
    for await (const chunk of createReadStream(spool.file)) await writeChunk(out, chunk as Buffer);
  };
  return {
    async add(result) {
      for (const d of result.documents) documents.push(d);
      await observations.add(result.observations);
      await mentions.add(result.mentions);
    },
    async finish(out) {
      await observations.close();
      await mentions.close();
      // An error on `out` before the first write (its reader already gone) must not go unhandled.
      const swallow = (): void => undefined;
      out.on("error", swallow);
      try {
        await writeChunk(out, `{"documents":${JSON.stringify(documents)},"observations":[`);
        await copy(observations, out);
        await writeChunk(out, `],"mentions":[`);
        await copy(mentions, out);
        await writeChunk(out, "]}\n");
      } catch (err) {
        throw isClosedPipe(err) ? new ClosedOutput() : err;
      } finally {
        out.off("error", swallow);
      }
    },
    async dispose() {
      process.off("exit", removeNow);
      process.off("SIGINT", interrupted);
      process.off("SIGTERM", interrupted);
      observations.stream.destroy();
      mentions.stream.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
