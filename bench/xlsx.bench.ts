// npm run bench: the Excel export's throughput and memory on 100k observations (figures, not a test).
// The export runs in a child process so its peak memory is its own, not the extraction bench's.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { extractText } from "../kit/core.js";
import type { ExtractResult, Mention, Observation } from "../kit/types.js";
import { writeWorkbook } from "../export/xlsx.js";

const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), "../..");
const OBSERVATIONS = 100_000;

/** The seeds' tables, repeated under new regions, ids and figures until they hold `n` observations. */
export function syntheticResult(n: number): ExtractResult {
  const seedsDir = path.join(root, "seeds");
  const seeds = readdirSync(seedsDir)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => extractText(readFileSync(path.join(seedsDir, f), "utf8"), { name: f }));
  const base = { documents: seeds.flatMap((r) => r.documents), observations: seeds.flatMap((r) => r.observations), mentions: seeds.flatMap((r) => r.mentions) };
  const mentionsOf = new Map<string, Mention[]>();
  for (const m of base.mentions) mentionsOf.set(m.observation_id, [...(mentionsOf.get(m.observation_id) ?? []), m]);

  const out: ExtractResult = { documents: [], observations: [], mentions: [] };
  for (let copy = 0; out.observations.length < n; copy++) {
    const doc = (d: string) => `${copy}_${d}`;
    for (const d of base.documents) out.documents.push({ ...d, doc: doc(d.doc), region: d.region && `${d.region}${copy}` });
    for (const o of base.observations) {
      if (out.observations.length >= n) break;
      const id = `${o.id}_${copy}`;
      const scaled = (v: number | null) => (v === null ? null : Math.round(v * (1 + (copy % 13) / 100) * 100) / 100);
      const obs: Observation = { ...o, id, doc: doc(o.doc), region: `${o.region}${copy}`, value: scaled(o.value), growth_pct: scaled(o.growth_pct) };
      out.observations.push(obs);
      for (const m of mentionsOf.get(o.id) ?? []) out.mentions.push({ ...m, observation_id: id, doc: doc(m.doc) });
    }
  }
  return out;
}

async function child(): Promise<void> {
  const result = syntheticResult(OBSERVATIONS);
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  const dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-bench-"));
  const file = path.join(dir, "bench.xlsx");
  try {
    const t0 = process.hrtime.bigint();
    await writeWorkbook(result, file);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const peak = process.resourceUsage().maxRSS * 1024;
    process.stdout.write(JSON.stringify({ observations: result.observations.length, mentions: result.mentions.length, seconds, baseline, peak, bytes: statSync(file).size }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const out = execFileSync(process.execPath, ["--expose-gc", here, "--child"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 20 });
  const r = JSON.parse(out) as { observations: number; mentions: number; seconds: number; baseline: number; peak: number; bytes: number };
  const mb = (b: number) => (b / 1048576).toFixed(0);
  const rows = r.observations + r.mentions;
  console.log(
    `xlsx: ${r.observations} observations + ${r.mentions} mentions in ${r.seconds.toFixed(1)} s → ${Math.round(r.observations / r.seconds)} observations/s ` +
      `(${Math.round(rows / r.seconds)} table rows/s); peak RSS ${mb(r.peak)} MB, ${mb(r.peak - r.baseline)} MB above the ${mb(r.baseline)} MB holding the tables; file ${mb(r.bytes)} MB`,
  );
}

if (process.argv.includes("--child")) await child();
