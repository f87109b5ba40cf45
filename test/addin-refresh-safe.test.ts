// Refresh never damages a workbook: every way it can fail leaves the table exactly as it was; rows
// are matched by observation id so the user's own cells stay with their observation (or go to the
// removed-notes sheet when it disappears); a table of the user's that took a remembered name is
// left alone; a listing is read from one generation of the reports or not at all.
import { describe, expect, it } from "vitest";
import { createClient, listAll, ListingUnstable, ServiceError, LISTING_ATTEMPTS } from "../addin/client.js";
import { insertTable } from "../addin/excel/insert.js";
import { FIELDS, REMOVED_SHEET } from "../addin/excel/layout.js";
import { refreshAll, tableAtSelection, type FetchRows } from "../addin/excel/refresh.js";
import { describeRefresh, sayer } from "../addin/pane/messages.js";
import type { Observation } from "../kit/types.js";
import type { ObservationsPage, Query } from "../server/api.js";
import { buildTables, filterObservations } from "../server/tables.js";
import { FakeExcel, type FakeContext } from "./fakes/excel.js";
import { columnLetters } from "./fakes/model.js";
import { observation, observations } from "./fakes/observations.js";

const ctxOf = (c: FakeContext) => c as unknown as Excel.RequestContext;
const col = (f: string) => FIELDS.indexOf(f);
const letter = (f: string) => columnLetters(1 + col(f)); // tables at B2
const RIGHT = columnLetters(FIELDS.length + 1);
const q: Query = { region: ["雷州市"], indicator: [], period: [], kind: [] };

function service(initial: Observation[]) {
  let rows = initial;
  const fetch: FetchRows = async (query) => filterObservations(buildTables([{ documents: [], observations: rows, mentions: [] }], []), query);
  return { fetch, set: (next: Observation[]) => (rows = next) };
}

async function loaded(rows: Observation[]) {
  const x = new FakeExcel();
  const svc = service(rows);
  x.select("Sheet1", "B2");
  const r = await x.run(async (ctx) => insertTable(ctxOf(ctx), { rows: await svc.fetch(q), query: q, target: "selection" }));
  return { x, svc, name: r.table };
}

/** Everything a user could see or a formula could read: cells (in a fixed order), tables, settings. */
function state(x: FakeExcel): string {
  const j = JSON.parse(x.save()) as { sheets: { cells: [string, unknown][] }[]; counter?: number };
  for (const s of j.sheets) s.cells.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  delete j.counter; // the fake's id counter: a sheet added and taken away again uses up a number
  return JSON.stringify(j);
}

const refresh = (x: FakeExcel, fetch: FetchRows, budget?: number) => x.run((ctx) => refreshAll(ctxOf(ctx), fetch, { budget }));
const ind = (i: number) => `i${String(i).padStart(4, "0")}`;
const many = (n: number, value = 1) => observations(n).map((o, i) => ({ ...o, id: `o${i}`, indicator: ind(i), value: i + value, quote: "全年完成地区生产总值 386.42 亿元。".repeat(8) }));

describe("refresh, all or nothing", () => {
  it("puts the table back as it was when a sync fails halfway through writing a grown table", async () => {
    const { x, svc, name } = await loaded(many(200));
    x.type("Sheet1", `B${2 + 201 + 2}`, "表下方的备注");
    const before = state(x);
    svc.set(many(2000, 7));
    x.failOn("values", 3); // the third chunk's values: the table has grown and two chunks are written
    const report = await refresh(x, svc.fetch, 128 * 1024);
    expect(report.tables[0]).toMatchObject({ status: "failed", step: "write", restored: true, message: expect.stringMatching(/injected/) });
    expect(state(x)).toBe(before);
    expect(x.table(name).values).toHaveLength(200);
    expect(describeRefresh(report, sayer("zh")).details[0]).toMatch(/已恢复原状/);
    // The same refresh goes through once the host is well again.
    const again = await refresh(x, svc.fetch, 128 * 1024);
    expect(again.tables[0]).toMatchObject({ status: "refreshed", rows: 2000 });
    expect(x.cell("Sheet1", `B${2 + 2001 + 2}`).value).toBe("表下方的备注");
  });

  it("takes out the inserted rows when the table cannot be resized over them", async () => {
    const { x, svc } = await loaded(many(3));
    x.type("Sheet1", "B8", "表下方的备注");
    const before = state(x);
    svc.set(many(6));
    x.failOn("resize");
    const report = await refresh(x, svc.fetch);
    expect(report.tables[0]).toMatchObject({ status: "failed", step: "move", restored: true });
    expect(state(x)).toBe(before);
  });

  it("refuses a shrink that would move another table, leaving no loose cells under the table", async () => {
    const { x, svc, name } = await loaded(many(4));
    // A table of the user's below, wider to the left: Excel refuses to shift part of it.
    await x.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A10:C11").values = [["甲", "乙", "丙"], [1, 2, 3]];
      s.tables.add("A10:C11", true);
    });
    const before = state(x);
    svc.set(many(1));
    const report = await refresh(x, svc.fetch);
    expect(report.tables[0]).toMatchObject({ status: "failed", step: "move", restored: true, message: expect.stringMatching(/shift cells in a table/) });
    expect(state(x)).toBe(before);
    expect(x.table(name).values).toHaveLength(4);
    expect(describeRefresh(report, sayer("zh")).details[0]).toMatch(/无法移动/);
  });

  it("grows the table back and rewrites every cell when a write fails after a shrink", async () => {
    const { x, svc } = await loaded(many(5));
    x.type("Sheet1", `${RIGHT}2`, "备注");
    x.type("Sheet1", `${RIGHT}4`, "核对过");
    x.type("Sheet1", `${RIGHT}5`, `=${letter("value")}5*2`);
    x.type("Sheet1", "B9", "表下方的备注");
    const before = state(x);
    svc.set(many(2, 50));
    // The vanished row's formula goes to a new removed-notes sheet (two writes), then the table's write fails.
    x.failOn("values", 3);
    const report = await refresh(x, svc.fetch);
    expect(report.tables[0]).toMatchObject({ status: "failed", step: "write", restored: true });
    expect(state(x)).toBe(before);
    expect(x.model.sheet(REMOVED_SHEET)).toBeUndefined();
  });

  it("takes out a half-written removed-notes sheet when writing it fails", async () => {
    const { x, svc } = await loaded(many(3));
    x.type("Sheet1", `${RIGHT}2`, "备注");
    x.type("Sheet1", `${RIGHT}5`, "最后一行的备注");
    const before = state(x);
    svc.set(many(2));
    x.failOn("values", 2); // the sheet is added and its header written; the notes fail
    const report = await refresh(x, svc.fetch);
    expect(report.tables[0]).toMatchObject({ status: "failed", step: "archive", restored: true });
    expect(state(x)).toBe(before);
  });

  it("leaves a table of the user's alone when it took the name of a deleted one", async () => {
    const { x, svc, name } = await loaded(many(2));
    x.deleteTable(name);
    await x.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("B2:C3").values = [["我的", "数据"], ["不要动", 42]];
      const t = s.tables.add("B2:C3", true);
      t.name = name;
    });
    const before = state(x);
    const report = await refresh(x, svc.fetch);
    expect(report.tables).toEqual([{ table: name, status: "foreign" }]);
    expect(state(x)).toBe(before);
    expect(describeRefresh(report, sayer("en"))).toMatchObject({ problem: true, details: [expect.stringMatching(/not the one Zhibiao loaded/)] });
  });
});

describe("refresh keeps the user's cells with their observation", () => {
  const rows = () => [observation({ id: "a", indicator: "i1", value: 1 }), observation({ id: "b", indicator: "i2", value: 2 }), observation({ id: "c", indicator: "i3", value: 3 })];

  it("moves notes and formulas with their row, and puts those of vanished rows on the removed-notes sheet", async () => {
    const { x, svc, name } = await loaded(rows());
    x.type("Sheet1", `${RIGHT}2`, "备注");
    x.type("Sheet1", `${RIGHT}3`, "a 的备注");
    x.type("Sheet1", `${RIGHT}4`, `=${letter("value")}4*10`);
    x.type("Sheet1", `${RIGHT}5`, `=${letter("value")}5*10`);
    x.type("Sheet1", `${RIGHT}5`, "c 的备注");
    svc.set([observation({ id: "c", indicator: "i3", value: 33 }), observation({ id: "d", indicator: "i4", value: 4 })]);
    const report = await refresh(x, svc.fetch);
    expect(report.tables[0]).toMatchObject({ status: "refreshed", rows: 2, added: 1, removed: 2, movedCells: 2 });
    const t = x.table(name);
    const note = (id: string) => t.values.find((r) => r[col("id")] === id)!.at(-1);
    expect(note("c")).toBe("c 的备注");
    expect(note("d")).toBe("");
    const removed = x.model.sheet(REMOVED_SHEET)!;
    const cell = (r: number, c: number) => x.model.cell(removed, r, c).value;
    expect([0, 1, 2, 3, 4].map((c) => cell(0, c))).toEqual(["表", "行键", "行", "列", "内容"]);
    expect([1, 3, 4].map((c) => cell(1, c))).toEqual(["a", "备注", "a 的备注"]);
    expect(cell(1, 2)).toContain("雷州市");
    expect([1, 3].map((c) => cell(2, c))).toEqual(["b", "备注"]);
    expect(cell(2, 5)).toBe("=RC[-19]*10".replace("-19", String(-(FIELDS.length - col("value")))));
  });

  it("keeps a formula pointing at its own row when the row moves", async () => {
    const { x, svc, name } = await loaded(rows());
    x.type("Sheet1", `${RIGHT}2`, "两倍");
    x.type("Sheet1", `${RIGHT}5`, `=${letter("value")}5*2`); // c's row
    svc.set([observation({ id: "c", indicator: "i3", value: 3 })]);
    await refresh(x, svc.fetch);
    const t = x.table(name);
    expect(t.values.map((r) => r[col("id")])).toEqual(["c"]);
    expect(t.formulas[0]!.at(-1)).toBe(`=${letter("value")}3*2`);
  });

  it("gives new rows a calculated column's formula", async () => {
    const { x, svc, name } = await loaded(rows());
    x.type("Sheet1", `${RIGHT}2`, "两倍");
    for (const r of [3, 4, 5]) x.type("Sheet1", `${RIGHT}${r}`, `=${letter("value")}${r}*2`);
    svc.set([...rows(), observation({ id: "d", indicator: "i4", value: 4 })]);
    const report = await refresh(x, svc.fetch);
    expect(report.tables[0]).toMatchObject({ movedCells: 0 });
    expect(x.table(name).formulas[3]!.at(-1)).toBe(`=${letter("value")}6*2`);
  });
});

describe("refresh this table", () => {
  it("finds the table at the selection and refreshes only it", async () => {
    const { x, svc, name } = await loaded([observation({ id: "a", indicator: "i1", value: 1 })]);
    const other = await x.run(async (ctx) => insertTable(ctxOf(ctx), { rows: [observation({ id: "a", indicator: "i1", value: 1 })], query: q, target: "newSheet" }));
    svc.set([observation({ id: "a", indicator: "i1", value: 9 })]);
    x.select("Sheet1", "C3");
    const at = await x.run((ctx) => tableAtSelection(ctxOf(ctx)));
    expect(at).toBe(name);
    const report = await x.run((ctx) => refreshAll(ctxOf(ctx), svc.fetch, { only: [at!] }));
    expect(report.tables.map((t) => t.table)).toEqual([name]);
    expect(x.table(name).values[0]![col("value")]).toBe(9);
    expect(x.table(other.table).values[0]![col("value")]).toBe(1);
    x.select("Sheet1", "A1");
    expect(await x.run((ctx) => tableAtSelection(ctxOf(ctx)))).toBeNull();
  });
});

describe("listing against a snapshot", () => {
  /** A service of `total` rows served in pages; `generationAt(call)` says which generation each answer reports. */
  function pages(total: number, generationAt: (call: number) => number, opts: { conflictAt?: number[]; shrinkAt?: number } = {}) {
    let calls = 0;
    const get = async (path: string): Promise<ObservationsPage> => {
      const call = ++calls;
      if (opts.conflictAt?.includes(call)) throw new ServiceError("stale generation", 409);
      const u = new URL(path, "http://x");
      const offset = Number(u.searchParams.get("offset") ?? 0);
      const limit = Number(u.searchParams.get("limit"));
      const n = opts.shrinkAt !== undefined && call >= opts.shrinkAt ? total - 2000 : total;
      const items = Array.from({ length: Math.max(0, Math.min(limit, n - offset)) }, (_, i) => ({ id: `r${offset + i}` }) as Observation);
      const next = offset + limit < n ? `/api/observations?offset=${offset + limit}&limit=${limit}` : null;
      return { total: n, offset, limit, items, next, generation: generationAt(call) };
    };
    return { get, calls: () => calls };
  }

  it("reads every page of one generation", async () => {
    const p = pages(12000, () => 1);
    const rows = await listAll(p.get, q, 5000);
    expect(rows).toHaveLength(12000);
    expect(p.calls()).toBe(3);
  });

  it("starts over when a page comes from another generation", async () => {
    const p = pages(12000, (call) => (call <= 2 ? 1 : 2));
    const rows = await listAll(p.get, q, 5000);
    expect(rows).toHaveLength(12000);
    expect(new Set(rows.map((r) => r.id)).size).toBe(12000);
  });

  it("never takes 10,000 of 12,000 rows for the whole when the reports shrink between pages", async () => {
    // Same generation number reported (an older service), but the total changes under the listing.
    const p = pages(12000, () => 1, { shrinkAt: 3 });
    const rows = await listAll(p.get, q, 5000);
    expect(rows).toHaveLength(10000);
    expect(p.calls()).toBeGreaterThan(3); // the first, mixed listing was thrown away
  });

  it("starts over when the service answers 409 to a stale page", async () => {
    const p = pages(12000, () => 5, { conflictAt: [2] });
    expect(await listAll(p.get, q, 5000)).toHaveLength(12000);
  });

  it("gives up with a clear message when the reports keep changing", async () => {
    const p = pages(12000, (call) => call);
    const err = await listAll(p.get, q, 5000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ListingUnstable);
    expect((err as Error).message).toMatch(/reports changed while their rows were being read, 4 times/);
    expect(p.calls()).toBe(2 * LISTING_ATTEMPTS);
  });

  it("leaves every table alone when a refresh's listing never settles, and says why", async () => {
    const { x } = await loaded(many(2));
    const before = state(x);
    const report = await x.run((ctx) => refreshAll(ctxOf(ctx), () => Promise.reject(new ListingUnstable(LISTING_ATTEMPTS))));
    expect(report).toMatchObject({ tables: [], unstable: 4 });
    expect(state(x)).toBe(before);
    expect(describeRefresh(report, sayer("zh")).summary).toBe("读取数据时报告在不断变化（连续 4 次）：未做任何更改；请等报告不再变化后重试");
  });

  it("is what the client's observations() uses, over fetch", async () => {
    let calls = 0;
    const fetchImpl = (async (url: string) => {
      calls++;
      const u = new URL(String(url), "http://x");
      const offset = Number(u.searchParams.get("offset") ?? 0);
      const body: ObservationsPage = { total: 2, offset, limit: 1, items: [{ id: `r${offset}` } as Observation], next: offset === 0 ? "/api/observations?offset=1&limit=1" : null, generation: calls };
      return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
    }) as typeof fetch;
    await expect(createClient("http://x", fetchImpl).observations(q)).rejects.toBeInstanceOf(ListingUnstable);
  });
});
