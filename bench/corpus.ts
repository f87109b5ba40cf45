// The bench's corpus (npm run bench): reports with real variety, generated into bench/corpus/
// (git-ignored; reused while its recipe and size are unchanged). Sources: the seeds and, where
// present, the development corpus ../shared/dev/docs (never copied into the repository). Each
// round varies them — the report's region renamed to another of its level, years shifted, the
// prose paragraphs of a seed shuffled within their runs — and writes the seeds in turn as text,
// Markdown, a web page, Word, a CSV corpus row and an Excel table; the development files keep
// their format (text, CSV and HTML varied as text, Word through its document.xml, PDF copied as
// it is: its text cannot be edited in place).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { strToU8, strFromU8, unzipSync, zipSync } from "fflate";
import ExcelJS from "exceljs";
import { findRegionNames, regionsNamed, type RegionLevel } from "../kit/lexicon/regions.js";
import { reportHtml } from "../test/helpers/report-html.js";
import { docx, p, tbl } from "../test/helpers/ooxml.js";
import { random } from "./random.js";

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "../..");
export const corpusDir = path.join(root, "bench/corpus");
const DEV_DOCS = path.resolve(root, "../shared/dev/docs");
/** Bump when the recipe changes, so an old corpus is made again. */
const RECIPE = 3;

export interface CorpusFile {
  file: string;
  format: string;
  bytes: number;
}

export interface Corpus {
  dir: string;
  files: CorpusFile[];
  bytes: number;
  /** What the corpus was made from, for the printout. */
  sources: string;
}

/** Names a renamed report takes, by level; each is a real place (GB/T 2260), so it is recognised. */
const RENAMES: Record<RegionLevel, string[]> = {
  county: ["廉江市", "吴川市", "遂溪县", "徐闻县", "化州市", "信宜市", "高州市", "阳春市", "罗定市", "新兴县", "郁南县", "龙门县"],
  city: ["茂名市", "阳江市", "云浮市", "肇庆市", "清远市", "韶关市", "梅州市", "汕尾市"],
  province: ["江西省", "湖北省", "河南省", "安徽省", "山西省", "陕西省"],
};


/** The report's own region (the first place its opening names) renamed, with its short name. */
function renameRegion(text: string, round: number): string {
  const hit = findRegionNames(text.slice(0, 400))[0];
  if (!hit) return text;
  const from = hit.region;
  const choices = RENAMES[from.level].filter((n) => n !== from.name && regionsNamed(n).length > 0);
  const to = choices[round % choices.length];
  if (!to) return text;
  const toShort = regionsNamed(to)[0]!.short;
  let out = text.split(from.name).join(to);
  if (from.short.length >= 2 && from.short !== from.name) out = out.split(from.short).join(toShort);
  return out;
}

/** Years moved by 0–2 (2023年 → 2025年), so periods and ids differ between rounds. */
function shiftYears(text: string, round: number): string {
  const by = round % 3;
  return by === 0 ? text : text.replace(/((?:19|20)\d{2})(\s*年)/g, (_m, y: string, nian: string) => `${Number(y) + by}${nian}`);
}

/** Runs of prose paragraphs (no table, no heading) shuffled in place; the opening stays. */
function shuffleParagraphs(text: string, round: number): string {
  const blocks = text.split(/\n\s*\n/);
  const next = random(round * 7919 + 17);
  const isProse = (b: string, i: number) => i >= 6 && b.length > 80 && !b.includes("\t") && !b.trimStart().startsWith("#");
  for (let i = 0; i < blocks.length; ) {
    if (!isProse(blocks[i]!, i)) {
      i++;
      continue;
    }
    let j = i;
    while (j < blocks.length && isProse(blocks[j]!, j)) j++;
    for (let k = j - 1; k > i; k--) {
      const r = i + Math.floor(next() * (k - i + 1));
      [blocks[k], blocks[r]] = [blocks[r]!, blocks[k]!];
    }
    i = j;
  }
  return blocks.join("\n\n");
}

function vary(text: string, round: number): string {
  return shiftYears(renameRegion(text, round), round);
}

/** Lines of a report as Word paragraphs and tables (tab-separated runs of lines). */
function asDocx(text: string): Uint8Array {
  const body: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; ) {
    if (lines[i]!.includes("\t")) {
      const rows: string[][] = [];
      while (i < lines.length && lines[i]!.includes("\t")) rows.push(lines[i++]!.split("\t").map((c) => c.trim()));
      body.push(tbl(rows));
      continue;
    }
    const line = lines[i++]!.trim().replace(/^#+\s*/, "");
    if (line) body.push(p(line));
  }
  return docx(body.join(""));
}

/** A scraped corpus's CSV: one row per report, its text in a quoted cell (after a BOM, as scrapers write). */
function asCsv(text: string, title: string): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return `\ufefftitle,full_text\n${q(title)},${q(text)}\n`;
}

/** The report's tables (tab-separated lines) as one sheet under its title. */
async function asXlsx(text: string, title: string): Promise<Uint8Array | null> {
  const rows = text.split(/\r?\n/).filter((l) => l.includes("\t")).map((l) => l.split("\t").map((c) => c.trim()));
  if (rows.length < 3) return null;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("主要指标");
  ws.addRow([title]);
  for (const r of rows) ws.addRow(r.map((c) => (/^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c)));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function titleOf(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .map((l) => l.trim().replace(/^#+\s*/, ""))
      .find((l) => l.length >= 8 && /年/.test(l)) ?? "报告"
  );
}

const SEED_FORMATS = ["txt", "html", "docx", "md", "csv", "txt", "xlsx"] as const;

/** The corpus of about `targetBytes`, made now unless bench/corpus/ already holds it. */
export async function ensureCorpus(targetBytes: number): Promise<Corpus> {
  const manifest = path.join(corpusDir, "manifest.json");
  const hasDev = existsSync(DEV_DOCS);
  const sources = hasDev ? "the seeds and ../shared/dev/docs" : "the seeds (../shared/dev/docs is absent)";
  if (existsSync(manifest)) {
    const m = JSON.parse(readFileSync(manifest, "utf8")) as { recipe: number; targetBytes: number; dev: boolean; files: CorpusFile[] };
    if (m.recipe === RECIPE && m.targetBytes === targetBytes && m.dev === hasDev && m.files.every((f) => existsSync(f.file))) {
      return { dir: corpusDir, files: m.files, bytes: m.files.reduce((n, f) => n + f.bytes, 0), sources };
    }
  }
  rmSync(corpusDir, { recursive: true, force: true });
  mkdirSync(corpusDir, { recursive: true });
  const seedsDir = path.join(root, "seeds");
  const seeds = readdirSync(seedsDir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => ({ name: f.replace(/\.txt$/, ""), text: readFileSync(path.join(seedsDir, f), "utf8") }));
  const dev = hasDev
    ? readdirSync(DEV_DOCS)
        .sort()
        .map((f) => ({ name: f, bytes: readFileSync(path.join(DEV_DOCS, f)) }))
    : [];
  const files: CorpusFile[] = [];
  let total = 0;
  const write = (name: string, format: string, data: string | Uint8Array): void => {
    const file = path.join(corpusDir, name);
    writeFileSync(file, data);
    const bytes = statSync(file).size;
    files.push({ file, format, bytes });
    total += bytes;
  };
  for (let round = 0; total < targetBytes; round++) {
    for (const [k, s] of seeds.entries()) {
      const text = shuffleParagraphs(vary(s.text, round + k), round + k);
      const format = SEED_FORMATS[(round + k) % SEED_FORMATS.length]!;
      const name = `r${String(round).padStart(3, "0")}_${s.name}`;
      const title = titleOf(text);
      if (format === "html") write(`${name}.html`, format, reportHtml(text, title));
      else if (format === "docx") write(`${name}.docx`, format, asDocx(text));
      else if (format === "csv") write(`${name}.csv`, format, asCsv(text, title));
      else if (format === "xlsx") {
        const book = await asXlsx(text, title);
        write(book ? `${name}.xlsx` : `${name}.txt`, book ? format : "text", book ?? text);
      } else write(`${name}.${format}`, "text", text);
    }
    for (const d of dev) {
      const ext = path.extname(d.name).slice(1).toLowerCase();
      const name = `r${String(round).padStart(3, "0")}_${d.name}`;
      if (ext === "pdf") write(name, "pdf", d.bytes);
      else if (ext === "docx") {
        const parts = unzipSync(d.bytes);
        parts["word/document.xml"] = strToU8(vary(strFromU8(parts["word/document.xml"]!), round));
        write(name, "docx", zipSync(parts));
      } else write(name, ext === "txt" || ext === "md" ? "text" : ext === "htm" ? "html" : ext, vary(d.bytes.toString("utf8"), round));
    }
  }
  writeFileSync(manifest, JSON.stringify({ recipe: RECIPE, targetBytes, dev: hasDev, files }, null, 1));
  return { dir: corpusDir, files, bytes: total, sources };
}
