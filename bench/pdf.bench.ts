// npm run bench: how fast PDFs are read (figures, not a test). A PDF of about twenty pages is
// made from two seeds by LibreOffice (prose and an annex table over several pages), then read
// to its reading text again and again; prints pages per second, and the first read apart (it
// loads pdf.js). Skipped, with a message, where LibreOffice (soffice) is missing.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { readBytes } from "../kit/core.js";
import { PDF_OPTIONS } from "../kit/files/files.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SEEDS = ["004_ceb362faf2888194.txt", "000_b3806004d9469c12.txt"];
const RUNS = 7;

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The seeds' text as one page: a paragraph per line, runs of tab-separated lines as tables. */
function pageOf(texts: string[]): string {
  const out: string[] = [];
  const lines = texts.join("\n").split(/\r?\n/);
  for (let i = 0; i < lines.length; ) {
    if (lines[i]!.includes("\t")) {
      const rows: string[] = [];
      while (i < lines.length && lines[i]!.includes("\t")) rows.push(`<tr>${lines[i++]!.split("\t").map((c) => `<td>${escapeHtml(c.trim())}</td>`).join("")}</tr>`);
      out.push(`<table border="1">${rows.join("")}</table>`);
      continue;
    }
    const line = lines[i++]!.trim().replace(/^#+\s*/, "");
    if (line) out.push(`<p>${escapeHtml(line)}</p>`);
  }
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>bench</title></head><body>${out.join("\n")}</body></html>`;
}

export async function run(): Promise<void> {
  if (spawnSync("soffice", ["--version"]).status !== 0) {
    console.log("pdf: skipped, LibreOffice (soffice) is not installed; apt-get install libreoffice-writer-nogui");
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-bench-pdf-"));
  try {
    const html = path.join(dir, "bench.html");
    writeFileSync(html, pageOf(SEEDS.map((s) => readFileSync(path.join(root, "seeds", s), "utf8"))));
    const profile = pathToFileURL(path.join(dir, "profile")).href;
    const made = spawnSync("soffice", [`-env:UserInstallation=${profile}`, "--headless", "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export", "--outdir", dir, html], { encoding: "utf8" });
    if (made.status !== 0) {
      console.log(`pdf: skipped, LibreOffice could not make the PDF (${made.stderr.trim()})`);
      return;
    }
    const bytes = readFileSync(path.join(dir, "bench.pdf"));
    const t0 = process.hrtime.bigint();
    const first = await readBytes(bytes, { name: "bench.pdf", pdf: PDF_OPTIONS });
    const cold = Number(process.hrtime.bigint() - t0) / 1e6;
    const pages = first.pageStarts?.length ?? 0;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = process.hrtime.bigint();
      await readBytes(bytes, { name: "bench.pdf", pdf: PDF_OPTIONS });
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    times.sort((a, b) => a - b);
    const median = times[RUNS >> 1]!;
    console.log(
      `pdf: a ${pages}-page PDF (LibreOffice, from the seeds) read in ${median.toFixed(0)} ms (median of ${RUNS}; min ${times[0]!.toFixed(0)}, max ${times[RUNS - 1]!.toFixed(0)}) → ` +
        `${((pages * 1000) / median).toFixed(0)} pages/s; the first read, loading pdf.js, ${cold.toFixed(0)} ms`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
