// The store (store/): files in, queries out; each file read once per content and kit version;
// a changed file's rows replaced, a removed one's deleted; a failed read keeps the last good rows;
// a process killed inside a transaction leaves the previous state; Parquet and SQL.
import { spawn } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  counts,
  defaultStorePath,
  documents,
  exportParquet,
  extractInThread,
  failures,
  mentionsOf,
  observationPage,
  openStore,
  runSql,
  syncFiles,
  type ExtractFile,
  type Filter,
  type StoreDb,
} from "../store/index.js";

const root = path.resolve(import.meta.dirname, "..");
const LEIZHOU = "000_b3806004d9469c12.txt";
const any: Filter = { region: [], indicator: [], period: [], kind: [] };
const gdp: Filter = { region: ["雷州市"], indicator: ["gdp"], period: ["2023"], kind: ["actual"] };

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "zhibiao-store-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A fresh copy of the seeds in its own folder. */
function seedsCopy(name: string): string {
  const dir = path.join(tmp, name);
  cpSync(path.join(root, "seeds"), dir, { recursive: true });
  for (const f of readdirSync(dir)) chmodSync(path.join(dir, f), 0o644);
  return dir;
}

/** The kit's extraction, counting the files it is asked to read. */
function counting(): { extract: ExtractFile; files: string[] } {
  const files: string[] = [];
  return {
    files,
    extract: async (file) => {
      files.push(path.basename(file));
      return extractInThread(file);
    },
  };
}

const listed = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => path.join(dir, f));

async function gdpValue(db: StoreDb): Promise<number | null | undefined> {
  return (await observationPage(db, gdp, 0, 10, "all")).items[0]?.value;
}

describe("adding files to a store", () => {
  let dir: string;
  let db: StoreDb;
  const counter = counting();
  const sync = () => syncFiles(db, [dir], listed(dir), { extractFile: counter.extract });

  beforeAll(async () => {
    dir = seedsCopy("add");
    db = await openStore(path.join(tmp, "add.duckdb"));
  });
  afterAll(() => db?.close());

  it("reads every file once and answers queries", async () => {
    const summary = await sync();
    expect(summary).toMatchObject({ files: 5, extracted: 5, unchanged: 0, removed: 0 });
    expect(counter.files).toHaveLength(5);
    const page = await observationPage(db, gdp, 0, 10, "all");
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ region: "雷州市", indicator_id: "gdp", value: 386.42, unit: "亿元", growth_pct: 3.6, doc: LEIZHOU, conflict: false });
    const mentions = await mentionsOf(db, page.items[0]!.id, "all");
    expect(mentions[0]).toMatchObject({ doc: LEIZHOU, document_region: "雷州市", document_type: "plan_report" });
    expect(mentions[0]!.quote).toContain("386.42");
    const c = await counts(db, "all");
    expect(c).toMatchObject({ files: 5, failures: 0 });
    expect(c.observations).toBeGreaterThan(500);
  });

  it("reads nothing again when nothing changed, even when a file's time did", async () => {
    const before = counter.files.length;
    expect(await sync()).toMatchObject({ extracted: 0, unchanged: 5 });
    const file = path.join(dir, LEIZHOU);
    const later = new Date(Date.now() + 60_000);
    utimesSync(file, later, later);
    expect(await sync()).toMatchObject({ extracted: 0, unchanged: 5 });
    expect(counter.files.length).toBe(before);
  });

  it("replaces a changed file's rows, and only that file's", async () => {
    const file = path.join(dir, LEIZHOU);
    const others = (await observationPage(db, { ...any, region: ["廉江市"] }, 0, 0, "all")).total;
    const generation = (await counts(db, "all")).generation;
    writeFileSync(file, readFileSync(file, "utf8").replaceAll("386.42", "401.23"));
    const before = counter.files.length;
    expect(await sync()).toMatchObject({ extracted: 1, unchanged: 4 });
    expect(counter.files.slice(before)).toEqual([LEIZHOU]);
    expect(await gdpValue(db)).toBe(401.23);
    expect((await runSql(db, `SELECT count(*) AS n FROM observations WHERE value = 386.42`)).rows).toEqual([[0]]);
    expect((await observationPage(db, { ...any, region: ["廉江市"] }, 0, 0, "all")).total).toBe(others);
    expect((await counts(db, "all")).generation).toBeGreaterThan(generation);
  });

  it("keeps the last good rows when a changed file cannot be read, and says so", async () => {
    const file = path.join(dir, LEIZHOU);
    const good = readFileSync(file);
    writeFileSync(file, Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 0, 0, 7]));
    expect(await sync()).toMatchObject({ failed: 1 });
    expect(await gdpValue(db)).toBe(401.23);
    const f = await failures(db, "all");
    expect(f).toHaveLength(1);
    expect(f[0]!.file).toBe(file);
    expect(f[0]!.message).toMatch(/last good reading .* is still served/);
    // Read again once it is good; the failure goes.
    writeFileSync(file, good);
    expect(await sync()).toMatchObject({ extracted: 1 });
    expect(await failures(db, "all")).toEqual([]);
  });

  it("removes a removed file's rows", async () => {
    rmSync(path.join(dir, LEIZHOU));
    expect(await sync()).toMatchObject({ removed: 1, files: 4 });
    expect(await gdpValue(db)).toBeUndefined();
    expect((await documents(db, "all")).map((d) => d.doc)).not.toContain(LEIZHOU);
    expect((await runSql(db, `SELECT (SELECT count(*) FROM mentions WHERE doc = '${LEIZHOU}') + (SELECT count(*) FROM files WHERE path LIKE '%${LEIZHOU}') AS n`)).rows).toEqual([[0]]);
  });

  it("reads every file again under another kit version", async () => {
    const before = counter.files.length;
    expect(await syncFiles(db, [dir], listed(dir), { extractFile: counter.extract, version: "another" })).toMatchObject({ extracted: 4 });
    expect(counter.files.length).toBe(before + 4);
  });
});

describe("a process killed in the middle of a change", () => {
  it("leaves the store as it was before the change", async () => {
    const dir = seedsCopy("crash");
    const file = path.join(tmp, "crash.duckdb");
    const db = await openStore(file);
    await syncFiles(db, [dir], listed(dir));
    const before = await counts(db, "all");
    db.close();
    // The child removes a report inside a transaction, says so on stdout, and waits to be killed.
    const script = path.join(tmp, "crash-child.mjs");
    writeFileSync(
      script,
      `import { openStore, applyChange } from ${JSON.stringify(path.join(root, "dist/store/index.js"))};
const db = await openStore(${JSON.stringify(file)});
await applyChange(db, { kind: "remove", path: ${JSON.stringify(path.join(dir, LEIZHOU))} }, async () => {
  console.log("holding");
  await new Promise(() => {});
});`,
    );
    const child = spawn(process.execPath, [script], { stdio: ["ignore", "pipe", "inherit"] });
    const lines = createInterface({ input: child.stdout! });
    const [line] = (await once(lines, "line")) as [string];
    expect(line).toBe("holding");
    const exited = once(child, "exit");
    child.kill("SIGKILL");
    await exited;

    const again = await openStore(file);
    try {
      expect(await counts(again, "all")).toEqual(before);
      expect(await gdpValue(again)).toBe(386.42);
    } finally {
      again.close();
    }
  });
});

describe("what a store gives out", () => {
  let db: StoreDb;
  beforeAll(async () => {
    const dir = seedsCopy("out");
    db = await openStore(path.join(tmp, "out.duckdb"));
    await syncFiles(db, [dir], listed(dir));
  });
  afterAll(() => db?.close());

  it("writes observations, mentions and documents as Parquet that DuckDB reads back", async () => {
    const out = path.join(tmp, "parquet");
    const written = await exportParquet(db, out);
    expect(written.map((f) => path.basename(f))).toEqual(["observations.parquet", "mentions.parquet", "documents.parquet"]);
    const c = await counts(db, "all");
    const other = await openStore(path.join(tmp, "reader.duckdb"));
    try {
      const read = (t: string) => runSql(other, `SELECT count(*) FROM read_parquet('${path.join(out, t)}.parquet')`);
      expect((await read("observations")).rows).toEqual([[c.observations]]);
      expect((await read("documents")).rows).toEqual([[c.documents]]);
      const row = await runSql(other, `SELECT value, unit, growth_pct, conflict, file FROM read_parquet('${path.join(out, "observations.parquet")}') WHERE region = '雷州市' AND indicator_id = 'gdp' AND period = '2023' AND kind = 'actual'`);
      expect(row.columns).toEqual(["value", "unit", "growth_pct", "conflict", "file"]);
      expect(row.rows[0]!.slice(0, 4)).toEqual([386.42, "亿元", 3.6, false]);
      expect(row.rows[0]![4]).toMatch(new RegExp(`${LEIZHOU}$`));
      const mentions = await runSql(other, `SELECT count(*) FROM read_parquet('${path.join(out, "mentions.parquet")}') WHERE quote LIKE '%386.42%'`);
      expect(Number(mentions.rows[0]![0])).toBeGreaterThan(0);
    } finally {
      other.close();
    }
  });

  it("answers SQL over its tables", async () => {
    const r = await runSql(db, `SELECT type, count(*) AS n FROM documents GROUP BY type ORDER BY type`);
    expect(r.columns).toEqual(["type", "n"]);
    expect(r.rows).toContainEqual(["plan_report", 3]);
  });

  it("opens read-only beside no writer, and refuses writes there", async () => {
    const file = path.join(tmp, "ro.duckdb");
    const w = await openStore(file);
    w.close();
    const ro = await openStore(file, { readOnly: true });
    try {
      await expect(runSql(ro, `DELETE FROM observations`)).rejects.toThrow(/read-only/i);
    } finally {
      ro.close();
    }
    await expect(openStore(path.join(tmp, "none.duckdb"), { readOnly: true })).rejects.toThrow(/no store at/);
  });
});

describe("extraction in a worker thread", () => {
  it("gives what the kit gives in this thread, rows sent back in slices, and failures as failures", async () => {
    const { workerExtract, workerScript } = await import("../store/extract.js");
    expect(workerScript(), "the built worker (npm run build)").not.toBeNull();
    const w = workerExtract();
    try {
      const file = path.join(root, "seeds", LEIZHOU);
      const [inWorker, here] = await Promise.all([w.extract(file), extractInThread(file)]);
      expect(inWorker.result!.observations.length).toBeGreaterThan(100);
      expect(inWorker).toEqual(here);
      const broken = path.join(tmp, "broken.txt");
      writeFileSync(broken, Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 0, 0, 7]));
      const failed = await w.extract(broken);
      expect(failed.result).toBeNull();
      expect(failed.failures[0]).toMatchObject({ file: broken, code: "binary" });
    } finally {
      await w.close();
    }
  });
});

describe("where a store lives", () => {
  it("is one file per set of folders, whatever their order", () => {
    const env = { ZHIBIAO_HOME: "/home/u/.zb" };
    const a = defaultStorePath(["reports", "/data/more"], env);
    expect(a).toBe(defaultStorePath(["/data/more", "./reports/"], env));
    expect(a).toMatch(/^\/home\/u\/\.zb\/stores\/(more|reports)-[0-9a-f]{8}\.duckdb$/);
    expect(defaultStorePath(["reports"], env)).not.toBe(a);
  });
});

describe("the command line", () => {
  it("adds folders, reads nothing again the second time, and prints SQL as JSON", async () => {
    const { execFile } = await import("node:child_process");
    const { promisify } = await import("node:util");
    const run = promisify(execFile);
    const dir = seedsCopy("cli");
    const home = path.join(tmp, "home");
    mkdirSync(home);
    const env = { ...process.env, ZHIBIAO_HOME: home };
    const cli = path.join(root, "dist/cli/main.js");
    const first = await run(process.execPath, [cli, "add", dir, "--quiet"], { env });
    expect(first.stdout).toMatch(/5 files: 5 read, 0 unchanged/);
    const second = await run(process.execPath, [cli, "add", dir, "--quiet"], { env });
    expect(second.stdout).toMatch(/5 files: 0 read, 5 unchanged/);
    // The only store in ZHIBIAO_HOME is the default for sql.
    const sql = await run(process.execPath, [cli, "sql", "SELECT value FROM observations WHERE region = '雷州市' AND indicator_id = 'gdp' AND period = '2023' AND kind = 'actual'", "--json"], { env });
    expect(JSON.parse(sql.stdout)).toEqual([{ value: 386.42 }]);
    await expect(run(process.execPath, [cli, "sql", "SELEKT 1", "--json"], { env })).rejects.toMatchObject({ stderr: expect.stringMatching(/zhibiao: SQL: .*syntax error/i) });
  });
});

describe("a sync of many files", () => {
  it("reads them across worker threads and stores what one thread stores", async () => {
    const dir = seedsCopy("threads");
    const files = listed(dir);
    const rows = async (name: string, threads: number | undefined, extractFile?: ExtractFile) => {
      const db = await openStore(path.join(tmp, `${name}.duckdb`));
      try {
        const summary = await syncFiles(db, [dir], files, { threads, extractFile });
        const page = await observationPage(db, any, 0, 100_000, "all");
        return { summary, items: page.items.map((o) => JSON.stringify(o)).sort() };
      } finally {
        db.close();
      }
    };
    const one = counting();
    const inThread = await rows("one-thread", undefined, one.extract);
    const pooled = await rows("two-threads", 2);
    expect(one.files.length).toBe(files.length);
    expect(inThread.summary.threads).toBe(1);
    expect(pooled.summary).toEqual({ ...inThread.summary, threads: 2 });
    expect(pooled.items.length).toBeGreaterThan(500);
    expect(pooled.items).toEqual(inThread.items);
  });
});
