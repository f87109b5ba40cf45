// The worksheet functions =ZHIBIAO.VALUE, SERIES and SOURCE: their logic over a fake service (the
// server's own query code), and in cells of the fake Excel host, which evaluates a formula that
// calls a function associated through CustomFunctions.associate, spills arrays, shows #N/A with
// the message, and re-runs them on a full recalculation only.
import { describe, expect, it } from "vitest";
import type { Client } from "../addin/client.js";
import { createFunctionData } from "../addin/functions/data.js";
import { registerFunctions, type CustomFunctionsHost } from "../addin/functions/functions.js";
import { createFunctions } from "../addin/functions/impl.js";
import { recalculateFunctions } from "../addin/functions/recalc.js";
import { resolvePeriod } from "../addin/functions/resolve.js";
import type { Observation } from "../kit/types.js";
import type { Health, Query } from "../server/api.js";
import { buildTables, facet, filterObservations } from "../server/tables.js";
import { FakeExcel } from "./fakes/excel.js";
import { fakeOfficeHost } from "./fakes/office.js";
import { observation } from "./fakes/observations.js";

const rows = (): Observation[] => [
  observation({ id: "g23", period: "2023", value: 386.42, growth_pct: 3.6, rank: 3 }),
  observation({ id: "g22", period: "2022", value: 370.1, growth_pct: 2.1, rank: 4, quote: "2022年全市生产总值370.1亿元" }),
  observation({ id: "g21", period: "2021", value: 355, growth_pct: 8, rank: null, rank_scope: null }),
  observation({ id: "g24t", period: "2024", kind: "target", value: null, growth_pct: 5, growth_qualifier: "about", rank: null, rank_scope: null, target_text: "增长5%左右" }),
  observation({ id: "gh1", period: "2024", period_part: "H1", value: 190.5, growth_pct: 4.2, rank: null, rank_scope: null }),
  observation({ id: "r23", period: "2023", indicator: "社会消费品零售总额", indicator_id: "retail_sales", value: 210.3, growth_pct: 5.5, rank: null, rank_scope: null }),
  observation({ id: "l23", region: "廉江市", period: "2023", value: 520.8 }),
  observation({ id: "lk23", region: "廉江经济开发区", period: "2023", value: 80 }),
];

/** A client over the server's own query code, with a generation that moves when the rows change. */
function fakeService(initial: Observation[]) {
  let data = initial;
  let generation = 1;
  let fetches = 0;
  const tables = () => buildTables([{ documents: [], observations: data, mentions: [] }], []);
  const client: Pick<Client, "facet" | "observations" | "health"> = {
    health: async () => ({ generation }) as Health,
    facet: async (dim, q: Query) => facet(tables(), q, dim),
    observations: async (q) => {
      fetches++;
      return filterObservations(tables(), q);
    },
  };
  return {
    client,
    set(next: Observation[]) {
      data = next;
      generation++;
    },
    fetches: () => fetches,
    generation: () => generation,
  };
}

function workbook(initial = rows()) {
  const svc = fakeService(initial);
  const host = fakeOfficeHost(new FakeExcel());
  const data = createFunctionData(svc.client);
  registerFunctions(host.CustomFunctions as unknown as CustomFunctionsHost, createFunctions(data));
  const x = host.excel;
  const put = async (address: string, formula: string | number) => {
    x.type("Sheet1", address, formula);
    await x.calculated();
    return x.cell("Sheet1", address).value;
  };
  return { x, svc, data, put };
}

describe("=ZHIBIAO.VALUE", () => {
  it("shows 雷州市's 2023 GDP, whatever name, alias or id the indicator is given by", async () => {
    const { put } = workbook();
    expect(await put("A1", '=ZHIBIAO.VALUE("雷州市","GDP",2023)')).toBe(386.42);
    expect(await put("A2", '=ZHIBIAO.VALUE("雷州市","gdp","2023")')).toBe(386.42);
    expect(await put("A3", '=ZHIBIAO.VALUE("雷州市","地区生产总值",2023)')).toBe(386.42);
    expect(await put("A4", '=ZHIBIAO.VALUE("雷州市","社零",2023)')).toBe(210.3);
    expect(await put("A5", '=ZHIBIAO.VALUE("雷州","GDP","2023年")')).toBe(386.42); // a unique start of a region's name
  });

  it("reads its arguments from cells", async () => {
    const { x, put } = workbook();
    x.type("Sheet1", "B1", "雷州市");
    x.type("Sheet1", "B2", "GDP");
    x.type("Sheet1", "B3", 2022);
    expect(await put("A1", "=ZHIBIAO.VALUE(B1,B2,B3)")).toBe(370.1);
    expect(await put("A2", '=ZHIBIAO.VALUE(B1,B2,B3,,"growth")')).toBe(2.1);
  });

  it("gives the field asked for, and the kind asked for", async () => {
    const { put } = workbook();
    expect(await put("A1", '=ZHIBIAO.VALUE("雷州市","GDP",2023,,"rank")')).toBe(3);
    expect(await put("A2", '=ZHIBIAO.VALUE("雷州市","GDP",2023,,"unit")')).toBe("亿元");
    expect(await put("A3", '=ZHIBIAO.VALUE("雷州市","GDP",2024,"目标","growth")')).toBe(5);
    expect(await put("A4", '=ZHIBIAO.VALUE("雷州市","GDP",2024,"target","target")')).toBe("增长5%左右");
    expect(await put("A5", '=ZHIBIAO.VALUE("雷州市","GDP",2024,"target","qualifier")')).toBe("about");
    expect(await put("A6", '=ZHIBIAO.VALUE("雷州市","GDP","2024H1")')).toBe(190.5);
  });

  it("answers a wrong or unclear argument with #N/A and a message, never a crash", async () => {
    const { x, put } = workbook();
    const cases: [string, string][] = [
      ['=ZHIBIAO.VALUE("火星市","GDP",2023)', "没有这个地区：火星市"],
      ['=ZHIBIAO.VALUE("廉江","GDP",2023)', "地区不明确：廉江（可能是 廉江市、廉江经济开发区）"],
      ['=ZHIBIAO.VALUE("雷州市","幸福指数",2023)', "没有这个指标：幸福指数"],
      ['=ZHIBIAO.VALUE("雷州市","总",2023)', "指标不明确：总（可能是 地区生产总值、社会消费品零售总额）"],
      ['=ZHIBIAO.VALUE("雷州市","GDP","去年")', '期间应写作 2023、"2023" 或 "2024H1"：去年'],
      ['=ZHIBIAO.VALUE("雷州市","GDP",2023,"猜测")', "类型应为 实际、预计 或 目标（actual、estimate、target）：猜测"],
      ['=ZHIBIAO.VALUE("雷州市","GDP",2023,,"colour")', "没有这个字段：colour（可用 value、growth、target、rank、unit、qualifier…）"],
      ['=ZHIBIAO.VALUE("雷州市","GDP",2019)', "没有数据：雷州市 地区生产总值 2019"],
      ['=ZHIBIAO.VALUE("雷州市","GDP",2021,,"rank")', "雷州市 地区生产总值 2021 没有排名"],
    ];
    for (const [i, [formula, message]] of cases.entries()) {
      expect(await put(`A${i + 1}`, formula), formula).toBe("#N/A");
      expect(x.cellError("Sheet1", `A${i + 1}`), formula).toBe(message);
    }
  });

  it("says the service is down in the cell, and works once it is back", async () => {
    const { x, svc, put } = workbook();
    const health = svc.client.health;
    svc.client.health = async () => {
      throw new Error("fetch failed");
    };
    expect(await put("A1", '=ZHIBIAO.VALUE("雷州市","GDP",2023)')).toBe("#N/A");
    expect(x.cellError("Sheet1", "A1")).toMatch(/^无法连接 Zhibiao 服务/);
    svc.client.health = health;
    expect(await put("A2", '=ZHIBIAO.VALUE("雷州市","GDP",2023)')).toBe(386.42);
  });

  it("asks the service once per region and indicator, however many cells use them", async () => {
    const { svc, put } = workbook();
    for (let i = 1; i <= 10; i++) await put(`A${i}`, `=ZHIBIAO.VALUE("雷州市","GDP",${2020 + (i % 4)})`);
    expect(svc.fetches()).toBe(1);
  });
});

describe("=ZHIBIAO.SERIES and =ZHIBIAO.SOURCE", () => {
  it("spills a series: years down, values beside", async () => {
    const { x, put } = workbook();
    await put("C3", '=ZHIBIAO.SERIES("雷州市","GDP")');
    const grid = [3, 4, 5].map((r) => [x.cell("Sheet1", `C${r}`).value, x.cell("Sheet1", `D${r}`).value]);
    expect(grid).toEqual([
      [2021, 355],
      [2022, 370.1],
      [2023, 386.42],
    ]);
    expect(x.cell("Sheet1", "C6").value).toBe(""); // the 2024 target is no result; the half year is no year
    await put("F1", '=ZHIBIAO.SERIES("雷州市","GDP",2022,2022)');
    expect([x.cell("Sheet1", "F1").value, x.cell("Sheet1", "G1").value, x.cell("Sheet1", "F2").value]).toEqual([2022, 370.1, ""]);
  });

  it("quotes the sentence a number comes from", async () => {
    const { put } = workbook();
    expect(await put("A1", '=ZHIBIAO.SOURCE("雷州市","GDP",2022)')).toBe("2022年全市生产总值370.1亿元");
  });

  it("accepts periods as numbers or text", () => {
    expect([2023, "2023", "2024h1", "2016-2020", " 2023年"].map((p) => resolvePeriod(p))).toEqual(["2023", "2023", "2024H1", "2016-2020", "2023"].map((value) => ({ ok: true, value })));
    expect(resolvePeriod("23").ok).toBe(false);
  });
});

describe("recalculation on Refresh", () => {
  it("shows the new value after the reports change and Refresh recalculates; nothing when they did not change", async () => {
    const { x, svc, data, put } = workbook();
    expect(await put("A1", '=ZHIBIAO.VALUE("雷州市","GDP",2023)')).toBe(386.42);
    // Nothing changed: Refresh leaves the formulas alone.
    expect(await x.run((ctx) => recalculateFunctions(ctx as unknown as Excel.RequestContext, data, svc.generation()))).toBe(false);
    svc.set(rows().map((o) => (o.id === "g23" ? { ...o, value: 401.23 } : o)));
    // A plain recalculation does not re-run a custom function (it is not volatile) …
    await x.run(async (ctx) => ctx.application.calculate("Recalculate" as Excel.CalculationType));
    await x.calculated();
    expect(x.cell("Sheet1", "A1").value).toBe(386.42);
    // … Refresh asks for a full one, with the kept data dropped.
    expect(await x.run((ctx) => recalculateFunctions(ctx as unknown as Excel.RequestContext, data, svc.generation()))).toBe(true);
    await x.calculated();
    expect(x.cell("Sheet1", "A1").value).toBe(401.23);
  });
});
