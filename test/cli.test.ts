// The built CLI, run as a user runs it: real files, real processes, real exit codes.
import { describe, expect, it, beforeAll } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, writeFileSync, copyFileSync, readFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const cli = path.join(root, "dist/cli/main.js");
const seed = path.join(root, "seeds/000_b3806004d9469c12.txt");

async function zhibiao(args: string[], cwd = root, lang?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  // The language comes from the test, never from the machine's environment.
  const env: NodeJS.ProcessEnv = { ...process.env, ZHIBIAO_LANG: lang ?? "" };
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(() => {
  if (!existsSync(cli)) throw new Error("dist/cli/main.js is missing: run `npm run build` first (npm test does)");
});

describe("zhibiao extract", () => {
  it("prints {documents, observations, mentions} with --json", async () => {
    const r = await zhibiao(["extract", "seeds", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { documents: unknown[]; observations: { region: string; indicator_id: string; period: string; value: number }[]; mentions: unknown[] };
    expect(Object.keys(out)).toEqual(["documents", "observations", "mentions"]);
    expect(out.observations.find((o) => o.region === "雷州市" && o.indicator_id === "gdp" && o.period === "2023")?.value).toBe(386.42);
    expect(out.documents.length).toBe(14);
  });

  it("writes three CSV files with a BOM for Excel with --csv", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-csv-"));
    const r = await zhibiao(["extract", seed, "--csv", dir]);
    expect(r.code).toBe(0);
    const json = JSON.parse((await zhibiao(["extract", seed, "--json"])).stdout) as { observations: unknown[]; mentions: unknown[] };
    for (const [file, rows] of [["observations.csv", json.observations.length], ["mentions.csv", json.mentions.length], ["documents.csv", 1]] as const) {
      const text = readFileSync(path.join(dir, file), "utf8");
      expect(text.startsWith("\ufeff")).toBe(true);
      // Quotes may hold line breaks; count records by the leading id-like field of each row instead of lines.
      expect(text.split("\n")[0]).toMatch(/^\ufeff(id|observation_id|doc),/);
      expect(text.length).toBeGreaterThan(rows * 10);
    }
    expect(readFileSync(path.join(dir, "observations.csv"), "utf8")).toContain("雷州市,2023,,actual,地区生产总值,gdp,386.42,亿元,386.42,亿元,3.6,yoy,,,,3,湛江市,false");
  });

  it("reads a folder of every format, names each file it cannot read and what it skipped, and still reads the rest", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-mixed-"));
    copyFileSync(seed, path.join(dir, "good.txt"));
    writeFileSync(path.join(dir, "page.html"), "<!DOCTYPE html><html><body><p>武义县2024年统计公报</p><p>全年地区生产总值458.2亿元，比上年增长5.1%，固定资产投资增长3%。经济运行总体平稳，发展质量稳步提升。</p></body></html>");
    writeFileSync(path.join(dir, "blank.html"), "<!DOCTYPE html><html><head><title>x</title><script>var a=1;</script></head><body>   </body></html>");
    writeFileSync(path.join(dir, "broken.docx"), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]));
    writeFileSync(path.join(dir, "old.xls"), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Array(504).fill(0)]));
    writeFileSync(path.join(dir, "scan.pdf"), "%PDF-1.4\n% not a real pdf\n");
    writeFileSync(path.join(dir, "photo.jpg"), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    writeFileSync(path.join(dir, "archive.rar"), "Rar!");
    const r = await zhibiao(["extract", dir, "--json", "--quiet"]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { documents: { doc: string; format: string }[] };
    expect(out.documents.map((d) => [d.doc, d.format]).sort()).toEqual([["good.txt", "text"], ["page.html", "html"]]);
    const lines = r.stderr.trim().split("\n");
    expect(lines.find((l) => l.includes("blank.html"))).toMatch(/no text/);
    expect(lines.find((l) => l.includes("broken.docx"))).toMatch(/damaged/);
    expect(lines.find((l) => l.includes("old.xls"))).toMatch(/save it as \.xlsx/);
    expect(lines.find((l) => l.includes("scan.pdf"))).toMatch(/damaged/);
    expect(lines).toContain("zhibiao: skipped 2 files: .jpg ×1, .rar ×1 (not reports)");
  });

  it("prints a document's reading text with zhibiao text, the same on every run", async () => {
    const first = await zhibiao(["text", seed]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(readFileSync(seed, "utf8"));
    const missing = await zhibiao(["text", path.join(root, "no-such-report.pdf")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no-such-report\.pdf/);
  });

  it("prints a readable summary without a format flag, in Chinese", async () => {
    const r = await zhibiao(["extract", "seeds"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("雷州市");
    expect(r.stdout).toContain("386.42亿元 +3.6%");
    expect(r.stdout).toMatch(/14 篇文档，\d+ 条观测/);
    expect(r.stdout).toContain("主要指标");
    expect(r.stdout).toMatch(/雷州市 .*2023 .*实际 /);
    expect(r.stdout).toContain("计划执行情况报告");
    expect(r.stdout).toContain("雷州市2023年国民经济和社会发展规划执行情…"); // the title beside the file name, cut to fit
    expect(r.stdout).not.toMatch(/\bactual\b|plan_report/);
  });

  it("prints the summary in English with --lang en or ZHIBIAO_LANG=en, and refuses another language", async () => {
    for (const r of [await zhibiao(["extract", "seeds", "--lang", "en"]), await zhibiao(["extract", "seeds"], root, "en")]) {
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/14 documents, \d+ observations/);
      expect(r.stdout).toMatch(/雷州市 .*2023 .*actual /);
      expect(r.stdout).toContain("plan report");
    }
    const bad = await zhibiao(["extract", "seeds", "--lang", "fr"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--lang fr: the language must be zh .* or en/);
    const badEnv = await zhibiao(["extract", "seeds"], root, "klingon");
    expect(badEnv.code).toBe(2);
    expect(badEnv.stderr).toMatch(/ZHIBIAO_LANG=klingon/);
  });

  it("reports each bad file on stderr, extracts the others, and exits 1", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-bad-"));
    copyFileSync(seed, path.join(dir, "good.txt"));
    writeFileSync(path.join(dir, "gbk.txt"), iconv.encode(readFileSync(seed, "utf8"), "gbk"));
    writeFileSync(path.join(dir, "empty.txt"), "");
    writeFileSync(path.join(dir, "image.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0, 1, 2, 3]));
    writeFileSync(path.join(dir, "english.txt"), "Minutes of the meeting. Nothing to report.\n".repeat(10));
    const missing = path.join(dir, "missing.txt");
    const r = await zhibiao(["extract", dir, missing, "--json"]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(4);
    expect(r.stderr).toContain(`${path.join(dir, "empty.txt")}: is empty`);
    expect(r.stderr).toContain(`${path.join(dir, "image.txt")}: looks like a binary file`);
    expect(r.stderr).toContain(`${path.join(dir, "english.txt")}: is not a report`);
    expect(r.stderr).toContain(`${missing}: cannot be read: ENOENT`);
    const out = JSON.parse(r.stdout) as { documents: { doc: string; encoding: string }[] };
    expect(out.documents.map((d) => `${d.doc}:${d.encoding}`).sort()).toEqual(["gbk.txt:gb18030", "good.txt:utf-8"]);
  });

  it("explains itself with --help", async () => {
    const top = await zhibiao(["--help"]);
    expect(top.stdout).toContain("extract");
    const sub = await zhibiao(["extract", "--help"]);
    expect(sub.stdout).toContain("--json");
    expect(sub.stdout).toContain("--csv <dir>");
  });
});

describe("files with the same name in different folders", () => {
  it("tells them apart by path, so their observations do not merge", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-dup-"));
    for (const sub of ["a", "b"]) {
      const folder = path.join(dir, sub);
      await import("node:fs").then((fs) => fs.mkdirSync(folder));
      copyFileSync(seed, path.join(folder, "report.txt"));
    }
    const r = await zhibiao(["extract", dir, "--json"], dir);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { documents: { doc: string }[]; observations: { doc: string; id: string; indicator_id: string }[] };
    expect(out.documents.map((d) => d.doc).sort()).toEqual(["a/report.txt", "b/report.txt"]);
    const gdp = out.observations.filter((o) => o.indicator_id === "gdp");
    expect(new Set(gdp.map((o) => o.id)).size).toBe(gdp.length);
  });
});
