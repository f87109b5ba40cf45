// The worker thread behind workerExtract: reads the files it is sent, one at a time.
import { parentPort } from "node:worker_threads";
import { extractOne } from "./extract.js";

parentPort?.on("message", (m: { id: number; file: string }) => {
  extractOne(m.file).then(
    (e) => parentPort!.postMessage({ id: m.id, ...e }),
    (err: Error) => parentPort!.postMessage({ id: m.id, result: null, failures: [{ file: m.file, code: "unreadable", message: `cannot be read: ${err.message}` }] }),
  );
});
