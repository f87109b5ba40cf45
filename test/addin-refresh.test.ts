// Refresh all, against the fake Excel host: the table is rewritten in place, grows and shrinks,
// and keeps what the user added; a missing table or a service that is down changes nothing.
import { describe, expect, it } from "vitest";
import { insertTable } from "../addin/excel/insert.js";
import { FIELDS } from "../addin/excel/layout.js";
import { SETTING_PREFIX } from "../addin/excel/memory.js";
import { refreshAll, type FetchRows } from "../addin/excel/refresh.js";
import { describeRefresh, sayer } from "../addin/pane/messages.js";
import type { Observation } from "../kit/types.js";
import type { Query } from "../server/api.js";
import { buildTables, facet, filterObservations } from "../server/tables.js";
import { FakeExcel, PAYLOAD_LIMIT, type FakeContext } from "./fakes/excel.js";
import { columnLetters } from "./fakes/model.js";
import { observation, observations } from "./fakes/observations.js";

const col = (f: string) => FIELDS.indexOf(f as (typeof FIELDS)[number]);
/** Column letters of the table loaded at B2: its last column, the first one to its right, and a field's. */
const LAST = columnLetters(FIELDS.length);
const RIGHT = columnLetters(FIELDS.length + 1);
const letter = (f: string) => columnLetters(1 + col(f));
const ctxOf = (c: FakeContext) => c as unknown as Excel.RequestContext;

/** The service's answers, from the same query code the server runs. */
function service(initial: Observation[]) {
  let rows = initial;
  let down = false;
  const fetch: FetchRows = async (q) => {
    if (down) throw new Error("fetch failed: connect ECONNREFUSED 127.0.0.1:3000");
    return filterObservations(buildTables([{ documents: [], observations: rows, mentions: [] }], []), q);
  };
  return {
    fetch,
    set: (next: Observation[]) => (rows = next),
    stop: () => (down = true),
  };
}

const q = (region: string): Query => ({ region: [region], indicator: [], period: [], kind: [] });

async function loaded(rows: Observation[], at = "B2") {
  const x = new FakeExcel();
  const svc = service(rows);
  x.select("Sheet1", at);
  const r = await x.run(async (ctx) => insertTable(ctxOf(ctx), { rows: await svc.fetch(q("雷州市")), query: q("雷州市"), target: "selection" }));
  return { x, svc, name: r.table };
}
const refresh = (x: FakeExcel, fetch: FetchRows) => x.run((ctx) => refreshAll(ctxOf(ctx), fetch));
/** A column's values keyed by the row's observation id (the service orders rows by region, indicator, period). */
const values = (x: FakeExcel, name: string, field: string) => Object.fromEntries(x.table(name).values.map((r) => [r[col("id")], r[col(field)]]));

const three = () => [
  observation({ id: "a", indicator: "地区生产总值", value: 100 }),
  observation({ id: "b", indicator: "工业增加值", value: 200 }),
  observation({ id: "c", indicator: "固定资产投资", value: 300 }),
];

describe("refreshAll", () => {
  it("rewrites values in place and reports how many changed", async () => {
    const { x, svc, name } = await loaded(three());
    const id = x.table(name).id;
    svc.set([observation({ id: "a", indicator: "地区生产总值", value: 101 }), ...three().slice(1)]);
    const report = await refresh(x, svc.fetch);
    expect(values(x, name, "value")).toEqual({ a: 101, b: 200, c: 300 });
    expect(x.table(name).id).toBe(id);
    expect(report.tables).toEqual([{ table: name, status: "refreshed", rows: 3, changed: 1, added: 0, removed: 0, missingColumns: [], addedColumns: [], newColumns: [], movedCells: 0 }]);
  });

  it("grows the table for new rows, moving what is below it down, with the table's formats", async () => {
    const { x, svc, name } = await loaded(three());
    x.type("Sheet1", "B7", "表下方的备注");
    svc.set([...three(), observation({ id: "d", indicator: "一般公共预算收入", value: 400 }), observation({ id: "e", indicator: "社会消费品零售总额", value: 500 })]);
    const report = await refresh(x, svc.fetch);
    expect(x.table(name).address).toBe(`Sheet1!B2:${LAST}7`);
    expect(values(x, name, "value")).toEqual({ a: 100, b: 200, c: 300, d: 400, e: 500 });
    expect(x.table(name).formats.every((r) => r[col("value")] === "#,##0.00##" && r[col("period")] === "@")).toBe(true);
    expect(x.cell("Sheet1", "B9").value).toBe("表下方的备注");
    expect(report.tables[0]).toMatchObject({ added: 2, removed: 0, changed: 0 });
  });

  it("shrinks the table when rows are gone, leaving no old values behind and moving what is below up", async () => {
    const { x, svc, name } = await loaded(three());
    x.type("Sheet1", "B7", "表下方的备注");
    svc.set([three()[1]!]);
    const report = await refresh(x, svc.fetch);
    expect(x.table(name).address).toBe(`Sheet1!B2:${LAST}3`);
    expect(values(x, name, "value")).toEqual({ b: 200 });
    expect(x.cell("Sheet1", `${letter("value")}4`).value).toBe("");
    expect(x.cell("Sheet1", `${letter("value")}5`).value).toBe("");
    expect(x.cell("Sheet1", "B5").value).toBe("表下方的备注");
    expect(report.tables[0]).toMatchObject({ rows: 1, added: 0, removed: 2 });
  });

  it("writes a value that disappeared as an empty cell, not the old number", async () => {
    const { x, svc, name } = await loaded(three());
    svc.set([observation({ id: "a", indicator: "地区生产总值", value: null, growth_pct: null }), ...three().slice(1)]);
    await refresh(x, svc.fetch);
    expect(values(x, name, "value")).toEqual({ a: "", b: 200, c: 300 });
    expect(values(x, name, "growth_pct")).toMatchObject({ a: "" });
  });

  it("keeps a column the user added to the right of the table, with its notes and formulas", async () => {
    const { x, svc, name } = await loaded(three());
    x.type("Sheet1", `${RIGHT}2`, "备注");
    x.type("Sheet1", `${RIGHT}3`, "核对过");
    x.type("Sheet1", `${RIGHT}4`, `=${letter("value")}4*2`);
    expect(x.table(name).headers).toHaveLength(FIELDS.length + 1);
    svc.set([observation({ id: "a", indicator: "地区生产总值", value: 150 }), ...three().slice(1), observation({ id: "z", indicator: "粮食产量", value: 9 })]);
    const report = await refresh(x, svc.fetch);
    const t = x.table(name);
    expect(t.headers.at(-1)).toBe("备注");
    // The user's cells stay where they were; only Zhibiao's columns were written.
    expect(t.values[0]!.at(-1)).toBe("核对过");
    expect(t.formulas[1]!.at(-1)).toBe(`=${letter("value")}4*2`);
    expect(t.values.slice(2).map((r) => r.at(-1))).toEqual(["", ""]);
    expect(values(x, name, "value")).toEqual({ a: 150, b: 200, c: 300, z: 9 });
    expect(report.tables[0]).toMatchObject({ status: "refreshed", missingColumns: [] });
  });

  it("keeps formulas that refer to the table, and the table's style", async () => {
    const { x, svc, name } = await loaded(three());
    x.type("Sheet1", "U1", `=SUM(${name}[value])`);
    x.setTableStyle(name, "TableStyleLight9");
    svc.set(three().slice(0, 2));
    await refresh(x, svc.fetch);
    expect(x.cell("Sheet1", "U1").formula).toBe(`=SUM(${name}[value])`);
    expect(x.table(name).style).toBe("TableStyleLight9");
  });

  it("reports a deleted table and changes nothing for it, while refreshing the others", async () => {
    const { x, svc, name } = await loaded(three());
    const other = await x.run(async (ctx) => insertTable(ctxOf(ctx), { rows: [three()[0]!], query: q("雷州市"), target: "newSheet" }));
    x.deleteTable(name);
    svc.set([observation({ id: "a", indicator: "地区生产总值", value: 1 })]);
    const report = await refresh(x, svc.fetch);
    expect(report.tables).toContainEqual({ table: name, status: "missing" });
    expect(report.tables).toContainEqual(expect.objectContaining({ table: other.table, status: "refreshed", changed: 1 }));
    expect(x.tableNames()).toEqual([other.table]);
    expect(describeRefresh(report, sayer("en")).summary).toBe("1 tables refreshed, 1 values changed, 1 table missing");
    expect(describeRefresh(report, sayer("zh")).summary).toBe("已刷新 1 个表，1 个值有变化，1 个表缺失");
  });

  it("reports a renamed table by its new name and leaves it alone", async () => {
    const { x, svc, name } = await loaded(three());
    x.renameTable(name, "我的表");
    const before = x.save();
    svc.set([observation({ id: "a", indicator: "地区生产总值", value: 1 })]);
    const report = await refresh(x, svc.fetch);
    expect(report.tables).toEqual([{ table: name, status: "renamed", now: "我的表" }]);
    expect(x.save()).toBe(before);
  });

  it("changes nothing at all when the service is down", async () => {
    const { x, svc } = await loaded(three());
    await x.run(async (ctx) => insertTable(ctxOf(ctx), { rows: three(), query: q("雷州市"), target: "newSheet" }));
    const before = x.save();
    svc.stop();
    const report = await refresh(x, svc.fetch);
    expect(report.serviceError).toMatch(/ECONNREFUSED/);
    expect(report.tables).toEqual([]);
    expect(x.save()).toBe(before);
    expect(describeRefresh(report, sayer("en"))).toMatchObject({ problem: true, details: ["nothing was changed"] });
  });

  it("refreshes a workbook that was saved, closed and reopened (the query is in its settings)", async () => {
    const { x, svc, name } = await loaded(three());
    const reopened = FakeExcel.open(x.save());
    svc.set([observation({ id: "a", indicator: "地区生产总值", value: 111 })]);
    const report = await refresh(reopened, svc.fetch);
    expect(report.tables[0]).toMatchObject({ status: "refreshed", rows: 1 });
    expect(values(reopened, name, "value")).toEqual({ a: 111 });
    expect(reopened.settings()[SETTING_PREFIX + name]).toMatchObject({ refreshedAt: expect.any(String) });
  });

  it("skips a remembered query it cannot read (a hand edit, another version) and refreshes the rest", async () => {
    const { x, svc, name } = await loaded(three());
    await x.run(async (ctx) => {
      ctx.workbook.settings.add(`${SETTING_PREFIX}broken`, { table: "broken", query: { region: "not a list" } });
      ctx.workbook.settings.add(`${SETTING_PREFIX}text`, "{not json");
    });
    const report = await refresh(x, svc.fetch);
    expect(report.tables.map((t) => [t.table, t.status])).toEqual([[name, "refreshed"]]);
  });

  it("keeps an empty result as one empty row, and fills it again later", async () => {
    const { x, svc, name } = await loaded(three());
    svc.set([]);
    await refresh(x, svc.fetch);
    expect(x.table(name).values).toEqual([FIELDS.map(() => "")]);
    svc.set(three());
    const report = await refresh(x, svc.fetch);
    expect(values(x, name, "value")).toEqual({ a: 100, b: 200, c: 300 });
    expect(report.tables[0]).toMatchObject({ added: 3, removed: 0 });
  });

  it("says which of its columns the user renamed, and refreshes the others", async () => {
    const { x, svc, name } = await loaded(three());
    x.type("Sheet1", `${letter("id")}2`, "编号"); // the "id" header
    svc.set([observation({ id: "a", indicator: "地区生产总值", value: 5 }), ...three().slice(1)]);
    const report = await refresh(x, svc.fetch);
    expect(report.tables[0]).toMatchObject({ status: "refreshed", missingColumns: ["观测编号"] });
    expect(x.table(name).headers.at(-1)).toBe("编号");
    expect(x.table(name).values.map((r) => r[col("value")]).sort()).toEqual([200, 300, 5]);
  });

  it("refreshes a large table in chunks under the limit with a constant number of syncs per chunk", async () => {
    const rows = observations(2, { region: "湛河区" });
    const { x, svc, name } = await loaded(rows);
    // Refresh reads the old rows back: the quotes make a few response- and request-sized chunks.
    const many = observations(9000, { region: "雷州市", quote: "全年完成地区生产总值 386.42 亿元，比上年增长 3.6%。".repeat(10) });
    svc.set(many);
    const before = x.roundTrips();
    const report = await refresh(x, svc.fetch);
    expect(report.tables[0]).toMatchObject({ status: "refreshed", rows: 9000, added: 9000 });
    expect(x.table(name).values).toHaveLength(9000);
    const syncs = x.syncs.slice(before);
    expect(Math.max(...syncs.map((s) => Math.max(s.requestBytes, s.responseBytes)))).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    const writes = syncs.filter((s) => s.suspendedCalculation);
    expect(writes.length).toBeGreaterThan(1);
    // settings+tables, geometry, one read (the old table is tiny), insert and resize, the chunks, a recalculation, the remembered query.
    expect(syncs.length).toBe(1 + 1 + 1 + 2 + writes.length + 1 + 1);
    expect(syncs.at(-2)!.recalculated).toBe(true);
    expect(report.syncs).toBe(syncs.length);
  });
});

describe("the service's periods", () => {
  it("tell part of a year from the whole year, in the facet and the filter", () => {
    const rows = [observation({ period: "2024" }), observation({ period: "2024", period_part: "H1" }), observation({ period: "2024", period_part: "H1", indicator: "固定资产投资" })];
    const t = buildTables([{ documents: [], observations: rows, mentions: [] }], []);
    const none: Query = { region: [], indicator: [], period: [], kind: [] };
    expect(facet(t, none, "period").map((f) => [f.value, f.count])).toEqual([["2024H1", 2], ["2024", 1]]);
    expect(filterObservations(t, { ...none, period: ["2024"] })).toEqual([rows[0]]);
    expect(filterObservations(t, { ...none, period: ["2024H1"] })).toHaveLength(2);
  });
});

describe("tables loaded by the first version", () => {
  it("are refreshed under their field-name headers, with codes as the contract writes them", async () => {
    const { x, svc, name } = await loaded(three());
    // What the first version wrote: the contract's field names as headers, and only `fields` remembered.
    await x.run(async (ctx) => {
      const c = ctxOf(ctx);
      c.workbook.worksheets.getItem("Sheet1").getRangeByIndexes(1, 1, 1, FIELDS.length).values = [[...FIELDS]];
      c.workbook.settings.add(SETTING_PREFIX + name, { table: name, tableId: x.table(name).id, query: q("雷州市"), fields: [...FIELDS], insertedAt: "", refreshedAt: null });
    });
    svc.set([observation({ id: "a", indicator: "地区生产总值", value: 101 }), ...three().slice(1)]);
    const report = await refresh(x, svc.fetch);
    expect(report.tables[0]).toMatchObject({ status: "refreshed", changed: expect.any(Number), missingColumns: [] });
    expect(values(x, name, "value")).toEqual({ a: 101, b: 200, c: 300 });
    expect(values(x, name, "kind")).toEqual({ a: "actual", b: "actual", c: "actual" });
    expect(x.table(name).headers).toEqual([...FIELDS]);
  });
});
