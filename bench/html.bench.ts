// npm run bench: reading web pages (figures, not a test). The seeds written as pages by the
// tests' reportHtml (a <p> per paragraph, a <table> per table), figures and
// years shifted per copy, until the pages hold about 20 MB; then each page read into the
// reading text (decode, parse, visible-text walk), as readBytes does for an .html file.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readBytes } from "../kit/read/index.js";
import { reportHtml } from "../test/helpers/report-html.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const TARGET_BYTES = 20 * 1024 * 1024;

function pages(): { name: string; bytes: Uint8Array }[] {
  const seedsDir = path.join(root, "seeds");
  const seeds = readdirSync(seedsDir)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => ({ name: f.replace(".txt", ""), text: readFileSync(path.join(seedsDir, f), "utf8") }));
  const out: { name: string; bytes: Uint8Array }[] = [];
  let total = 0;
  for (let i = 0; total < TARGET_BYTES; i++) {
    for (const s of seeds) {
      const text = s.text.replace(/\d+\.\d+/g, (m) => (Number(m) * (1 + (i % 7) / 100)).toFixed(2)).replace(/20(1\d|2\d)年/g, (_m, y: string) => `20${(Number(y) + (i % 3)) % 100}年`);
      const bytes = Buffer.from(reportHtml(text, `${i}_${s.name}`), "utf8");
      out.push({ name: `${i}_${s.name}.html`, bytes });
      total += bytes.length;
      if (total >= TARGET_BYTES) break;
    }
  }
  return out;
}

export async function run(): Promise<void> {
  const docs = pages();
  const bytes = docs.reduce((n, d) => n + d.bytes.length, 0);
  // Warm up the parser and the JIT on a few pages first.
  for (const d of docs.slice(0, 10)) await readBytes(d.bytes, { name: d.name });
  const t0 = process.hrtime.bigint();
  let chars = 0;
  for (const d of docs) chars += (await readBytes(d.bytes, { name: d.name })).text.length;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const mb = bytes / 1024 / 1024;
  console.log(
    `html: ${mb.toFixed(1)} MB of pages in ${docs.length} files read in ${seconds.toFixed(2)} s on one core → ${(mb / seconds).toFixed(1)} MB/s ` +
      `(${Math.round(docs.length / seconds)} pages/s, ${(chars / 1048576).toFixed(1)} M characters of reading text)`,
  );
}

// Run on its own: node dist/bench/html.bench.js
if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
