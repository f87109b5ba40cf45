// npm run bench: extraction on one core, in this process (figures, not a test). Every file of
// the corpus (bench/corpus.ts) is read into memory first, then extracted three times over:
// min / median / max MB/s and reports (files) per second, and per format, PDF in pages too.
import { readFileSync } from "node:fs";
import path from "node:path";
import { extractReading, readBytes } from "../kit/core.js";
import { PDF_OPTIONS } from "../kit/files/files.js";
import { ensureCorpus, type CorpusFile } from "./corpus.js";
import { fmt, MB, spread } from "./stats.js";

export const PASSES = 3;

interface PerFormat {
  seconds: number;
  bytes: number;
  files: number;
  pages: number;
}

async function pass(files: (CorpusFile & { data: Uint8Array })[]): Promise<{ seconds: number; cpu: number; documents: number; observations: number; failures: number; formats: Map<string, PerFormat> }> {
  const formats = new Map<string, PerFormat>();
  let documents = 0;
  let observations = 0;
  let failures = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const f of files) {
    const a = performance.now();
    let pages = 0;
    try {
      const name = path.basename(f.file);
      const reading = await readBytes(f.data, { name, pdf: PDF_OPTIONS });
      pages = reading.pageStarts?.length ?? 0;
      const r = extractReading(reading, { name });
      documents += r.documents.length;
      observations += r.observations.length;
    } catch {
      failures++;
    }
    const x = formats.get(f.format) ?? { seconds: 0, bytes: 0, files: 0, pages: 0 };
    x.seconds += (performance.now() - a) / 1000;
    x.bytes += f.bytes;
    x.files++;
    x.pages += pages;
    formats.set(f.format, x);
  }
  const c = process.cpuUsage(c0);
  return { seconds: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6, documents, observations, failures, formats };
}

export async function run(corpusBytes: number): Promise<void> {
  const corpus = await ensureCorpus(corpusBytes);
  const files = corpus.files.map((f) => ({ ...f, data: new Uint8Array(readFileSync(f.file)) }));
  const mb = corpus.bytes / MB;
  // Warm up: every reader loaded (pdf.js, exceljs), the regexes compiled, the JIT at work.
  await pass(files.slice(0, 40));
  const passes = [];
  for (let i = 0; i < PASSES; i++) passes.push(await pass(files));
  const last = passes[passes.length - 1]!;
  console.log(`extraction, one core, in process: ${mb.toFixed(1)} MB in ${files.length} files from ${corpus.sources}; ${last.documents} documents, ${last.observations} observations, ${last.failures} files failed`);
  console.log(`  ${PASSES} passes, min / median / max: ${fmt(spread(passes.map((p) => mb / p.seconds)))} MB/s, ${fmt(spread(passes.map((p) => files.length / p.seconds)), 0)} reports/s (wall); ${fmt(spread(passes.map((p) => mb / p.cpu)))} MB per CPU second`);
  const median = [...passes].sort((a, b) => a.seconds - b.seconds)[Math.floor((PASSES - 1) / 2)]!;
  for (const [format, x] of [...median.formats].sort((a, b) => b[1].bytes - a[1].bytes)) {
    const pages = x.pages > 0 ? `, ${(x.pages / x.seconds).toFixed(0)} pages/s (${x.pages} pages)` : "";
    console.log(`  ${format.padEnd(5)} ${(x.bytes / MB).toFixed(1).padStart(5)} MB in ${String(x.files).padStart(4)} files: ${(x.bytes / MB / x.seconds).toFixed(1).padStart(5)} MB/s, ${(x.files / x.seconds).toFixed(0).padStart(4)} reports/s${pages}`);
  }
}
