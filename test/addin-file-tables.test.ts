// Tables loaded from a report dropped into the pane, against the fake Excel host: they remember
// their file; Refresh all asks the service nothing for them and says so; the same file dropped
// again rewrites its table in place. Also the pane's pure helpers for dropped files.
import { describe, expect, it } from "vitest";
import { insertTable } from "../addin/excel/insert.js";
import { FIELDS } from "../addin/excel/layout.js";
import { loadSettings, parseRemembered, rememberedIn } from "../addin/excel/memory.js";
import { refreshAll, refreshFileTable, type FetchRows } from "../addin/excel/refresh.js";
import { failureText, mainRegion, orderRows } from "../addin/pane/drop.js";
import { describeRefresh, sayer } from "../addin/pane/messages.js";
import { localMentions, LocalReports, type LocalReport } from "../addin/pane/sources.js";
import { extractText } from "../kit/core.js";
import type { Query } from "../server/api.js";
import { FakeExcel, type FakeContext } from "./fakes/excel.js";
import { observation } from "./fakes/observations.js";

const ctxOf = (c: FakeContext) => c as unknown as Excel.RequestContext;
const q = (region: string): Query => ({ region: [region], indicator: [], period: [], kind: [] });
const col = (f: string) => FIELDS.indexOf(f as (typeof FIELDS)[number]);

describe("a table from a dropped file", () => {
  it("is remembered with its file, left alone by Refresh all (the service is not even asked), and described so", async () => {
    const x = new FakeExcel();
    x.select("Sheet1", "A1");
    const rows = [observation({ id: "a", value: 100 })];
    await x.run((ctx) => insertTable(ctxOf(ctx), { rows, query: q("雷州市"), target: "selection", file: "report.pdf" }));
    const remembered = await x.run(async (ctx) => {
      const s = loadSettings(ctxOf(ctx));
      await ctx.sync();
      return rememberedIn(s);
    });
    expect(remembered.map((r) => [r.table, r.file])).toEqual([["指标_雷州市", "report.pdf"]]);

    const asked: Query[] = [];
    const fetch: FetchRows = async (query) => {
      asked.push(query);
      throw new Error("fetch failed: connect ECONNREFUSED");
    };
    const report = await x.run((ctx) => refreshAll(ctxOf(ctx), fetch));
    expect(asked).toEqual([]);
    expect(report).toMatchObject({ serviceError: null, tables: [{ table: "指标_雷州市", status: "file", file: "report.pdf" }] });
    expect(describeRefresh(report, sayer("zh"))).toEqual({
      summary: "1 个表来自拖入的文件（不从服务刷新）",
      details: ["表 指标_雷州市 来自文件 report.pdf，不从服务刷新：再次拖入该文件即可更新"],
      problem: false,
    });
    expect(x.table("指标_雷州市").values[0]![col("value")]).toBe(100);
  });

  it("is rewritten in place when the same file is dropped again; another file's name finds nothing", async () => {
    const x = new FakeExcel();
    x.select("Sheet1", "B2");
    await x.run((ctx) => insertTable(ctxOf(ctx), { rows: [observation({ id: "a", value: 100 })], query: q("雷州市"), target: "selection", file: "report.pdf" }));
    const address = x.table("指标_雷州市").address;
    const next = [observation({ id: "a", value: 101 }), observation({ id: "b", indicator: "工业增加值", value: 7 })];
    const outcome = await x.run((ctx) => refreshFileTable(ctxOf(ctx), "report.pdf", next));
    expect(outcome).toMatchObject({ status: "refreshed", rows: 2, changed: 1, added: 1 });
    expect(x.table("指标_雷州市").values.map((r) => r[col("value")])).toEqual([101, 7]);
    expect(x.table("指标_雷州市").address).not.toBe(address);
    expect(await x.run((ctx) => refreshFileTable(ctxOf(ctx), "other.pdf", next))).toBeNull();
  });

  it("keeps the file through the settings' round trip, and a service table has none", () => {
    const base = { table: "t", tableId: "1", query: q("x"), fields: ["id"], insertedAt: "", refreshedAt: null };
    expect(parseRemembered(JSON.stringify({ ...base, file: "a.docx" }))?.file).toBe("a.docx");
    expect(parseRemembered(JSON.stringify(base))?.file).toBeNull();
  });
});

describe("the pane's helpers for dropped files", () => {
  const text = "雷州市2023年国民经济和社会发展计划执行情况的报告\n\n2023年，全市完成地区生产总值386.42亿元、增长3.6%，固定资产投资97.45亿元、增长5.1%，社会消费品零售总额194.58亿元、增长7.2%。";
  const result = extractText(text, { name: "r.txt" });
  const report: LocalReport = { name: "r.txt", result, text, format: "text", pageStarts: null };

  it("names the table after the report's region and orders rows as the service does", () => {
    expect(mainRegion(report)).toBe("雷州市");
    const ordered = orderRows(result.observations).map((o) => o.indicator);
    expect(ordered).toEqual([...ordered].sort());
  });

  it("finds a dropped report's mentions with their document, and its reading text", () => {
    const gdp = result.observations.find((o) => o.indicator_id === "gdp")!;
    const m = localMentions(report, gdp.id)!;
    expect(m.observation.value).toBe(386.42);
    expect(m.mentions[0]).toMatchObject({ doc: "r.txt", document_region: "雷州市", from_table: false });
    expect(text.slice(m.mentions[0]!.start, m.mentions[0]!.end)).toBe(m.mentions[0]!.quote);
    const local = new LocalReports();
    local.add(report);
    expect(local.mentions(gdp.id)?.observation.id).toBe(gdp.id);
    expect(local.mentions("nope")).toBeNull();
    expect(local.text("r.txt")?.text).toBe(text);
  });

  it("says the kit's failures in the pane's language", () => {
    expect(failureText("encrypted", "the PDF asks for a password to open", "zh")).toBe("文件有密码保护，请去掉密码后再试");
    expect(failureText("no_text_layer", "1 page, all images", "zh")).toBe("没有文字层。这是扫描件，请先做文字识别（OCR），本工具不从图片猜测文字");
    // A detail the Chinese message cannot do without is kept.
    expect(failureText("unsupported_format", "save it as .docx", "zh")).toBe("无法读取：save it as .docx");
    expect(failureText("no_text_layer", "1 page, all images", "en")).toMatch(/^has no text layer: 1 page, all images/);
  });
});
