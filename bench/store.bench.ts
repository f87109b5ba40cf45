// npm run bench: the store's figures (not a test). 1,000 reports made from the seeds (figures and
// years varied per copy) added to a fresh store; one more added; `zhibiao serve` started on the
// full store (until /api/health answers); facet and observation query latency over HTTP.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startService } from "../server/serve.js";
import { counts, extractInThread, openStore, syncFiles, type ExtractFile } from "../store/index.js";

const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), "../..");
const REPORTS = 1000;
const QUERIES = 200;

/** Copy i of a seed: its decimals scaled and its years shifted, so every copy is a different file. */
function variant(text: string, i: number): string {
  return text
    .replace(/\d+\.\d+/g, (m) => (Number(m) * (1 + (i % 97) / 1000)).toFixed(2))
    .replace(/20(1\d|2\d)年/g, (_m, y: string) => `20${(Number(y) + (i % 5)) % 100}年`);
}

function writeCorpus(dir: string, n: number): string[] {
  const seedsDir = path.join(root, "seeds");
  const seeds = readdirSync(seedsDir)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => ({ name: f, text: readFileSync(path.join(seedsDir, f), "utf8") }));
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; files.length < n; i++) {
    for (const s of seeds) {
      if (files.length >= n) break;
      const file = path.join(dir, `${String(i).padStart(4, "0")}_${s.name}`);
      writeFileSync(file, variant(s.text, i));
      files.push(file);
    }
  }
  return files;
}

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function latency(origin: string, paths: string[]): Promise<string> {
  const times: number[] = [];
  for (const p of paths) {
    const t0 = process.hrtime.bigint();
    const res = await fetch(origin + p);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${p}: ${res.status}`);
    times.push(ms(t0));
  }
  times.sort((a, b) => a - b);
  return `p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`;
}

/** Starts the built CLI on the store and waits until /api/health answers; the wall time in ms. */
async function cliStart(folder: string, store: string): Promise<number> {
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, [path.join(root, "dist/cli/main.js"), "serve", folder, "--http", "--port", "0", "--store", store], { stdio: ["ignore", "pipe", "ignore"] });
  let out = "";
  const origin = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /api\s+(http:\/\/localhost:\d+)\/api\/health/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on("exit", (code) => reject(new Error(`serve exited (${code}): ${out}`)));
  });
  const res = await fetch(`${origin}/api/health`);
  await res.json();
  const elapsed = ms(t0);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
  return elapsed;
}

export async function runStoreBench(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "zhibiao-bench-store-"));
  try {
    const dir = path.join(tmp, "reports");
    const files = writeCorpus(dir, REPORTS);
    const storeFile = path.join(tmp, "store.duckdb");
    let extracting = 0;
    const timed: ExtractFile = async (file) => {
      const t0 = process.hrtime.bigint();
      const r = await extractInThread(file);
      extracting += seconds(t0);
      return r;
    };

    const db = await openStore(storeFile);
    let t0 = process.hrtime.bigint();
    await syncFiles(db, [dir], files, { extractFile: timed });
    const addAll = seconds(t0);
    const c = await counts(db, "all");
    console.log(
      `store: add ${REPORTS} reports (${c.documents} documents, ${c.observations} observations) in ${addAll.toFixed(1)} s ` +
        `(${extracting.toFixed(1)} s extracting in one thread, ${(addAll - extracting).toFixed(1)} s hashing and writing the store)`,
    );
    t0 = process.hrtime.bigint();
    await syncFiles(db, [dir], files, { extractFile: timed });
    console.log(`store: add the same ${REPORTS} again (nothing changed, nothing read) in ${ms(t0).toFixed(0)} ms`);
    const more = writeCorpus(path.join(tmp, "more"), 1)[0]!;
    const one = path.join(dir, "more_" + path.basename(more));
    writeFileSync(one, variant(readFileSync(more, "utf8"), 4242));
    t0 = process.hrtime.bigint();
    await syncFiles(db, [dir], [...files, one], { extractFile: timed });
    console.log(`store: add one more report to the ${REPORTS} in ${ms(t0).toFixed(0)} ms`);
    db.close();

    const cold = await cliStart(dir, storeFile);
    t0 = process.hrtime.bigint();
    const service = await startService({ folders: [dir], storeFile, assetDir: path.join(root, "dist/addin"), version: "bench", port: 0, http: true, watch: false });
    try {
      await (await fetch(`${service.origin}/api/health`)).json();
      const warm = ms(t0);
      console.log(
        `store: serve on the existing store of ${REPORTS + 1} reports, until /api/health answers: ${cold.toFixed(0)} ms from a new process (Node, the CLI, DuckDB's library), ` +
          `${warm.toFixed(0)} ms for the service itself (open the store, list and check the folder, listen)`,
      );
      const regions = ["雷州市", "廉江市", "泉港区", "湛河区", "湛江市"];
      const indicators = ["gdp", "fai", "retail_sales", "budget_revenue", "income_per_capita"];
      const kinds = ["actual", "estimate", "target"];
      // A different filter each time, so the facet cache does not answer.
      const facetPaths = Array.from({ length: QUERIES }, (_, i) => {
        const route = ["regions", "indicators", "periods", "kinds"][i % 4]!;
        return `/api/${route}?kind=${kinds[i % 3]}&period=${2015 + (i % 13)}&region=${encodeURIComponent(regions[i % 5]!)}&indicator=${indicators[Math.floor(i / 4) % 5]}&region=${encodeURIComponent(regions[Math.floor(i / 20) % 5]!)}`;
      });
      const uncachedFacets = await latency(service.origin, facetPaths);
      const cachedFacets = await latency(service.origin, Array.from({ length: QUERIES }, () => `/api/indicators?region=${encodeURIComponent("雷州市")}`));
      const pages = await latency(
        service.origin,
        Array.from({ length: QUERIES }, (_, i) => `/api/observations?region=${encodeURIComponent(regions[i % 5]!)}&indicator=${indicators[i % 5]}&limit=1000`),
      );
      const wide = await latency(service.origin, Array.from({ length: QUERIES / 4 }, (_, i) => `/api/observations?limit=1000&offset=${i * 1000}`));
      console.log(`store: queries over ${c.observations} observations on this machine: facets ${uncachedFacets} (computed), ${cachedFacets} (cached); observations of a region and indicator ${pages}; a page of 1,000 of all ${wide}`);
    } finally {
      await service.close();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The hook bench/run.ts calls for every *.bench file. */
export const run = runStoreBench;

if (process.argv[1] === here) await runStoreBench();
