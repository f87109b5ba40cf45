// Real files in every format, made at test time from report text: a web page (report-html.ts:
// paragraphs as <p>, tab-separated rows as a <table>), then LibreOffice converts that page to
// DOCX and PDF, as a government office's word processor would. Tests that need LibreOffice
// skip with a message where `soffice` (Debian: libreoffice-writer-nogui) is missing.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { reportHtml } from "./report-html.js";
import { soffice } from "./soffice.js";

export { reportHtml } from "./report-html.js";

const probe = spawnSync("soffice", ["--version"], { encoding: "utf8" });
// Debian splits LibreOffice: Calc alone cannot convert a page to Word or PDF; Writer's library says it is there.
export const hasWriter = probe.status === 0 && existsSync("/usr/lib/libreoffice/program/libswlo.so");
export const WRITER_SKIP = "skipped: LibreOffice Writer (soffice) is not installed; apt-get install libreoffice-writer-nogui";

/** Converts `file` with LibreOffice to `target` ("docx", "pdf", …) in a new folder; returns the new file. */
export async function convert(file: string, target: string): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "zhibiao-convert-"));
  // Pages open in Writer (not Writer/Web), so they export to Word and PDF like documents.
  const filter = file.endsWith(".html") ? ["--infilter=HTML (StarWriter)"] : [];
  const out = path.join(dir, `${path.basename(file, path.extname(file))}.${target.split(":")[0]}`);
  await soffice([...filter, "--convert-to", target, "--outdir", dir, file], [out]);
  return out;
}

/** Writes `text` as a page to a new folder and returns its path. */
export function writeReportHtml(text: string, name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "zhibiao-html-"));
  const file = path.join(dir, `${name}.html`);
  writeFileSync(file, reportHtml(text, name));
  return file;
}
