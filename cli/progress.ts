// A progress bar on stderr, shown only on a terminal and only when there are many files.
import cliProgress from "cli-progress";

const MIN_FILES = 5;

export interface Progress {
  update(done: number, total: number, file: string): void;
  stop(): void;
}

export function progressBar(stream: NodeJS.WriteStream = process.stderr): Progress {
  let bar: cliProgress.SingleBar | null = null;
  return {
    update(done, total, file) {
      if (!stream.isTTY || total < MIN_FILES) return;
      if (!bar) {
        bar = new cliProgress.SingleBar({ stream, format: "extracting [{bar}] {value}/{total} {file}", hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
        bar.start(total, 0, { file: "" });
      }
      bar.update(done, { file: file.length > 40 ? "…" + file.slice(-39) : file });
    },
    stop() {
      bar?.stop();
    },
  };
}
