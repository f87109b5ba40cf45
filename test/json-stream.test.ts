// --json streamed: the same bytes as one JSON.stringify of the batch, in a heap far smaller than
// the output (the build before streaming crashed here: "JavaScript heap out of memory"), and a
// reader that goes away ends the command quietly.
import { beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { copyFileSync, createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const cli = path.join(root, "dist/cli/main.js");
const seeds = readdirSync(path.join(root, "seeds")).filter((f) => f.endsWith(".txt")).map((f) => path.join(root, "seeds", f));

/** Heap of the child (MB) and copies of the seeds: the JSON (~0.6 MB a copy) is larger than the heap. */
const HEAP_MB = 16;
const COPIES = 30;
/** A copy's prefix, padded so that the folder's name order is the copies' order. */
const copy = (i: number): string => String(i).padStart(2, "0");

beforeAll(() => {
  if (!existsSync(cli)) throw new Error("dist/ is missing: run `npm run build` first (npm test does)");
});

interface Child {
  code: number | null;
  signal: string | null;
  stderr: string;
}

/** Runs the CLI with `node ...flags`, stdout to a file (or closed at once when `out` is null). */
function zhibiao(flags: string[], args: string[], out: string | null, tmp?: string): Promise<Child> {
  return new Promise((resolve, reject) => {
    const env = tmp ? { ...process.env, TMPDIR: tmp } : process.env;
    const child = spawn(process.execPath, [...flags, cli, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"], env });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    if (out) child.stdout.pipe(createWriteStream(out));
    else child.stdout.destroy();
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe("zhibiao extract --json as a stream", () => {
  it("writes JSON larger than its heap, which parses with every row", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-big-"));
    for (let i = 0; i < COPIES; i++) for (const s of seeds) copyFileSync(s, path.join(dir, `${copy(i)}_${path.basename(s)}`));
    const out = path.join(dir, "..", `${path.basename(dir)}.json`);
    const r = await zhibiao([`--max-old-space-size=${HEAP_MB}`], ["extract", dir, "--json", "--quiet", "--threads", "1"], out);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(HEAP_MB * 1024 * 1024);
    // The seeds' own tables, for the counts each copy must give (a copy differs only by its doc name).
    const kit = (await import(pathToFileURL(path.join(root, "dist/kit/index.js")).href)) as typeof import("../kit/index.js");
    const one = await kit.extractPaths(seeds);
    const all = JSON.parse(readFileSync(out, "utf8")) as { documents: { doc: string }[]; observations: { doc: string }[]; mentions: unknown[] };
    expect(Object.keys(all)).toEqual(["documents", "observations", "mentions"]);
    expect(all.documents).toHaveLength(one.documents.length * COPIES);
    expect(all.observations).toHaveLength(one.observations.length * COPIES);
    expect(all.mentions).toHaveLength(one.mentions.length * COPIES);
    // Rows in file order: the folder is walked by name, so copy 0's rows come first.
    expect(all.observations[0]!.doc).toBe(`${copy(0)}_${path.basename(seeds[0]!)}`);
    expect(all.observations.at(-1)!.doc).toBe(`${copy(COPIES - 1)}_${path.basename(seeds.at(-1)!)}`);
  }, 240_000);

  it("gives byte for byte the JSON of the whole batch", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-bytes-"));
    const out = path.join(dir, "out.json");
    const tmp = mkdtempSync(path.join(os.tmpdir(), "zhibiao-tmp-"));
    const r = await zhibiao([], ["extract", "seeds", "--json"], out, tmp);
    expect(r.code).toBe(0);
    // The spools are gone once the object is written.
    expect(readdirSync(tmp)).toEqual([]);
    const kit = (await import(pathToFileURL(path.join(root, "dist/kit/index.js")).href)) as typeof import("../kit/index.js");
    const batch = await kit.extractPaths(["seeds"]);
    expect(readFileSync(out, "utf8")).toBe(JSON.stringify({ documents: batch.documents, observations: batch.observations, mentions: batch.mentions }) + "\n");
  }, 120_000);

  it("ends quietly when its reader has gone away (`| head`)", async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), "zhibiao-tmp-"));
    const r = await zhibiao([], ["extract", "seeds", "--json", "--quiet"], null, tmp);
    expect(r.stderr).toBe("zhibiao: skipped 1 file: README.md ×1 (not reports)\n");
    expect(readdirSync(tmp)).toEqual([]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
  }, 120_000);
});

describe("writeChunk", () => {
  it("waits for 'drain' when the destination's buffer is full", async () => {
    const { writeChunk } = (await import(pathToFileURL(path.join(root, "dist/export/json.js")).href)) as typeof import("../export/json.js");
    const taken: string[] = [];
    let release: (() => void) | null = null;
    const slow = new Writable({
      highWaterMark: 4,
      write(chunk: Buffer, _enc, cb) {
        taken.push(chunk.toString());
        release = cb;
      },
    });
    await writeChunk(slow, "ab"); // under the mark: returns at once
    let second = false;
    const p = writeChunk(slow, "cdefgh").then(() => (second = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(second).toBe(false);
    const r1 = release!;
    release = null;
    r1();
    await new Promise((r) => setTimeout(r, 0));
    (release as (() => void) | null)?.();
    await p;
    expect(second).toBe(true);
    expect(taken.join("")).toBe("abcdefgh");
  });
});
