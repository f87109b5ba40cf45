// Watches the report folders and tells the store which paths changed — once each has settled.
// A file still being written (a copy, a download, an editor's save in steps) must not be read
// half-way: a path is reported only when two looks at it, a tick apart, find the same size and
// time. Ticks are a timer in service; tests drive them, so no test races a timer.
import { watch } from "chokidar";
import { stat } from "node:fs/promises";
import path from "node:path";

export interface Watcher {
  /** Resolves once the initial walk is done and events are being reported. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface WatchOptions {
  onError?: (err: unknown) => void;
  /** Waits until the next look at the paths not yet settled; default TICK_MS. */
  tick?: () => Promise<void>;
}

/** Time between two looks: a file unchanged over one tick is taken as written. */
export const TICK_MS = 250;

const hidden = (p: string) => {
  const name = path.basename(p);
  return name.startsWith(".") || name === "node_modules";
};

/** What a look at a path finds: size and time, or that it is gone. */
async function look(p: string): Promise<string> {
  const st = await stat(p).catch(() => null);
  return st ? `${st.size}:${st.mtimeMs}:${st.isDirectory() ? "d" : "f"}` : "gone";
}

interface Pending {
  /** What the last look found. */
  last: string | null;
  /** An event came since the last look began: that look does not count. */
  changed: boolean;
}

/** Whether a path has settled: no event since the previous look, and this look finds the same. Pure. */
export function settled(entry: Pending, seen: string, changedMeanwhile: boolean): boolean {
  return !changedMeanwhile && entry.last !== null && entry.last === seen;
}

export function watchFolders(folders: string[], onChange: (paths: string[]) => void, options: WatchOptions = {}): Watcher {
  const tick = options.tick ?? (() => new Promise<void>((resolve) => setTimeout(resolve, TICK_MS)));
  const watcher = watch(folders, { ignoreInitial: true, ignored: (p: string) => folders.every((f) => path.resolve(f) !== path.resolve(p)) && hidden(p) });
  const pending = new Map<string, Pending>();
  let looping = false;
  let closed = false;
  const loop = async () => {
    looping = true;
    try {
      while (pending.size > 0 && !closed) {
        await tick();
        if (closed) return;
        const done: string[] = [];
        for (const [p, entry] of [...pending]) {
          const changedBefore = entry.changed;
          entry.changed = false;
          const seen = await look(p);
          if (settled(entry, seen, changedBefore || entry.changed)) {
            pending.delete(p);
            done.push(p);
          } else entry.last = seen;
        }
        if (done.length) onChange(done);
      }
    } catch (err) {
      options.onError?.(err);
    } finally {
      looping = false;
    }
  };
  watcher.on("all", (_event, p) => {
    const entry = pending.get(p);
    if (entry) entry.changed = true;
    else pending.set(p, { last: null, changed: true });
    if (!looping) void loop();
  });
  watcher.on("error", (err) => options.onError?.(err));
  const ready = new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  return {
    ready,
    async close() {
      closed = true;
      await watcher.close();
    },
  };
}
