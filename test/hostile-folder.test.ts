// A folder of everything that goes wrong in practice, beside one good report, through the
// built CLI: every bad file is named on stderr with its reason, the good report's rows are
// there, the exit status is 1, and nothing prints a stack trace.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";

const root = path.resolve(import.meta.dirname, "..");
const cli = path.join(root, "dist/cli/main.js");
const seedFile = path.join(root, "seeds/000_b3806004d9469c12.txt");
const seed = readFileSync(seedFile, "utf8");
const TRACE = /^\s+at |\bError: |node:internal|Unhandled|TypeError|RangeError/m;

/** A deterministic stream of bytes that is no text in any encoding. */
function noise(n: number): Buffer {
  const b = Buffer.alloc(n);
  let x = 0x2545f491;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}

let dir: string;
let lockedWorks = false;
let fifo = false;

beforeAll(() => {
  if (!existsSync(cli)) throw new Error("dist/cli/main.js is missing: run `npm run build` first (npm test does)");
  dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-hostile-"));
  copyFileSync(seedFile, path.join(dir, "good.txt"));
  writeFileSync(path.join(dir, "empty.txt"), "");
  writeFileSync(path.join(dir, "random.txt"), noise(4096));
  const utf8 = Buffer.from(seed, "utf8");
  // Cut inside the last Chinese character: the file is read, the broken character is U+FFFD.
  const lastWide = utf8.lastIndexOf(Buffer.from("。", "utf8"));
  writeFileSync(path.join(dir, "truncated.txt"), utf8.subarray(0, lastWide + 1));
  writeFileSync(path.join(dir, "gbk.txt"), iconv.encode(seed.replaceAll("雷州市", "廉江市"), "gb18030"));
  writeFileSync(path.join(dir, "utf16.txt"), iconv.encode(seed.replaceAll("雷州市", "吴川市"), "utf16le"));
  writeFileSync(path.join(dir, "not-a-zip.docx"), "这不是一个Word文件。\n".repeat(20));
  writeFileSync(path.join(dir, "broken-zip.docx"), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), noise(600)]));
  writeFileSync(path.join(dir, "script-only.html"), "<!doctype html><html><head><title></title><script>document.write('<p>地区生产总值增长5%</p>')</script></head><body><script src=app.js></script></body></html>");
  try {
    execFileSync("mkfifo", [path.join(dir, "pipe.txt")]);
    fifo = true;
  } catch {
    console.warn("hostile-folder.test.ts: mkfifo is not available; the FIFO case is left out");
  }
  mkdirSync(path.join(dir, "locked"));
  copyFileSync(seedFile, path.join(dir, "locked", "inside.txt"));
  chmodSync(path.join(dir, "locked"), 0);
  try {
    readdirSync(path.join(dir, "locked"));
    console.warn("hostile-folder.test.ts: running as root, where chmod 000 denies nothing: the unreadable-folder case is left out (test/files.test.ts covers it)");
    chmodSync(path.join(dir, "locked"), 0o755);
    rmSync(path.join(dir, "locked"), { recursive: true });
  } catch {
    lockedWorks = true;
  }
});

afterAll(() => {
  if (existsSync(path.join(dir, "locked"))) chmodSync(path.join(dir, "locked"), 0o755);
  rmSync(dir, { recursive: true, force: true });
});

function zhibiao(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: "utf8", timeout: 150_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

describe("zhibiao extract on a hostile folder", () => {
  it("names every bad file with its reason, extracts the good ones, exits 1, and prints no trace", () => {
    const r = zhibiao(["extract", dir, "--quiet"]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    const named = (name: string) => r.stderr.split("\n").find((l) => l.startsWith(`zhibiao: ${path.join(dir, name)}: `)) ?? `(not named: ${name})`;
    expect(named("empty.txt")).toMatch(/is empty/);
    expect(named("random.txt")).toMatch(/binary|garbled/);
    expect(named("not-a-zip.docx")).toMatch(/is damaged: not a DOCX file/);
    expect(named("broken-zip.docx")).toMatch(/is damaged/);
    expect(named("script-only.html")).toMatch(/no text to read|is not a report/);
    if (fifo) expect(named("pipe.txt")).toMatch(/a FIFO \(named pipe\), not a regular file/);
    if (lockedWorks) expect(named("locked")).toMatch(/the folder cannot be read \(EACCES\)/);
    // Nothing else failed: the good, the truncated and the mis-encoded reports were read.
    const failed = r.stderr.split("\n").filter((l) => l.startsWith("zhibiao: ") && !l.startsWith("zhibiao: skipped"));
    expect(failed).toHaveLength(5 + (fifo ? 1 : 0) + (lockedWorks ? 1 : 0));
    for (const name of ["good.txt", "truncated.txt", "gbk.txt", "utf16.txt"]) expect(r.stdout).toMatch(new RegExp(`^\\s*│?\\s*${name.replace(".", "\\.")}\\s`, "m"));
    // The rows of each: 雷州市 (good, truncated), 廉江市 (GB18030), 吴川市 (UTF-16 without a BOM).
    for (const region of ["雷州市", "廉江市", "吴川市"]) expect(r.stdout).toMatch(new RegExp(`${region}\\s*│\\s*2023\\s*│\\s*实际\\s*│\\s*386\\.42亿元 \\+3\\.6%`));
    // The cut file's damage is said in the summary's warnings.
    expect(r.stdout).toMatch(/truncated\.txt: 1 byte sequence is not valid UTF-8/);
    expect(r.stdout + r.stderr).not.toMatch(TRACE);
  }, 600_000);

  it("writes the good rows as JSON with the same failures named", () => {
    const r = zhibiao(["extract", dir, "--json", "--quiet"]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { documents: { doc: string; encoding: string; warnings: string[] }[]; observations: { doc: string }[] };
    expect(out.documents.map((d) => [d.doc, d.encoding]).sort()).toEqual([["gbk.txt", "gb18030"], ["good.txt", "utf-8"], ["truncated.txt", "utf-8"], ["utf16.txt", "utf-16le"]]);
    expect(out.documents.find((d) => d.doc === "truncated.txt")!.warnings[0]).toMatch(/not valid UTF-8/);
    const counts = new Map<string, number>();
    for (const o of out.observations) counts.set(o.doc, (counts.get(o.doc) ?? 0) + 1);
    expect(counts.get("gbk.txt")).toBe(counts.get("good.txt"));
    expect(counts.get("utf16.txt")).toBe(counts.get("good.txt"));
    expect(r.stderr).not.toMatch(TRACE);
  }, 600_000);
});
