// Worker threads: the same outcomes as the sequential run, in the files' order, and no file lost
// when one fails or its worker dies. Runs the built pool (the worker entry is dist/kit/files/worker.js).
import { beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { unzipSync } from "fflate";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const cli = path.join(root, "dist/cli/main.js");
const seeds = readdirSync(path.join(root, "seeds")).filter((f) => f.endsWith(".txt")).map((f) => path.join(root, "seeds", f));
const crashWorker = pathToFileURL(path.join(root, "test/fixtures/crash-worker.mjs")).href;

type Parallel = typeof import("../kit/files/parallel.js");
type Files = typeof import("../kit/files/files.js");
let parallel: Parallel;
let files: Files;

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error("dist/ is missing: run `npm run build` first (npm test does)");
  parallel = (await import(pathToFileURL(path.join(root, "dist/kit/files/parallel.js")).href)) as Parallel;
  files = (await import(pathToFileURL(path.join(root, "dist/kit/files/files.js")).href)) as Files;
});

/** The seeds, a file that is not there and a file that is not a report, in one folder. */
function mixedFolder(count = seeds.length): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-parallel-"));
  const list = seeds.slice(0, count).map((s, i) => {
    const p = path.join(dir, `${i}-${path.basename(s)}`);
    copyFileSync(s, p);
    return p;
  });
  writeFileSync(path.join(dir, "notes.txt"), "just a few words, no report here");
  return [...list.slice(0, 2), path.join(dir, "missing.txt"), path.join(dir, "notes.txt"), ...list.slice(2)];
}

async function collect(it: AsyncIterable<import("../kit/files/files.js").FileOutcome>) {
  const out = [];
  for await (const o of it) out.push(o);
  return out;
}

describe("extractFilesParallel", () => {
  it("gives, with two worker threads, every file's outcome in the files' order, equal to the sequential run's", async () => {
    const list = mixedFolder();
    const names = files.documentNames(list);
    const sequential = await Promise.all(list.map((f, i) => files.extractFile(f, names[i]!)));
    const seen: string[] = [];
    const pooled = await collect(parallel.extractFilesParallel(list, { threads: 2, onFile: (o) => seen.push(o.file) }));
    expect(pooled.map((o) => o.file)).toEqual(list);
    expect(pooled).toEqual(sequential);
    expect(seen.sort()).toEqual([...list].sort());
    expect(pooled[2]!.failures[0]).toMatchObject({ file: list[2], code: "unreadable" });
    expect(pooled[3]!.failures[0]).toMatchObject({ file: list[3], code: "not_a_report" });
    expect(pooled[0]!.result!.observations.length).toBeGreaterThan(10);
  });

  it("names a file whose worker crashed as a failure and still extracts the others", async () => {
    const list = mixedFolder();
    const crash = path.join(path.dirname(list[0]!), "crash.txt");
    copyFileSync(seeds[0]!, crash);
    const withCrash = [list[0]!, crash, ...list.slice(1)];
    const out = await collect(parallel.extractFilesParallel(withCrash, { threads: 2, worker: crashWorker }));
    expect(out.map((o) => o.file)).toEqual(withCrash);
    expect(out[1]!.result).toBeNull();
    expect(out[1]!.failures).toHaveLength(1);
    expect(out[1]!.failures[0]!.file).toBe(crash);
    expect(out[1]!.failures[0]!.message).toMatch(/crashed/);
    // The pool replaced the dead worker: the files after it were read.
    expect(out.filter((o) => o.result !== null)).toHaveLength(seeds.length);
  });

  it("uses the thread count asked for, one per file at most, and one thread for a small input by default", async () => {
    expect(await parallel.threadsFor(seeds, 1)).toBe(1);
    expect(await parallel.threadsFor(seeds, 64)).toBe(seeds.length);
    expect(await parallel.threadsFor(seeds)).toBe(1);
    expect(await parallel.threadsFor([seeds[0]!], 4)).toBe(1);
  });
});

async function zhibiao(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { cwd: root, maxBuffer: 256 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A workbook's parts, without docProps/core.xml (it holds the time it was written). */
function workbookParts(file: string): Record<string, Uint8Array> {
  const parts = unzipSync(readFileSync(file));
  delete parts["docProps/core.xml"];
  return parts;
}

describe("zhibiao extract --threads", () => {
  it("writes the same JSON, CSV and workbook with two threads as with one, failures and all", async () => {
    const list = mixedFolder(3);
    const dir = path.dirname(list[0]!);
    const out = mkdtempSync(path.join(os.tmpdir(), "zhibiao-threads-"));
    const args = (n: string) => ["extract", dir, ...list.slice(2, 3), "--json", "--csv", path.join(out, n), "--xlsx", path.join(out, `${n}.xlsx`), "--threads", n];
    const [one, two] = await Promise.all([zhibiao(args("1")), zhibiao(args("2"))]);
    expect(one.code).toBe(1);
    expect(two.code).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr.replaceAll(`${out}/2`, "")).toBe(one.stderr.replaceAll(`${out}/1`, ""));
    expect(one.stderr).toMatch(/missing\.txt/);
    expect(one.stderr).toMatch(/notes\.txt/);
    for (const f of ["observations.csv", "mentions.csv", "documents.csv"]) expect(readFileSync(path.join(out, "2", f))).toEqual(readFileSync(path.join(out, "1", f)));
    expect(workbookParts(path.join(out, "2.xlsx"))).toEqual(workbookParts(path.join(out, "1.xlsx")));
    expect(JSON.parse(one.stdout).documents.length).toBeGreaterThanOrEqual(3);
  }, 240_000);

  it("refuses a thread count that is not a whole number of at least 1", async () => {
    const r = await zhibiao(["extract", "seeds", "--json", "--threads", "0"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--threads/);
    expect(r.stdout).toBe("");
  });
});
