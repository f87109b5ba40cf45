// npm run bench: the whole CLI as a user runs it (figures, not a test): `zhibiao extract
// bench/corpus --json` in a new process, one thread against one per core, three passes each:
// min / median / max MB/s and reports/s, and the process's peak resident memory (worker threads
// included), reported by the child itself (bench/rss.ts). Then a cold start on the seeds.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureCorpus, root } from "./corpus.js";
import { fmt, MB, spread } from "./stats.js";

const cli = path.join(root, "dist/cli/main.js");
const rss = path.join(root, "dist/bench/rss.js");
const PASSES = 3;

/** Wall seconds, CPU seconds (all threads) and peak RSS (MB) of one run of the CLI. */
function once(args: string[]): { seconds: number; cpu: number; rssMb: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-bench-rss-"));
  const out = path.join(dir, "rss");
  try {
    const t0 = performance.now();
    // Exit status 1 (a file that failed) is a figure too, not a reason to stop.
    try {
      execFileSync(process.execPath, ["--import", rss, cli, ...args], { stdio: ["ignore", "ignore", "ignore"], env: { ...process.env, ZHIBIAO_BENCH_RSS: out } });
    } catch (err) {
      if ((err as { status?: number }).status !== 1) throw err;
    }
    const seconds = (performance.now() - t0) / 1000;
    const child = JSON.parse(readFileSync(out, "utf8")) as { maxRSS: number; cpu: number };
    return { seconds, cpu: child.cpu / 1e6, rssMb: child.maxRSS / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(corpusBytes: number): Promise<void> {
  const corpus = await ensureCorpus(corpusBytes);
  const mb = corpus.bytes / MB;
  const cores = os.availableParallelism();
  console.log(`cli: zhibiao extract bench/corpus --json > /dev/null (${mb.toFixed(1)} MB, ${corpus.files.length} files), ${PASSES} passes each, min / median / max`);
  for (const threads of cores > 1 ? [1, cores] : [1]) {
    const runs = Array.from({ length: PASSES }, () => once(["extract", corpus.dir, "--json", "--quiet", "--threads", String(threads)]));
    const peak = Math.max(...runs.map((r) => r.rssMb));
    console.log(
      `  --threads ${threads}: ${fmt(spread(runs.map((r) => mb / r.seconds)))} MB/s, ${fmt(spread(runs.map((r) => corpus.files.length / r.seconds)), 0)} reports/s (wall); ${fmt(spread(runs.map((r) => mb / r.cpu)))} MB per CPU second; peak RSS ${peak.toFixed(0)} MB`,
    );
  }
  const seeds = Array.from({ length: 5 }, () => once(["extract", path.join(root, "seeds"), "--json"]));
  const ms = spread(seeds.map((r) => r.seconds * 1000));
  console.log(`  cold start: zhibiao extract seeds --json, 5 runs: ${fmt(ms, 0)} ms, peak RSS ${Math.max(...seeds.map((r) => r.rssMb)).toFixed(0)} MB`);
}
