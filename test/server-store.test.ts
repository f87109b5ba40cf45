// zhibiao serve over its store: a report being written is not read until it has settled (the
// watcher's looks driven by the test, not by timers), paging against a snapshot answers 409 once
// the data changed, only the served folders' rows are served, slow headers are cut off and
// request bodies refused (raw sockets).
import { appendFileSync, chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractText } from "../kit/core.js";
import type { DocumentsResponse, Health, ObservationsPage, StaleGeneration } from "../server/api.js";
import { startService, type Service } from "../server/serve.js";
import { servedFiles } from "../server/store.js";
import { extractInThread, openStore, syncFiles, type ExtractFile } from "../store/index.js";

const root = path.resolve(import.meta.dirname, "..");
const LEIZHOU = "000_b3806004d9469c12.txt";
let tmp: string;
let assets: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "zhibiao-serve-store-"));
  assets = path.join(tmp, "addin");
  mkdirSync(assets);
  writeFileSync(path.join(assets, "taskpane.html"), "<!doctype html><title>pane</title>");
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function seedsCopy(name: string, only?: string[]): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(path.join(root, "seeds")).filter((f) => f.endsWith(".txt") && (!only || only.includes(f)))) {
    cpSync(path.join(root, "seeds", f), path.join(dir, f));
    chmodSync(path.join(dir, f), 0o644);
  }
  return dir;
}

async function get<T>(service: Service, p: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${service.origin}${p}`);
  return { status: res.status, body: (await res.json()) as T };
}

/** The watcher's clock, in the test's hand: it looks at changing files only when the test says. */
function manualClock() {
  let release: (() => void) | null = null;
  let arrived!: () => void;
  let waiting = new Promise<void>((r) => (arrived = r));
  return {
    tick: () =>
      new Promise<void>((resolve) => {
        release = resolve;
        arrived();
      }),
    /** Resolves when the watcher waits to look (it has a path not yet settled). */
    waiting: () => waiting,
    isWaiting: () => release !== null,
    /** One look: lets the waiting watcher go, once it waits. */
    async step() {
      await waiting;
      waiting = new Promise<void>((r) => (arrived = r));
      const r = release!;
      release = null;
      r();
    },
  };
}

describe("files with one name in two folders", () => {
  it("serves the first (in path order) and names the other as a failure", () => {
    const { served, duplicates } = servedFiles(["/r/b/x.txt", "/r/a/x.txt", "/r/a/y.txt"]);
    expect(served).toEqual(["/r/a/x.txt", "/r/a/y.txt"]);
    expect(duplicates).toEqual([{ file: "/r/b/x.txt", code: "unreadable", message: "has the same file name as /r/a/x.txt; rename one of them" }]);
  });
});

describe("a restart on a store that holds the folders", () => {
  it("answers from the kept rows at once, while the files are checked and read again", async () => {
    const dir = seedsCopy("restart", [LEIZHOU]);
    const storeFile = path.join(tmp, "restart.duckdb");
    const db = await openStore(storeFile);
    // Kept by another kit version: the service must read the file again.
    await syncFiles(db, [dir], [path.join(dir, LEIZHOU)], { version: "an older kit" });
    db.close();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const asked: string[] = [];
    const held: ExtractFile = async (file) => {
      asked.push(path.basename(file));
      await gate;
      return extractInThread(file);
    };
    const service = await startService({ folders: [dir], storeFile, assetDir: assets, version: "test", port: 0, http: true, watch: false, extractFile: held });
    try {
      // Started while the reading is held: the kept rows are served.
      expect(service.initial).toBeNull();
      const gdp = `/api/observations?region=${encodeURIComponent("雷州市")}&indicator=gdp&period=2023&kind=actual`;
      expect((await get<ObservationsPage>(service, gdp)).body.items[0]?.value).toBe(386.42);
      const before = (await get<Health>(service, "/api/health")).body.generation;
      await expect.poll(() => asked, { timeout: 20_000 }).toEqual([LEIZHOU]);
      release();
      await expect.poll(async () => (await get<Health>(service, "/api/health")).body.generation, { timeout: 20_000 }).toBeGreaterThan(before);
      expect((await get<ObservationsPage>(service, gdp)).body.items[0]?.value).toBe(386.42);
    } finally {
      release();
      await service.close();
    }
  });
});

describe("a report being written", () => {
  it("is not read until it has settled, so no half-read (mojibake) document ever shows", async () => {
    const dir = path.join(tmp, "chunks");
    mkdirSync(dir);
    const clock = manualClock();
    const service = await startService({ folders: [dir], storeFile: path.join(tmp, "chunks.duckdb"), assetDir: assets, version: "test", port: 0, http: true, watchTick: clock.tick });
    try {
      const bytes = readFileSync(path.join(root, "seeds", LEIZHOU));
      const title = extractText(bytes.toString("utf8"), { name: "report.txt" }).documents[0]!.title;
      expect(title).toContain("雷州市");
      const file = path.join(dir, "report.txt");
      // Cuts that fall inside a Chinese character's three UTF-8 bytes.
      const cuts = [1001, 4002, 8000, bytes.length];
      const docs = async () => (await get<DocumentsResponse>(service, "/api/documents")).body.documents.filter((d) => d.doc === "report.txt");
      let from = 0;
      for (const [i, cut] of cuts.entries()) {
        if (i === 0) writeFileSync(file, bytes.subarray(from, cut));
        else appendFileSync(file, bytes.subarray(from, cut));
        from = cut;
        await clock.waiting();
        await clock.step(); // the watcher looks at the file as it is now …
        await clock.waiting(); // … and, the file not settled, waits to look again
        expect(await docs(), `after ${cut} of ${bytes.length} bytes`).toEqual([]);
        expect((await get<DocumentsResponse>(service, "/api/documents")).body.failures).toEqual([]);
      }
      // Written: two looks find it the same, and it is read whole.
      await expect
        .poll(
          async () => {
            if (clock.isWaiting()) await clock.step();
            return (await docs()).map((d) => d.title);
          },
          { timeout: 20_000, interval: 50 },
        )
        .toEqual([title]);
      const page = await get<ObservationsPage>(service, `/api/observations?region=${encodeURIComponent("雷州市")}&indicator=gdp&period=2023&kind=actual`);
      expect(page.body.items[0]?.value).toBe(386.42);
    } finally {
      await service.close();
    }
  });
});

describe("serving from a store", () => {
  let service: Service;
  let a: string;
  let b: string;
  const storeFile = () => path.join(tmp, "shared.duckdb");

  beforeAll(async () => {
    a = seedsCopy("a", [LEIZHOU]);
    b = seedsCopy("b", ["002_a368325aa71b38e9.txt", "003_49b85f368522afa1.txt"]);
    // The store already holds folder b (added earlier, e.g. by zhibiao add).
    const db = await openStore(storeFile());
    await syncFiles(db, [b], readdirSync(b).map((f) => path.join(b, f)));
    db.close();
    service = await startService({ folders: [a], storeFile: storeFile(), assetDir: assets, version: "test", port: 0, http: true, watch: false, headersTimeout: 500, requestTimeout: 1000 });
  });
  afterAll(async () => service?.close());

  it("serves only the rows of its own folders, even when the store holds others", async () => {
    const docs = (await get<DocumentsResponse>(service, "/api/documents")).body.documents;
    expect(new Set(docs.map((d) => d.doc))).toEqual(new Set([LEIZHOU]));
    const health = (await get<Health>(service, "/api/health")).body;
    expect(health.files).toBe(1);
    const all = (await get<ObservationsPage>(service, "/api/observations?limit=10000")).body;
    expect(all.items.every((o) => o.doc === LEIZHOU)).toBe(true);
    const regions = (await get<{ items: { value: string }[] }>(service, "/api/regions")).body.items.map((r) => r.value);
    expect(regions).toContain("雷州市");
    expect(regions).not.toContain("泉港区");
  });

  it("answers 409 to a page of a generation that is gone, so a listing never mixes versions", async () => {
    const first = (await get<ObservationsPage>(service, "/api/observations?limit=20")).body;
    expect(first.next).toContain(`generation=${first.generation}`);
    const second = await get<ObservationsPage>(service, first.next!);
    expect(second.status).toBe(200);
    expect(second.body.generation).toBe(first.generation);
    // A report changes (the watcher is off here: the rescan is asked for directly).
    const file = path.join(a, LEIZHOU);
    writeFileSync(file, readFileSync(file, "utf8").replaceAll("386.42", "401.23"));
    await service.store.scan([file]);
    const stale = await get<StaleGeneration>(service, first.next!);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ asked: first.generation });
    expect(stale.body.generation).toBeGreaterThan(first.generation);
    // Started over, the listing is of the new generation throughout.
    const again = (await get<ObservationsPage>(service, "/api/observations?limit=20")).body;
    expect(again.generation).toBe(stale.body.generation);
    expect((await get<ObservationsPage>(service, again.next!)).status).toBe(200);
    expect((await get<{ error: string }>(service, "/api/observations?generation=abc")).status).toBe(400);
  });

  it("counts facets afresh after a change (the cache holds one generation)", async () => {
    const regions = async () => (await get<{ items: { value: string; count: number }[] }>(service, "/api/regions")).body.items;
    expect((await regions()).map((r) => r.value)).toContain("雷州市");
    expect(await regions()).toEqual(await regions()); // from the cache
    const copy = path.join(a, "copy.txt");
    writeFileSync(copy, readFileSync(path.join(a, LEIZHOU)));
    const before = (await regions()).find((r) => r.value === "雷州市")!.count;
    await service.store.scan([copy]);
    expect((await regions()).find((r) => r.value === "雷州市")!.count).toBe(2 * before);
    rmSync(copy);
    await service.store.scan([copy]);
    expect((await regions()).find((r) => r.value === "雷州市")!.count).toBe(before);
  });

  /** Sends raw bytes and collects what comes back until the server closes the connection. */
  async function rawExchange(send: (socket: import("node:net").Socket) => void): Promise<string> {
    const port = Number(new URL(service.origin).port);
    const socket = connect(port, "127.0.0.1");
    await once(socket, "connect");
    let received = "";
    socket.on("data", (c: Buffer) => (received += c.toString("latin1")));
    const closed = once(socket, "close");
    send(socket);
    await closed;
    return received;
  }

  it("closes a connection whose headers never end", async () => {
    const received = await rawExchange((s) => s.write(`GET /api/health HTTP/1.1\r\nHost: localhost:${new URL(service.origin).port}\r\nX-Slow: `));
    // Node answers 408 (or just closes); never a 200.
    expect(received).not.toContain("200 OK");
  });

  it("refuses request bodies: 413 for a body, 415 for a body's type", async () => {
    const host = `Host: localhost:${new URL(service.origin).port}`;
    // Sent whole and left open: the server answers and closes (a half-closed socket would not wait for the answer).
    const withBody = await rawExchange((s) => s.write(`GET /api/health HTTP/1.1\r\n${host}\r\nContent-Length: 5\r\n\r\nhello`));
    expect(withBody).toMatch(/^HTTP\/1\.1 413/);
    const chunked = await rawExchange((s) => s.write(`GET /api/health HTTP/1.1\r\n${host}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n`));
    expect(chunked).toMatch(/^HTTP\/1\.1 413/);
    const typed = await rawExchange((s) => s.write(`GET /api/health HTTP/1.1\r\n${host}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n`));
    expect(typed).toMatch(/^HTTP\/1\.1 415/);
    const plain = await rawExchange((s) => s.write(`GET /api/health HTTP/1.1\r\n${host}\r\nConnection: close\r\n\r\n`));
    expect(plain).toMatch(/^HTTP\/1\.1 200/);
  });
});
