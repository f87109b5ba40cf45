// The worker threads' entry (piscina loads it from dist/kit/files/worker.js): one file per task.
// extractFile never throws, so a rejected task in the pool means the worker itself died.
import { extractFile, type FileOutcome } from "./files.js";

export interface FileTask {
  file: string;
  /** The file's `doc`, decided by the whole batch (documentNames). */
  name: string;
}

export default function extract(task: FileTask): Promise<FileOutcome> {
  return extractFile(task.file, task.name);
}
