// `zhibiao eval DOCS GOLD [META]`: runs the kit over a folder of reports and scores it against
// gold observations (eval/score.ts), printing per-document and total recall, exactness,
// headline precision, document metadata, provenance and, with --verbose, every miss.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { extractPaths, readFileReading } from "../kit/index.js";
import type { BatchResult } from "../kit/types.js";
import { docLine, metaProblems, pct, scoreDocument, totalLine, totals, type DocScore, type GoldFile, type MetaExpectation } from "./score.js";

export interface EvalOptions {
  verbose?: boolean;
}

export interface EvalReport {
  lines: string[];
  scores: DocScore[];
  /** Documents placed right out of those the metadata file lists. */
  meta: { right: number; of: number } | null;
  provenance: { right: number; of: number };
  failures: BatchResult["failures"];
}

const base = (s: string) => path.basename(s);

/** Mentions whose offsets reproduce their quote in the reading text of their file. */
async function checkProvenance(batch: BatchResult, files: Map<string, string>): Promise<{ right: number; of: number; wrong: string[] }> {
  let right = 0;
  let of = 0;
  const wrong: string[] = [];
  const byDoc = new Map<string, BatchResult["mentions"]>();
  for (const m of batch.mentions) byDoc.set(m.doc, [...(byDoc.get(m.doc) ?? []), m]);
  for (const [doc, mentions] of byDoc) {
    const file = files.get(doc);
    if (!file) continue;
    const { text } = await readFileReading(file);
    for (const m of mentions) {
      of++;
      if (m.quote.length > 0 && text.slice(m.start, m.end) === m.quote) right++;
      else wrong.push(`${doc} ${m.start}-${m.end} «${m.quote.slice(0, 30)}»`);
    }
  }
  return { right, of, wrong };
}

export async function runEval(docsDir: string, goldDir: string, metaFile: string | undefined, options: EvalOptions = {}): Promise<EvalReport> {
  const batch = await extractPaths([docsDir]);
  const names = await readdir(docsDir);
  const files = new Map(names.map((n) => [n, path.join(docsDir, n)]));
  const lines: string[] = [];
  const say = (l: string) => lines.push(l);

  for (const f of batch.failures) say(`FAILED ${f.file}: ${f.message}`);

  const goldFiles = (await readdir(goldDir)).filter((f) => f.endsWith(".json")).sort();
  const scores: DocScore[] = [];
  for (const g of goldFiles) {
    const gold = JSON.parse(await readFile(path.join(goldDir, g), "utf8")) as GoldFile;
    const doc = base(gold.doc);
    scores.push(scoreDocument({ ...gold, doc }, batch.observations.filter((o) => base(o.doc) === doc)));
  }
  for (const s of scores) {
    say(docLine(s));
    if (options.verbose) {
      for (const m of s.misses) say(`  MISS ${m}`);
      for (const w of s.wrongFields) say(`  FIELD ${w}`);
      for (const f of s.falseRows) say(`  FALSE ${f}`);
    }
  }
  const t = totals(scores);

  let meta: EvalReport["meta"] = null;
  if (metaFile) {
    const want = JSON.parse(await readFile(metaFile, "utf8")) as Record<string, MetaExpectation>;
    meta = { right: 0, of: 0 };
    for (const [doc, w] of Object.entries(want)) {
      if (w.skip) continue;
      meta.of++;
      const problems = metaProblems(w, batch.documents.filter((d) => base(d.doc) === doc));
      if (problems.length === 0) meta.right++;
      else say(`  META ${doc}: ${problems.join("; ")}`);
    }
  }
  const provenance = await checkProvenance(batch, files);
  if (options.verbose) for (const w of provenance.wrong) say(`  OFFSET ${w}`);

  say(`fields right on found rows: ${pct(t.fieldsRight, t.fields)}%; mentions whose offsets reproduce the quote in the reading text: ${provenance.right}/${provenance.of} (${pct(provenance.right, provenance.of)}%)`);
  if (meta) say(`documents placed right (one part, region, type, report period): ${meta.right}/${meta.of} (${pct(meta.right, meta.of)}%)`);
  say(totalLine(t));
  return { lines, scores, meta, provenance, failures: batch.failures };
}
