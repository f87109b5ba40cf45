// Which observation the selected cell shows, against the fake Excel host.
import { describe, expect, it } from "vitest";
import { insertTable } from "../addin/excel/insert.js";
import { lookupOf, observationAtSelection } from "../addin/excel/source.js";
import { FakeExcel, type FakeContext } from "./fakes/excel.js";
import { observation } from "./fakes/observations.js";
import { columnLetters } from "./fakes/model.js";
import { FIELDS } from "../addin/excel/layout.js";

const col = (f: string) => FIELDS.indexOf(f as (typeof FIELDS)[number]);
/** The table starts at C4: column C is index 2. */
const cellAt = (f: string, row: number) => `${columnLetters(2 + col(f))}${row}`;

const ctxOf = (c: FakeContext) => c as unknown as Excel.RequestContext;

async function workbook() {
  const x = new FakeExcel();
  x.select("Sheet1", "C4");
  const rows = [observation({ id: "first", indicator: "地区生产总值" }), observation({ id: "second", indicator: "工业增加值" })];
  const r = await x.run((ctx) => insertTable(ctxOf(ctx), { rows, query: { region: ["雷州市"], indicator: [], period: [], kind: [] }, target: "selection" }));
  return { x, name: r.table };
}
const at = (x: FakeExcel) => x.run((ctx) => observationAtSelection(ctxOf(ctx)));

describe("observationAtSelection", () => {
  it("finds the row's observation id and the column's field", async () => {
    const { x, name } = await workbook();
    const rows = x.table(name).values;
    x.select("Sheet1", cellAt("value", 6)); // C4 is the header, row 6 the second data row
    expect(await at(x)).toEqual({ table: name, id: String(rows[1]![col("id")]), lookup: null, field: "value" });
  });

  it("finds nothing on the header row, outside the table, or on another sheet", async () => {
    const { x } = await workbook();
    for (const [sheet, cell] of [["Sheet1", cellAt("value", 4)], ["Sheet1", "B5"], ["Sheet1", cellAt("value", 7)]] as const) {
      x.select(sheet, cell);
      expect(await at(x), cell).toBeNull();
    }
  });

  it("finds nothing in a table Zhibiao did not load", async () => {
    const x = new FakeExcel();
    await x.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A1:B2").values = [["id", "value"], ["x", 1]];
      s.tables.add("A1:B2", true);
    });
    x.select("Sheet1", "A2");
    expect(await at(x)).toBeNull();
  });

  it("says what a wide layout's cell stands for, for the pane to look up its statement", async () => {
    const x = new FakeExcel();
    x.select("Sheet1", "B2");
    const rows = [observation({ id: "a", period: "2022", value: 370 }), observation({ id: "b", period: "2023", value: 386.42 })];
    const r = await x.run((ctx) => insertTable(ctxOf(ctx), { rows, query: { region: ["雷州市"], indicator: [], period: [], kind: [] }, target: "selection", layout: { kind: "years", measure: "value" } }));
    expect(x.table(r.table).headers).toEqual(["地区", "指标", "类型", "单位", "2022", "2023", "行键"]);
    x.select("Sheet1", "G3"); // the 2023 column of the first row
    expect(await at(x)).toEqual({ table: r.table, id: null, lookup: { region: "雷州市", indicator: "gdp", period: "2023", kind: "actual" }, field: "period:2023" });
    x.select("Sheet1", "C3"); // the indicator's name: no single statement
    expect(await at(x)).toBeNull();
  });

  it("reads row keys and columns of each wide layout", () => {
    expect(lookupOf("regions", "雷州市|2023|actual", "indicator:retail_sales")).toEqual({ region: "雷州市", period: "2023", kind: "actual", indicator: "retail_sales" });
    expect(lookupOf("plan", "湛河区|gdp|2022", "target")).toEqual({ region: "湛河区", indicator: "gdp", period: "2022", kind: "target" });
    expect(lookupOf("plan", "湛河区|gdp|2022", "result")).toMatchObject({ kind: null });
    expect(lookupOf("plan", "湛河区|gdp|2022", "verdict")).toBeNull();
    expect(lookupOf("years", "broken", "period:2023")).toBeNull();
  });
});
