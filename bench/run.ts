// npm run bench: figures, not tests. Extraction throughput over a synthetic corpus of at
// least 50 MB generated from the seeds, the CLI's wall time on the seeds, then every other
// benchmark in this folder (files named *.bench.ts exporting `run()`).
import { readdirSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { extractText } from "../kit/core.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const seedsDir = path.join(root, "seeds");
const TARGET_BYTES = 50 * 1024 * 1024;

function seeds(): { name: string; text: string }[] {
  return readdirSync(seedsDir)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => ({ name: f, text: readFileSync(path.join(seedsDir, f), "utf8") }));
}

/** Variants of the seeds (years and figures shifted) until the corpus holds TARGET_BYTES. */
function corpus(): { name: string; text: string }[] {
  const base = seeds();
  const out: { name: string; text: string }[] = [];
  let bytes = 0;
  for (let i = 0; bytes < TARGET_BYTES; i++) {
    for (const s of base) {
      const text = s.text.replace(/\d+\.\d+/g, (m) => (Number(m) * (1 + (i % 7) / 100)).toFixed(2)).replace(/20(1\d|2\d)年/g, (_m, y: string) => `20${(Number(y) + (i % 3)) % 100}年`);
      out.push({ name: `${i}_${s.name}`, text });
      bytes += Buffer.byteLength(text, "utf8");
      if (bytes >= TARGET_BYTES) break;
    }
  }
  return out;
}

function extractionThroughput(): void {
  const docs = corpus();
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text, "utf8"), 0);
  // Warm up the regex compiler and the JIT on the seeds first.
  for (const s of seeds()) extractText(s.text, { name: s.name });
  const t0 = process.hrtime.bigint();
  let observations = 0;
  for (const d of docs) observations += extractText(d.text, { name: d.name }).observations.length;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const mb = bytes / 1024 / 1024;
  console.log(`extraction: ${mb.toFixed(1)} MB in ${docs.length} documents, ${seconds.toFixed(2)} s on one core → ${(mb / seconds).toFixed(1)} MB/s (${observations} observations, heap ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB)`);
}

function cliWallTime(): void {
  const cli = path.join(root, "dist/cli/main.js");
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    execFileSync(process.execPath, [cli, "extract", seedsDir, "--json"], { stdio: ["ignore", "ignore", "inherit"] });
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  runs.sort((a, b) => a - b);
  console.log(`cli: zhibiao extract seeds --json, cold process, median ${runs[2]!.toFixed(0)} ms (min ${runs[0]!.toFixed(0)}, max ${runs[4]!.toFixed(0)})`);
}

async function others(): Promise<void> {
  for (const f of readdirSync(here).filter((f) => f.endsWith(".bench.js")).sort()) {
    const mod = (await import(path.join(here, f))) as { run: () => Promise<void> };
    await mod.run();
  }
}

extractionThroughput();
cliWallTime();
await others();
