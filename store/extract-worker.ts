// The worker thread behind workerExtract: reads the files it is sent, one at a time. A result
// goes back in slices of rows, each its own message, so the main thread takes a large file's
// rows in pieces between which it keeps answering requests.
import { parentPort } from "node:worker_threads";
import type { ExtractResult } from "../kit/types.js";
import { extractOne } from "./extract.js";

const SLICE = 5000;
const TABLES = ["documents", "observations", "mentions"] as const satisfies readonly (keyof ExtractResult)[];

parentPort?.on("message", (m: { id: number; file: string }) => {
  extractOne(m.file).then(
    (e) => {
      if (e.result) {
        for (const table of TABLES) {
          const rows = e.result[table];
          for (let i = 0; i < rows.length; i += SLICE) parentPort!.postMessage({ id: m.id, table, rows: rows.slice(i, i + SLICE) });
        }
      }
      parentPort!.postMessage({ id: m.id, done: true, ok: e.result !== null, failures: e.failures });
    },
    (err: Error) => parentPort!.postMessage({ id: m.id, done: true, ok: false, failures: [{ file: m.file, code: "unreadable", message: `cannot be read: ${err.message}` }] }),
  );
});
