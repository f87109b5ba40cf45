// The local service over real HTTP: the API over a temporary copy of the seeds, watching the
// folder, serving the add-in's files, and what it refuses.
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DocumentsResponse, FacetResponse, Health, MentionsResponse, ObservationsPage, ReadingTextResponse, SeriesResponse } from "../server/api.js";
import { startService, type Service } from "../server/serve.js";

const root = path.resolve(import.meta.dirname, "..");
let tmp: string;
let reports: string;
let service: Service;
let port: number;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: the path is sent as written (fetch would normalise "..") and any Host header. */
function raw(pathAndQuery: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: pathAndQuery, method: options.method ?? "GET", headers: { host: `localhost:${port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

async function api<T>(pathAndQuery: string): Promise<T> {
  const res = await fetch(`${service.origin}${pathAndQuery}`);
  expect(res.status, pathAndQuery).toBe(200);
  return (await res.json()) as T;
}
const enc = (s: string) => encodeURIComponent(s);

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "zhibiao-server-"));
  reports = path.join(tmp, "reports");
  cpSync(path.join(root, "seeds"), reports, { recursive: true });
  for (const f of readdirSync(reports)) chmodSync(path.join(reports, f), 0o644);
  const assets = path.join(tmp, "addin");
  mkdirSync(path.join(assets, "assets"), { recursive: true });
  writeFileSync(path.join(assets, "taskpane.html"), "<!doctype html><title>pane</title>");
  writeFileSync(path.join(assets, "manifest.xml"), '<OfficeApp><SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/></OfficeApp>');
  cpSync(path.join(root, "assets", "icon-16.png"), path.join(assets, "assets", "icon-16.png"));
  writeFileSync(path.join(assets, ".env"), "SECRET=dotfile");
  writeFileSync(path.join(tmp, "outside.txt"), "SECRET outside the asset folder");
  service = await startService({ folders: [reports], storeFile: path.join(tmp, "store.duckdb"), assetDir: assets, version: "test", port: 0, http: true });
  port = Number(new URL(service.origin).port);
});

afterAll(async () => {
  await service?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe("the API", () => {
  it("answers a health check", async () => {
    const h = await api<Health>("/api/health");
    expect(h).toMatchObject({ status: "ok", version: "test", folders: [reports], files: 5, failures: 0 });
    expect(h.observations).toBeGreaterThan(100);
  });

  it("finds 雷州市's 2023 GDP by the indicator's name, id or alias", async () => {
    for (const indicator of ["地区生产总值", "gdp", "GDP"]) {
      const page = await api<ObservationsPage>(`/api/observations?region=${enc("雷州市")}&indicator=${enc(indicator)}`);
      const actual = page.items.find((o) => o.period === "2023" && o.kind === "actual");
      expect(actual, indicator).toMatchObject({ region: "雷州市", indicator: "地区生产总值", indicator_id: "gdp", value: 386.42, unit: "亿元", growth_pct: 3.6 });
      expect(page.items.every((o) => o.region === "雷州市" && o.indicator_id === "gdp")).toBe(true);
    }
  });

  it("takes repeated parameters as alternatives and filters by period and kind", async () => {
    const both = await api<ObservationsPage>(`/api/observations?region=${enc("雷州市")}&region=${enc("廉江市")}&indicator=gdp`);
    expect(new Set(both.items.map((o) => o.region))).toEqual(new Set(["雷州市", "廉江市"]));
    const targets = await api<ObservationsPage>(`/api/observations?region=${enc("雷州市")}&kind=target&period=2024`);
    expect(targets.total).toBeGreaterThan(5);
    expect(targets.items.every((o) => o.kind === "target" && o.period === "2024")).toBe(true);
  });

  it("pages through large results", async () => {
    const all = await api<ObservationsPage>("/api/observations?limit=10000");
    expect(all.next).toBeNull();
    const count = await api<ObservationsPage>("/api/observations?limit=0");
    expect(count).toMatchObject({ total: all.total, items: [] });
    const seen: string[] = [];
    let next: string | null = "/api/observations?limit=100";
    while (next) {
      const page: ObservationsPage = await api<ObservationsPage>(next);
      seen.push(...page.items.map((o) => o.id));
      next = page.next;
    }
    expect(seen).toEqual(all.items.map((o) => o.id));
  });

  it("refuses parameters it does not know or cannot use", async () => {
    for (const q of ["regoin=x", "kind=planned", "limit=100000", "offset=-1", "limit=abc", `region=${"x".repeat(201)}`, Array.from({ length: 201 }, (_, i) => `period=${i}`).join("&")]) {
      const res = await raw(`/api/observations?${q}`);
      expect(res.status, q).toBe(400);
      expect(JSON.parse(res.body).error, q).toMatch(/\w/);
    }
  });

  it("lists the catalogue with counts, and the facets under the other filters", async () => {
    const indicators = await api<FacetResponse>(`/api/indicators?region=${enc("雷州市")}`);
    const gdp = indicators.items.find((i) => i.value === "gdp")!;
    expect(gdp).toMatchObject({ label: "地区生产总值", id: "gdp", unit: "亿元" });
    expect(gdp.count).toBeGreaterThanOrEqual(2);
    expect(gdp.aliases).toContain("GDP");
    expect(indicators.items.some((i) => i.id === null && i.count > 0)).toBe(true);
    expect(indicators.items.filter((i) => i.id !== null).length).toBeGreaterThanOrEqual(31);
    const regions = await api<FacetResponse>("/api/regions?indicator=gdp");
    expect(regions.items.find((r) => r.value === "雷州市")!.count).toBe(gdp.count);
    const kinds = await api<FacetResponse>(`/api/kinds?region=${enc("雷州市")}&kind=actual`);
    expect(kinds.items.map((k) => k.value)).toEqual(["actual", "estimate", "target"]);
    expect(kinds.items.find((k) => k.value === "target")!.count).toBeGreaterThan(0);
  });

  it("gives the mentions of an observation with their document and section", async () => {
    const page = await api<ObservationsPage>(`/api/observations?region=${enc("雷州市")}&indicator=gdp&period=2023&kind=actual`);
    const id = page.items[0]!.id;
    const m = await api<MentionsResponse>(`/api/observations/${id}/mentions`);
    expect(m.observation.id).toBe(id);
    expect(m.mentions.length).toBeGreaterThanOrEqual(1);
    expect(m.mentions[0]).toMatchObject({ doc: "000_b3806004d9469c12.txt", document_region: "雷州市", document_type: "plan_report" });
    expect(m.mentions[0]!.quote).toContain("386.42");
    expect(m.mentions[0]!.title).toContain("雷州市");
    expect(m.mentions.some((x) => x.section)).toBe(true);
    expect((await raw("/api/observations/0000000000000000/mentions")).status).toBe(404);
  });

  it("gives a region's series: each fact's vintages, the preferred figure, and its targets", async () => {
    const r = await api<SeriesResponse>(`/api/series?region=${enc("雷州市")}&indicator=gdp`);
    const result = r.series.find((s) => s.period === "2023" && s.side === "result" && s.period_part === null)!;
    expect(result.preferred.value).toBe(386.42);
    expect(result.vintages.map((v) => v.doc)).toEqual(["000_b3806004d9469c12.txt"]);
    expect(r.series.some((s) => s.period === "2024" && s.side === "target" && s.preferred.growth_pct === 5)).toBe(true);
    expect(new Set(r.series.map((s) => `${s.region}|${s.indicator_id}`))).toEqual(new Set(["雷州市|gdp"]));
    expect(r.generation).toBeGreaterThan(0);
    const unbounded = await fetch(`${service.origin}/api/series`);
    expect(unbounded.status).toBe(400);
  });

  it("serves a document's reading text, which every mention's offsets index", async () => {
    const page = await api<ObservationsPage>(`/api/observations?region=${enc("雷州市")}&indicator=gdp&period=2023&kind=actual`);
    const m = await api<MentionsResponse>(`/api/observations/${page.items[0]!.id}/mentions`);
    const reading = await api<ReadingTextResponse>(`/api/documents/${enc(m.mentions[0]!.doc)}/text`);
    expect(reading).toMatchObject({ doc: "000_b3806004d9469c12.txt", format: "text", pageStarts: null });
    for (const x of m.mentions) expect(reading.text.slice(x.start, x.end)).toBe(x.quote);
    expect((await raw(`/api/documents/${enc("no-such.txt")}/text`)).status).toBe(404);
  });
});

describe("watching the report folder", () => {
  const gdp2023 = async () => {
    const page = await api<ObservationsPage>(`/api/observations?region=${enc("雷州市")}&indicator=gdp&period=2023&kind=actual`);
    return page.items[0]?.value;
  };

  it("re-extracts a report changed on disk", async () => {
    const file = path.join(reports, "000_b3806004d9469c12.txt");
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.replaceAll("386.42", "401.23"));
    await expect.poll(gdp2023, { timeout: 60_000 }).toBe(401.23);
    writeFileSync(file, text);
    await expect.poll(gdp2023, { timeout: 60_000 }).toBe(386.42);
  });

  it("reports a broken report through the API and keeps serving the others", async () => {
    const before = (await api<Health>("/api/health")).observations;
    writeFileSync(path.join(reports, "broken.txt"), Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 0, 0, 7]));
    await expect.poll(async () => (await api<DocumentsResponse>("/api/documents")).failures.map((f) => path.basename(f.file)), { timeout: 60_000 }).toEqual(["broken.txt"]);
    const h = await api<Health>("/api/health");
    expect(h).toMatchObject({ status: "ok", failures: 1, observations: before });
    unlinkSync(path.join(reports, "broken.txt"));
    await expect.poll(async () => (await api<Health>("/api/health")).failures, { timeout: 60_000 }).toBe(0);
  });

  it("adds a new report and drops a removed one", async () => {
    const copy = path.join(reports, "sub", "leizhou-copy.txt");
    mkdirSync(path.dirname(copy), { recursive: true });
    const text = readFileSync(path.join(reports, "000_b3806004d9469c12.txt"), "utf8");
    writeFileSync(copy, text);
    const docs = async () => (await api<DocumentsResponse>("/api/documents")).documents.map((d) => d.doc);
    await expect.poll(docs, { timeout: 60_000 }).toContain("leizhou-copy.txt");
    rmSync(path.dirname(copy), { recursive: true });
    await expect.poll(docs, { timeout: 60_000 }).not.toContain("leizhou-copy.txt");
  });
});

describe("serving the add-in", () => {
  it("serves the pages, the icons, and the manifest naming the origin it listens on", async () => {
    const page = await raw("/taskpane.html");
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toMatch(/text\/html/);
    const icon = await raw("/assets/icon-16.png");
    expect([icon.status, icon.headers["content-type"]]).toEqual([200, "image/png"]);
    const manifest = await raw("/manifest.xml");
    expect(manifest.headers["content-type"]).toMatch(/application\/xml/);
    expect(manifest.body).toContain(`DefaultValue="http://localhost:${port}/taskpane.html"`);
    expect(manifest.body).not.toContain("localhost:3000");
    expect((await raw("/")).headers.location).toBe("/taskpane.html");
  });
});

describe("what the service refuses", () => {
  it("listens on loopback addresses only", () => {
    const addresses = service.app.addresses();
    expect(addresses.length).toBeGreaterThan(0);
    for (const a of addresses) expect(["127.0.0.1", "::1"]).toContain(typeof a === "string" ? a : a.address);
  });

  it("serves nothing outside its asset folder: no traversal, no dotfiles, no report files", async () => {
    for (const p of [
      "/../outside.txt",
      "/%2e%2e/outside.txt",
      "/%2e%2e%2foutside.txt",
      "/assets/..%2f..%2foutside.txt",
      "/assets/%2e%2e/%2e%2e/outside.txt",
      "/..%5coutside.txt",
      "/.env",
      "/assets/../.env",
      "/reports/000_b3806004d9469c12.txt",
      "/000_b3806004d9469c12.txt",
      `/${path.relative("/", path.join(tmp, "outside.txt"))}`,
    ]) {
      const res = await raw(p);
      expect(res.status, p).toBeGreaterThanOrEqual(400);
      expect(res.status, p).toBeLessThan(500);
      expect(res.body, p).not.toContain("SECRET");
      expect(res.body, p).not.toContain("国民经济");
    }
  });

  it("answers only under this machine's names (no DNS rebinding)", async () => {
    expect((await raw("/api/health", { headers: { host: "evil.example:80" } })).status).toBe(403);
    expect((await raw("/api/health", { headers: { host: `attacker.localhost.example:${port}` } })).status).toBe(403);
    expect((await raw("/api/health", { headers: { host: `127.0.0.1:${port}` } })).status).toBe(200);
  });

  it("allows cross-origin reads only to its own origin", async () => {
    const evil = await raw("/api/health", { headers: { origin: "https://evil.example" } });
    expect(evil.status).toBe(403);
    expect(evil.headers["access-control-allow-origin"]).toBeUndefined();
    const own = await raw("/api/health", { headers: { origin: `http://localhost:${port}` } });
    expect(own.status).toBe(200);
    expect(own.headers["access-control-allow-origin"]).toBe(`http://localhost:${port}`);
    const preflight = await raw("/api/observations", { method: "OPTIONS", headers: { origin: `http://localhost:${port}`, "access-control-request-method": "GET" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-methods"]).toBe("GET, HEAD");
    const evilPreflight = await raw("/api/observations", { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "GET" } });
    expect(evilPreflight.status).toBe(403);
  });

  it("is read-only and keeps requests small", async () => {
    const post = await raw("/api/observations", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ x: "y".repeat(5000) }) });
    expect(post.status).toBe(405);
    expect((await raw(`/api/observations?region=${"x".repeat(9000)}`)).status).toBe(414);
    expect((await raw("/api/health")).headers["x-content-type-options"]).toBe("nosniff");
  });
});
