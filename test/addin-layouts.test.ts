// The wide layouts analysts build by hand, against the fake host: each inserted, refreshed after
// the reports change, and refreshed after the user added a column of their own (their cells stay
// with their row); the long table with chosen columns and English headers.
import { describe, expect, it } from "vitest";
import { insertTable } from "../addin/excel/insert.js";
import { buildGrid, type LayoutSpec } from "../addin/excel/layouts.js";
import { refreshAll, type FetchRows } from "../addin/excel/refresh.js";
import type { Observation } from "../kit/types.js";
import type { Query } from "../server/api.js";
import { buildTables, filterObservations } from "../server/tables.js";
import { FakeExcel, type FakeContext } from "./fakes/excel.js";
import { columnLetters } from "./fakes/model.js";
import { observation } from "./fakes/observations.js";

const ctxOf = (c: FakeContext) => c as unknown as Excel.RequestContext;
const all: Query = { region: [], indicator: [], period: [], kind: [] };

const reports = (gdp2023 = 386.42): Observation[] => [
  observation({ id: "lz22", period: "2022", value: 370.1, growth_pct: 2.1 }),
  observation({ id: "lz23", period: "2023", value: gdp2023, growth_pct: 3.6 }),
  observation({ id: "lz23t", period: "2023", kind: "target", value: null, growth_pct: 5, growth_qualifier: "about", target_text: "增长5%左右" }),
  observation({ id: "lz23r", period: "2023", indicator: "社会消费品零售总额", indicator_id: "retail_sales", value: 210.3, growth_pct: 5.5 }),
  observation({ id: "lj23", region: "廉江市", period: "2023", value: 520.8, growth_pct: 4.1 }),
  observation({ id: "lj23t", region: "廉江市", period: "2023", kind: "target", value: null, growth_pct: 4, growth_qualifier: "about" }),
];

function service(initial: Observation[]) {
  let rows = initial;
  const fetch: FetchRows = async (q) => filterObservations(buildTables([{ documents: [], observations: rows, mentions: [] }], []), q);
  return { fetch, set: (next: Observation[]) => (rows = next) };
}

async function inserted(layout: LayoutSpec, lang: "zh" | "en" = "zh", query: Query = all) {
  const x = new FakeExcel();
  const svc = service(reports());
  x.select("Sheet1", "B2");
  const r = await x.run(async (ctx) => insertTable(ctxOf(ctx), { rows: await svc.fetch(query), query, target: "selection", layout, lang }));
  const t = () => x.table(r.table);
  return { x, svc, name: r.table, t, refresh: () => x.run((ctx) => refreshAll(ctxOf(ctx), svc.fetch)) };
}

/** Adds a column of the user's to the right of the table and types a note in the row with `key`. */
function addNote(x: FakeExcel, name: string, notes: Record<string, string>) {
  const t = x.table(name);
  const right = columnLetters(1 + t.headers.length);
  x.type("Sheet1", `${right}2`, "我的备注");
  const keyAt = t.headers.length - 1;
  t.values.forEach((v, i) => {
    const note = notes[String(v[keyAt])];
    if (note) x.type("Sheet1", `${right}${3 + i}`, note);
  });
}
const notesOf = (x: FakeExcel, name: string) => {
  const t = x.table(name);
  return Object.fromEntries(t.values.filter((v) => v.at(-1) !== "").map((v) => [String(v.at(-2)), v.at(-1)]));
};

describe("years across", () => {
  it("puts each region × indicator × kind on a row and the years across, and refreshes them", async () => {
    const { x, svc, name, t, refresh } = await inserted({ kind: "years", measure: "value" });
    expect(t().headers).toEqual(["地区", "指标", "类型", "单位", "2022", "2023", "行键"]);
    expect(t().values).toContainEqual(["雷州市", "地区生产总值", "实际", "亿元", 370.1, 386.42, "雷州市|gdp|actual"]);
    expect(t().values).toContainEqual(["廉江市", "地区生产总值", "实际", "亿元", "", 520.8, "廉江市|gdp|actual"]);
    addNote(x, name, { "雷州市|gdp|actual": "已核对" });
    svc.set(reports(401.23));
    const report = await refresh();
    expect(report.tables[0]).toMatchObject({ status: "refreshed", changed: 1, added: 0, removed: 0, newColumns: [] });
    expect(t().values.find((v) => v[6] === "雷州市|gdp|actual")!.slice(4, 6)).toEqual([370.1, 401.23]);
    expect(notesOf(x, name)).toEqual({ "雷州市|gdp|actual": "已核对" });
  });

  it("shows growth rates when asked, and adds a new year at the table's right end", async () => {
    const { x, svc, name, t, refresh } = await inserted({ kind: "years", measure: "growth_pct" });
    expect(t().values).toContainEqual(["雷州市", "地区生产总值", "实际", "%", 2.1, 3.6, "雷州市|gdp|actual"]);
    addNote(x, name, { "雷州市|gdp|actual": "已核对" });
    svc.set([...reports(), observation({ id: "lz24", period: "2024", value: 400, growth_pct: 4 })]);
    const report = await refresh();
    expect(report.tables[0]).toMatchObject({ status: "refreshed", addedColumns: ["2024"], newColumns: [] });
    expect(t().headers).toEqual(["地区", "指标", "类型", "单位", "2022", "2023", "行键", "我的备注", "2024"]);
    const lz = t().values.find((v) => v[6] === "雷州市|gdp|actual")!;
    expect([lz[5], lz[7], lz[8]]).toEqual([3.6, "已核对", 4]);
    expect(t().formats.every((f) => f[8] === "0.0#")).toBe(true);
    // The next refresh knows the column: nothing new, the value rewritten in place.
    svc.set([...reports(), observation({ id: "lz24", period: "2024", value: 400, growth_pct: 4.5 })]);
    expect((await refresh()).tables[0]).toMatchObject({ addedColumns: [], newColumns: [], changed: 1 });
    expect(t().values.find((v) => v[6] === "雷州市|gdp|actual")![8]).toBe(4.5);
  });

  it("does not widen a table over cells of the user's, and says so", async () => {
    const { x, svc, name, t, refresh } = await inserted({ kind: "years", measure: "value" });
    const right = columnLetters(1 + t().headers.length);
    x.type("Sheet1", `${right}4`, "旁边的数据");
    svc.set([...reports(), observation({ id: "lz24", period: "2024", value: 400, growth_pct: 4 })]);
    const report = await refresh();
    expect(report.tables[0]).toMatchObject({ status: "refreshed", addedColumns: [], newColumns: ["2024"] });
    expect(t().headers).toHaveLength(7);
    expect(x.cell("Sheet1", `${right}4`).value).toBe("旁边的数据");
    expect(name).toBeTruthy();
  });

  it("puts the table back to its width when a write fails after widening it", async () => {
    const { x, svc, t, refresh } = await inserted({ kind: "years", measure: "value" });
    const before = x.save();
    svc.set([...reports(), observation({ id: "lz24", period: "2024", value: 400, growth_pct: 4 })]);
    x.failOn("values", 2); // the new header is written, then the rows' values fail
    const report = await refresh();
    expect(report.tables[0]).toMatchObject({ status: "failed", step: "write", restored: true });
    expect(t().headers).toHaveLength(7);
    const norm = (saved: string) => {
      const j = JSON.parse(saved) as { sheets: { cells: [string, unknown][] }[] };
      for (const sh of j.sheets) sh.cells.sort((a, b) => (a[0] < b[0] ? -1 : 1));
      return JSON.stringify(j);
    };
    expect(norm(x.save())).toBe(norm(before));
  });
});

describe("regions × indicators for one year", () => {
  it("puts regions down and indicators across for the year, and refreshes them", async () => {
    const { x, svc, name, t, refresh } = await inserted({ kind: "regions", measure: "value", period: "2023" }, "zh", { ...all, kind: ["actual"] });
    expect(t().headers).toEqual(["地区", "年份", "类型", "地区生产总值(亿元)", "社会消费品零售总额(亿元)", "行键"]);
    expect(t().values).toEqual([
      ["廉江市", "2023", "实际", 520.8, "", "廉江市|2023|actual"],
      ["雷州市", "2023", "实际", 386.42, 210.3, "雷州市|2023|actual"],
    ]);
    addNote(x, name, { "雷州市|2023|actual": "核对过", "廉江市|2023|actual": "待核" });
    // 廉江市's report is withdrawn: its row goes, its note to the removed-notes sheet; 雷州市's note stays.
    svc.set(reports(401.23).filter((o) => o.region !== "廉江市"));
    const report = await refresh();
    expect(report.tables[0]).toMatchObject({ status: "refreshed", removed: 1, movedCells: 1 });
    expect(t().values.map((v) => v.slice(0, 6))).toEqual([["雷州市", "2023", "实际", 401.23, 210.3, "雷州市|2023|actual"]]);
    expect(notesOf(x, name)).toEqual({ "雷州市|2023|actual": "核对过" });
  });
});

describe("plan vs result", () => {
  it("sets each target beside its result with the verdict, and refreshes it", async () => {
    const { x, svc, name, t, refresh } = await inserted({ kind: "plan" });
    expect(t().headers).toEqual(["地区", "指标", "年份", "目标", "结果", "单位", "差距", "评价", "目标原文", "结果原文", "行键"]);
    const lz = t().values.find((v) => v[0] === "雷州市")!;
    expect(lz.slice(0, 8)).toEqual(["雷州市", "地区生产总值", "2023", 5, 3.6, "%", -1.4, "未达成"]);
    expect(t().values.find((v) => v[0] === "廉江市")!.slice(3, 8)).toEqual([4, 4.1, "%", 0.1, "达成"]);
    addNote(x, name, { "雷州市|gdp|2023": "受台风影响" });
    svc.set(reports().map((o) => (o.id === "lz23" ? { ...o, growth_pct: 4.6 } : o)));
    const report = await refresh();
    expect(report.tables[0]).toMatchObject({ status: "refreshed" });
    expect(t().values.find((v) => v[0] === "雷州市")!.slice(3, 8)).toEqual([5, 4.6, "%", -0.4, "达成"]);
    expect(notesOf(x, name)).toEqual({ "雷州市|gdp|2023": "受台风影响" });
  });

  it("is built with kit/analysis planVersusResult", () => {
    const g = buildGrid({ kind: "plan" }, reports(), "en");
    expect(g.columns.map((c) => c.header).slice(0, 8)).toEqual(["Region", "Indicator", "Period", "Target", "Result", "Unit", "Gap", "Verdict"]);
    expect(new Set(g.rows.map((r) => r[7]))).toEqual(new Set(["missed", "met"]));
  });
});

describe("the long table", () => {
  it("has the columns the user picked (the id always), in English when asked, and keeps them on refresh", async () => {
    const { x, svc, name, t, refresh } = await inserted({ kind: "long", fields: ["region", "period", "kind", "indicator", "value", "growth_qualifier"] }, "en", { ...all, region: ["雷州市"] });
    expect(t().headers).toEqual(["Region", "Period", "Kind", "Indicator", "Value", "Growth qualifier", "Observation id"]);
    expect(t().values.find((v) => v[6] === "lz23t")!.slice(2, 6)).toEqual(["target", "地区生产总值", "", "about"]);
    addNote(x, name, { lz23: "checked" });
    svc.set(reports(401.23));
    await refresh();
    expect(t().headers).toHaveLength(8);
    expect(t().values.find((v) => v[6] === "lz23")!.slice(4, 5)).toEqual([401.23]);
    expect(notesOf(x, name)).toEqual({ lz23: "checked" });
  });

  it("shows value_std and unit_std when the service has them", () => {
    const plain = buildGrid({ kind: "long", fields: ["value", "value_std", "unit_std"] }, reports(), "zh");
    expect(plain.columns.map((c) => c.key)).toEqual(["value", "id"]);
    const std = reports().map((o) => ({ ...o, value_std: o.value === null ? null : o.value * 1e8, unit_std: "元" }));
    const g = buildGrid({ kind: "long", fields: ["value", "value_std", "unit_std"] }, std, "zh");
    expect(g.columns.map((c) => c.header)).toEqual(["数值", "标准数值", "标准单位", "观测编号"]);
    expect(g.rows[0]!.slice(0, 3)).toEqual([370.1, 37010000000, "元"]);
  });
});
