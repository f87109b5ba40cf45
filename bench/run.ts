// npm run bench: figures, never assertions (timing depends on the machine and its load). Runs
// every bench/*.bench.ts that exports `run(corpusBytes)`: extraction on one core, the CLI with
// one thread and with one per core, then the others in name order. A new bench plugs in by its
// file alone. BENCH=cli,pdf npm run bench runs only those; BENCH_MB=20 sizes the corpus (50 MB).
import { readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
/** These first, in this order: the corpus they share is made by the first. */
const FIRST = ["extract", "cli"];
const corpusBytes = Number(process.env.BENCH_MB ?? 50) * 1024 * 1024;
const only = process.env.BENCH?.split(",").map((s) => s.trim());

const names = readdirSync(here)
  .filter((f) => f.endsWith(".bench.js"))
  .map((f) => f.replace(/\.bench\.js$/, ""))
  .filter((n) => !only || only.includes(n))
  .sort((a, b) => (FIRST.indexOf(a) + 1 || 99) - (FIRST.indexOf(b) + 1 || 99) || (a < b ? -1 : 1));

const [l1, l5] = os.loadavg();
console.log(`bench on ${os.availableParallelism()} cores, load average ${l1!.toFixed(1)} (1 min) ${l5!.toFixed(1)} (5 min), Node ${process.version}`);
for (const name of names) {
  const mod = (await import(path.join(here, `${name}.bench.js`))) as { run: (corpusBytes: number) => Promise<void> };
  await mod.run(corpusBytes);
}
