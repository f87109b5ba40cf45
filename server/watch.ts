// Watches the report folders and tells the store which paths changed, a burst of events at a time.
import { watch } from "chokidar";
import path from "node:path";

export interface Watcher {
  /** Resolves once the initial walk is done and events are being reported. */
  ready: Promise<void>;
  close(): Promise<void>;
}

const QUIET_MS = 75;

const hidden = (p: string) => {
  const name = path.basename(p);
  return name.startsWith(".") || name === "node_modules";
};

export function watchFolders(folders: string[], onChange: (paths: string[]) => void, onError: (err: unknown) => void = () => {}): Watcher {
  const watcher = watch(folders, { ignoreInitial: true, ignored: (p: string) => folders.every((f) => path.resolve(f) !== path.resolve(p)) && hidden(p) });
  let batch = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  // Editors save in several steps (truncate, write, rename): wait for a quiet moment, then report once.
  const flush = () => {
    timer = null;
    const paths = [...batch];
    batch = new Set();
    if (paths.length) onChange(paths);
  };
  watcher.on("all", (_event, p) => {
    batch.add(p);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, QUIET_MS);
  });
  watcher.on("error", onError);
  const ready = new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  return {
    ready,
    async close() {
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}
