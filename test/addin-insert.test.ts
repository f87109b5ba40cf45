// Insert: observations → a named, styled Excel table, against the fake Excel host.
import { describe, expect, it } from "vitest";
import { insertTable, TargetNotEmpty, type InsertRequest } from "../addin/excel/insert.js";
import { headerOf } from "../addin/excel/labels.js";
import { FIELDS, REQUEST_BUDGET } from "../addin/excel/layout.js";
import { SETTING_PREFIX } from "../addin/excel/memory.js";
import type { Query } from "../server/api.js";
import { FakeExcel, PAYLOAD_LIMIT, type FakeContext } from "./fakes/excel.js";
import { columnLetters } from "./fakes/model.js";
import { observation, observations } from "./fakes/observations.js";

const gdpQuery: Query = { region: ["雷州市"], indicator: ["gdp"], period: [], kind: [] };
const insert = (x: FakeExcel, req: Partial<InsertRequest> & Pick<InsertRequest, "rows">) =>
  x.run((ctx: FakeContext) => insertTable(ctx as unknown as Excel.RequestContext, { query: gdpQuery, labels: { gdp: "地区生产总值" }, target: "selection", ...req }));
const col = (f: string) => FIELDS.indexOf(f as (typeof FIELDS)[number]);
/** The letter of the table's last column when its first is column `first` (A = 0). */
const lastColumn = (first: number) => columnLetters(first + FIELDS.length - 1);

describe("insertTable", () => {
  it("writes a named, styled table at the selected cell, numbers as numbers with formats", async () => {
    const x = new FakeExcel();
    x.select("Sheet1", "B3");
    const rows = [observation(), observation({ period: "2024", kind: "target", value: null, growth_pct: 5, growth_qualifier: "about", rank: null, rank_scope: null })];
    const r = await insert(x, { rows });
    expect(r).toMatchObject({ table: "指标_雷州市_地区生产总值", sheet: "Sheet1", rows: 2 });
    const t = x.table(r.table);
    expect(t.address).toBe(`Sheet1!B3:${lastColumn(1)}5`);
    expect(t.style).toBe("TableStyleMedium2");
    // Chinese headers by default, from kit/lexicon/labels.json; codes in Chinese too.
    expect(t.headers).toEqual(FIELDS.map((f) => headerOf(f, "zh")));
    expect(t.headers.slice(0, 4)).toEqual(["地区", "年份", "期间", "类型"]);
    expect(t.values[0]![col("kind")]).toBe("实际");
    expect(t.values[1]![col("growth_qualifier")]).toBe("左右");
    expect(t.values[0]![col("value")]).toBe(386.42);
    expect(t.values[0]![col("period")]).toBe("2023");
    expect(t.values[0]![col("growth_pct")]).toBe(3.6);
    // A missing value is an empty cell.
    expect(t.values[1]![col("value")]).toBe("");
    expect(t.values[1]![col("rank")]).toBe("");
    expect(t.formats[0]![col("value")]).toBe("#,##0.00##");
    expect(t.formats[0]![col("period")]).toBe("@");
    expect(t.formats[1]![col("growth_pct")]).toBe("0.0#");
  });

  it("remembers the query behind the table in the workbook's settings", async () => {
    const x = new FakeExcel();
    const r = await insert(x, { rows: [observation()], now: new Date("2025-01-02T03:04:05Z") });
    const saved = x.settings()[SETTING_PREFIX + r.table] as Record<string, unknown>;
    expect((saved.columns as { key: string }[]).map((c) => c.key)).toEqual([...FIELDS]);
    expect(saved).toMatchObject({ table: r.table, tableId: x.table(r.table).id, query: gdpQuery, layout: { kind: "long" }, lang: "zh", insertedAt: "2025-01-02T03:04:05.000Z", refreshedAt: null });
  });

  it("refuses to write over cells that are not empty, and changes nothing", async () => {
    const x = new FakeExcel();
    x.type("Sheet1", "D4", "用户的数据");
    x.select("Sheet1", "B3");
    const before = x.save();
    await expect(insert(x, { rows: [observation(), observation()] })).rejects.toBeInstanceOf(TargetNotEmpty);
    expect(x.save()).toBe(before);
  });

  it("puts a table on a new sheet with its own name, frozen header, and unique table names", async () => {
    const x = new FakeExcel();
    const a = await insert(x, { rows: [observation()], target: "newSheet" });
    const b = await insert(x, { rows: [observation()], target: "newSheet" });
    expect([a.sheet, b.sheet]).toEqual(["指标", "指标 (2)"]);
    expect([a.table, b.table]).toEqual(["指标_雷州市_地区生产总值", "指标_雷州市_地区生产总值_2"]);
    expect(x.table(b.table).address).toBe(`'指标 (2)'!A1:${lastColumn(0)}2`);
    expect(x.model.sheet("指标 (2)")!.frozenRows).toBe(1);
    expect(x.model.active.sheet.name).toBe("指标 (2)");
  });

  it("names tables Excel accepts whatever the regions are called", async () => {
    const x = new FakeExcel();
    const q: Query = { region: ["佛山顺德(廉江)产业转移工业园", "廉江市"], indicator: [], period: [], kind: [] };
    const r = await insert(x, { rows: [observation()], query: q, target: "newSheet" });
    expect(r.table).toBe("指标_佛山顺德_廉江_产业转移工业园等2项");
  });

  it("keeps text that starts with = as text", async () => {
    const x = new FakeExcel();
    const r = await insert(x, { rows: [observation({ quote: "=HYPERLINK(\"http://example.com\")", target_text: "+5%" })] });
    const t = x.table(r.table);
    expect(t.values[0]![col("quote")]).toBe('=HYPERLINK("http://example.com")');
    expect(t.formulas[0]![col("quote")]).toBeNull();
  });

  it("writes an empty result as a table with one empty row", async () => {
    const x = new FakeExcel();
    const r = await insert(x, { rows: [] });
    expect(x.table(r.table).values).toEqual([FIELDS.map(() => "")]);
  });

  it("writes a large result in chunks under the 5 MB request limit, a constant number of syncs per chunk", async () => {
    const x = new FakeExcel();
    const long = "全年完成地区生产总值 386.42 亿元，比上年增长 3.6%，增速居湛江市第三。".repeat(12);
    const rows = observations(12000, { quote: long });
    const r = await insert(x, { rows, target: "newSheet" });
    expect(x.table(r.table).values).toHaveLength(12000);
    expect(x.table(r.table).values[11999]![col("value")]).toBe(11999.5);
    const totalBytes = x.syncs.reduce((n, s) => n + s.requestBytes, 0);
    expect(totalBytes).toBeGreaterThan(3 * PAYLOAD_LIMIT);
    expect(Math.max(...x.syncs.map((s) => s.requestBytes))).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    // A large write suspends calculation and screen updating in every chunk.
    const chunks = x.syncs.filter((s) => s.suspendedCalculation && s.suspendedScreenUpdating);
    // Setup (1), one sync per chunk, a recalculation (1), then the table (1) and its remembered query (1).
    expect(x.roundTrips()).toBe(1 + chunks.length + 1 + 2);
    const last = x.syncs.lastIndexOf(chunks.at(-1)!);
    expect(x.syncs[last + 1]).toMatchObject({ recalculated: true, suspendedCalculation: false });
    expect(r.syncs).toBe(x.roundTrips());
    // Chunks are full: no more of them than the bytes need.
    expect(chunks.length).toBeLessThanOrEqual(Math.ceil(totalBytes / (REQUEST_BUDGET * 0.9)) + 1);
  });

  it("fails against the limit when chunks are allowed to grow past it (the fake enforces it)", async () => {
    const x = new FakeExcel();
    const rows = observations(4000, { quote: "全年完成地区生产总值 386.42 亿元。".repeat(60) });
    await expect(insert(x, { rows, target: "newSheet", budget: 64 * 1024 * 1024 })).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
  });
});
