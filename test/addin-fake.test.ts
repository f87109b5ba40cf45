// The fake Excel host enforces the behaviours of real Excel that add-in code gets wrong; these
// tests pin them, so the add-in's tests against the fake can fail the way Excel would.
import { describe, expect, it } from "vitest";
import { FakeExcel, OfficeError, PAYLOAD_LIMIT, type FakeContext } from "./fakes/excel.js";
import { fromR1C1, toR1C1 } from "./fakes/model.js";
import { fakeOfficeHost } from "./fakes/office.js";

const code = (p: Promise<unknown>) => p.then(() => "resolved", (e: OfficeError) => e.code);

describe("the fake Excel host", () => {
  it("leaves a cell unchanged where values hold null, and clears it for an empty string", async () => {
    const x = new FakeExcel();
    await x.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:C1").values = [[1, 2, 3]];
    });
    await x.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:C1").values = [[null, "", 9]];
    });
    expect([x.cell("Sheet1", "A1").value, x.cell("Sheet1", "B1").value, x.cell("Sheet1", "C1").value]).toEqual([1, "", 9]);
  });

  it("throws PropertyNotLoaded for a property not loaded, or loaded but not yet synced", async () => {
    const x = new FakeExcel();
    await x.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
      expect(() => r.values).toThrow(/PropertyNotLoaded|not available/);
      r.load("values");
      expect(() => r.values).toThrow(/not available/);
      await ctx.sync();
      expect(r.values).toEqual([[""]]);
      expect(() => r.address).toThrow(/'address' is not available/);
    });
  });

  it("refuses a request over 5 MB and runs none of it", async () => {
    const x = new FakeExcel();
    const rows = Array.from({ length: 60000 }, (_, i) => [i, "地区生产总值增长百分之三点六，增速居湛江市第三".repeat(2)]);
    const err = await code(
      x.run(async (ctx) => {
        const sheet = ctx.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("E1").values = [["first"]];
        sheet.getRangeByIndexes(0, 0, rows.length, 2).values = rows;
        await ctx.sync();
      }),
    );
    expect(err).toBe("RequestPayloadSizeLimitExceeded");
    expect(x.cell("Sheet1", "E1").value).toBe("");
    expect(x.syncs[0]!.requestBytes).toBeGreaterThan(PAYLOAD_LIMIT);
  });

  it("refuses a response over 5 MB", async () => {
    const x = new FakeExcel();
    const rows = Array.from({ length: 40000 }, () => ["地区生产总值增长百分之三点六，增速居湛江市第三".repeat(2)]);
    for (let s = 0; s < rows.length; s += 10000) {
      await x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRangeByIndexes(s, 0, 10000, 1).values = rows.slice(s, s + 10000);
      });
    }
    const err = await code(
      x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRangeByIndexes(0, 0, rows.length, 1).load("values");
        await ctx.sync();
      }),
    );
    expect(err).toBe("ResponsePayloadSizeLimitExceeded");
  });

  it("reports a missing item at sync, not when the proxy is made", async () => {
    const x = new FakeExcel();
    let made = false;
    const err = await code(
      x.run(async (ctx) => {
        const t = ctx.workbook.tables.getItem("Nope");
        made = true;
        t.load("name");
        await ctx.sync();
      }),
    );
    expect(made).toBe(true);
    expect(err).toBe("ItemNotFound");
  });

  it("counts round trips only for syncs that carry commands", async () => {
    const x = new FakeExcel();
    await x.run(async (ctx) => {
      await ctx.sync();
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
      await ctx.sync();
    });
    expect(x.syncCalls).toBe(3); // two in the batch, one by run at the end
    expect(x.roundTrips()).toBe(1);
  });

  it("refuses values whose shape differs from the range", async () => {
    const x = new FakeExcel();
    const err = await code(
      x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [[1, 2]];
      }),
    );
    expect(err).toBe("InvalidArgument");
  });

  it("turns text starting with = into a formula unless the cell is formatted as text", async () => {
    const x = new FakeExcel();
    await x.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A1").values = [["=1+1"]];
      s.getRange("B1").numberFormat = [["@"]];
      s.getRange("B1").values = [["=1+1"]];
    });
    expect(x.cell("Sheet1", "A1").formula).toBe("=1+1");
    expect(x.cell("Sheet1", "B1")).toMatchObject({ value: "=1+1", formula: null });
  });

  it("breaks formulas that refer to a deleted table and follows a renamed one", async () => {
    const x = new FakeExcel();
    await x.run(async (ctx: FakeContext) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A1:B2").values = [["region", "value"], ["雷州市", 1]];
      const t = s.tables.add(s.getRange("A1:B2"), true);
      t.name = "Sales";
      s.getRange("D1").formulas = [["=SUM(Sales[value])+Sales[[#This Row],[value]]"]];
    });
    x.renameTable("Sales", "Sales2");
    expect(x.cell("Sheet1", "D1").formula).toBe("=SUM(Sales2[value])+Sales2[[#This Row],[value]]");
    x.deleteTable("Sales2");
    expect(x.cell("Sheet1", "D1").formula).toBe("=SUM(#REF!)+#REF!");
  });

  it("refuses table names Excel refuses: cell references, spaces, duplicates", async () => {
    const x = new FakeExcel();
    for (const bad of ["T1", "AB12", "R1C1", "has space", "1st"]) {
      const err = await code(
        x.run(async (ctx) => {
          const s = ctx.workbook.worksheets.getItem("Sheet1");
          s.getRange("A1:A2").values = [["h"], [1]];
          s.tables.add("A1:A2", true).name = bad;
        }),
      );
      expect(err, bad).toBe("InvalidArgument");
      x.deleteTable(x.tableNames()[0]!);
    }
  });

  it("shifts cells and whole tables below an insert, and refuses to split a table", async () => {
    const x = new FakeExcel();
    await x.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A5:B6").values = [["h1", "h2"], [1, 2]];
      s.tables.add("A5:B6", true).name = "Below";
      s.getRange("C1").values = [["beside"]];
      s.getRange("A3:B4").insert("Down");
    });
    expect(x.table("Below").address).toBe("Sheet1!A7:B8");
    expect(x.cell("Sheet1", "C1").value).toBe("beside");
    const err = await code(
      x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A2").insert("Down");
      }),
    );
    expect(err).toBe("InsertDeleteConflict");
  });

  it("keeps cells, tables and settings across save and open, without the old event handlers", async () => {
    const x = new FakeExcel();
    await x.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A1:A2").values = [["h"], [1]];
      s.tables.add("A1:A2", true).name = "Kept";
      ctx.workbook.settings.add("k", { a: [1, 2] });
      ctx.workbook.onSelectionChanged.add(() => undefined);
    });
    expect(x.selectionHandlers.size).toBe(1);
    const y = FakeExcel.open(x.save());
    expect(y.table("Kept").values).toEqual([[1]]);
    expect(y.settings()).toEqual({ k: { a: [1, 2] } });
    expect(y.selectionHandlers.size).toBe(0);
  });

  it("reads and writes formulas in R1C1, relative to each cell, as Excel does", async () => {
    expect(toR1C1('=B4*2+$C$1+SUM(A1:A3)&"B4"', 3, 5)).toBe('=R[0]C[-4]*2+R1C3+SUM(R[-3]C[-5]:R[-1]C[-5])&"B4"'.replace("R[0]", "R"));
    expect(fromR1C1("=RC[-4]*2+R1C3", 7, 5)).toBe("=B8*2+$C$1");
    const x = new FakeExcel();
    await x.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A1:A2").values = [[1], [2]];
      s.getRange("B1").formulas = [["=A1*2"]];
      const r = s.getRange("B1").load("formulasR1C1");
      await ctx.sync();
      s.getRange("B2").formulasR1C1 = r.formulasR1C1;
    });
    expect(x.cell("Sheet1", "B2").formula).toBe("=A2*2");
  });

  it("fails the sync at an injected command: those before it ran, it and those after did not", async () => {
    const x = new FakeExcel();
    x.failOn("values", 2);
    const err = await x
      .run(async (ctx) => {
        const s = ctx.workbook.worksheets.getItem("Sheet1");
        s.getRange("A1").values = [["first"]];
        s.getRange("A2").values = [["second"]];
        s.getRange("A3").values = [["third"]];
      })
      .catch((e: OfficeError) => e.code);
    expect(err).toBe("GeneralException");
    expect(["A1", "A2", "A3"].map((a) => x.cell("Sheet1", a).value)).toEqual(["first", "", ""]);
  });

  it("changes nothing when a delete is refused by any table it would shift", async () => {
    const x = new FakeExcel();
    await x.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("B1:C3").values = [["a", "b"], [1, 2], [3, 4]];
      s.tables.add("B1:C3", true).name = "Within";
      s.getRange("A6:C7").values = [["x", "y", "z"], [1, 2, 3]];
      s.tables.add("A6:C7", true).name = "Wider";
    });
    const before = x.save();
    const err = await x.run(async (ctx) => ctx.workbook.worksheets.getItem("Sheet1").getRange("B3:C3").delete("Up")).catch((e: OfficeError) => e.code);
    expect(err).toBe("InsertDeleteConflict");
    expect(x.save()).toBe(before);
  });

  it("evaluates an associated custom function in a cell, on a full recalculation only", async () => {
    const host = fakeOfficeHost(new FakeExcel());
    let n = 0;
    host.CustomFunctions.associate("COUNT", async () => ++n);
    host.CustomFunctions.associate("FAIL", async () => {
      throw new host.CustomFunctions.Error(host.CustomFunctions.ErrorCode.notAvailable, "没有数据");
    });
    const x = host.excel;
    x.type("Sheet1", "A1", "=ZHIBIAO.COUNT()");
    x.type("Sheet1", "A2", "=ZHIBIAO.FAIL()");
    expect(x.cell("Sheet1", "A1").value).toBe("#BUSY!");
    await x.calculated();
    expect([x.cell("Sheet1", "A1").value, x.cell("Sheet1", "A2").value, x.cellError("Sheet1", "A2")]).toEqual([1, "#N/A", "没有数据"]);
    await x.run(async (ctx) => ctx.application.calculate("Recalculate" as Excel.CalculationType));
    await x.calculated();
    expect(x.cell("Sheet1", "A1").value).toBe(1);
    await x.run(async (ctx) => ctx.application.calculate("Full" as Excel.CalculationType));
    await x.calculated();
    expect(x.cell("Sheet1", "A1").value).toBe(2);
  });
});
