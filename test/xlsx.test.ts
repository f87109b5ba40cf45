// The workbook written from the seeds, read back with exceljs (cells, types, formats, notes,
// tables) and as XML with jszip (what exceljs does not read: in-workbook links, table styles).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { extractPaths } from "../kit/index.js";
import type { BatchResult, Observation } from "../kit/types.js";
import { writeWorkbook } from "../export/xlsx.js";
import { DOCUMENT_COLUMNS, MENTION_COLUMNS, OBSERVATION_COLUMNS } from "../export/csv.js";
import { displayWidth } from "../export/xlsx/format.js";
import { columnLetters } from "./fakes/model.js";

/** The observations sheet's last column. */
const LAST = columnLetters(OBSERVATION_COLUMNS.length - 1);

const root = path.resolve(import.meta.dirname, "..");
const SHEETS = ["指标 Observations", "来源 Mentions", "文档 Documents", "对比 Compare", "冲突 Conflicts", "计划与实际 Plan vs result", "序列 Series"];
const CONFLICT_FILL = "FFFFC7CE";

let dir: string;
let result: BatchResult;
let wb: ExcelJS.Workbook;
let zip: JSZip;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-xlsx-"));
  writeFileSync(path.join(dir, "empty.txt"), ""); // a failure for the Documents sheet
  // A report whose text and annex table disagree: a conflict to highlight and list.
  writeFileSync(
    path.join(dir, "conflict.txt"),
    "关于雷州市2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n\n一、2023年计划执行情况\n\n全市完成地区生产总值 386.42 亿元、增长 3.6%。\n\n指标名称\t2023年完成情况\t\n\t绝对值\t增长(%)\n地区生产总值(亿元)\t386.50\t3.6\n",
  );
  result = await extractPaths([path.join(root, "seeds"), path.join(dir, "empty.txt"), path.join(dir, "conflict.txt")]);
  const file = path.join(dir, "seeds.xlsx");
  await writeWorkbook(result, file);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  zip = await JSZip.loadAsync(readFileSync(file));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sheet(name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** The XML of a sheet's part, found through workbook.xml and its relationships as a reader would. */
async function sheetXml(name: string): Promise<string> {
  const book = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const rid = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="(rId\\d+)"`).exec(book)?.[1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1];
  if (!target) throw new Error(`no part for sheet ${name}`);
  return zip.file(path.posix.join("xl", target))!.async("string");
}

function unescape(s: string): string {
  return s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** cell → [sheet, cell] of its in-workbook hyperlink. */
async function links(name: string): Promise<Map<string, [string, string]>> {
  const xml = await sheetXml(name);
  const out = new Map<string, [string, string]>();
  for (const m of xml.matchAll(/<hyperlink ref="([A-Z]+\d+)" location="([^"]+)"/g)) {
    const loc = /^'(.*)'!([A-Z]+\d+)$/.exec(unescape(m[2]!));
    if (loc) out.set(m[1]!, [loc[1]!.replace(/''/g, "'"), loc[2]!]);
  }
  return out;
}

function headers(ws: ExcelJS.Worksheet, row = 1): string[] {
  return (ws.getRow(row).values as unknown[]).slice(1).map(String);
}

function column(ws: ExcelJS.Worksheet, key: string): number {
  const i = headers(ws).indexOf(key);
  if (i < 0) throw new Error(`no column ${key} in ${ws.name}`);
  return i + 1;
}

function noteText(cell: ExcelJS.Cell): string {
  const note = cell.note as string | ExcelJS.Comment | undefined;
  if (!note) return "";
  return typeof note === "string" ? note : (note.texts ?? []).map((t) => t.text).join("");
}

function findObservationRow(ws: ExcelJS.Worksheet, match: Partial<Observation>): ExcelJS.Row {
  const keys = Object.keys(match) as (keyof Observation)[];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (keys.every((k) => row.getCell(column(ws, k)).value === match[k])) return row;
  }
  throw new Error(`no row ${JSON.stringify(match)}`);
}

describe("the workbook from the seeds", () => {
  it("has the issue's sheets, in order", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(SHEETS);
  });

  it("makes each table sheet a named Excel table with a header row, filter buttons and banded rows", async () => {
    const expected: [string, string, readonly string[], number][] = [
      ["指标 Observations", "Observations", OBSERVATION_COLUMNS, result.observations.length],
      ["来源 Mentions", "Mentions", MENTION_COLUMNS, result.mentions.length],
      ["文档 Documents", "Documents", [...DOCUMENT_COLUMNS, "failures", "failure_code", "failure_message"], result.documents.length + result.failures.length],
    ];
    for (const [name, table, cols, rows] of expected) {
      const ws = sheet(name);
      const t = ws.getTable(table) as unknown as { table: { name: string; tableRef: string; columns: { name: string }[] } };
      expect(t.table.name).toBe(table);
      expect(t.table.columns.map((c) => c.name)).toEqual([...cols]);
      expect(headers(ws)).toEqual([...cols]);
      expect(t.table.tableRef).toMatch(new RegExp(`^A1:[A-Z]+${rows + 1}$`));
      expect(ws.rowCount).toBe(rows + 1);
    }
    const conflicts = sheet("冲突 Conflicts").getTable("Conflicts") as unknown as { table: { name: string } };
    expect(conflicts.table.name).toBe("Conflicts");

    const tableXml = await zip.file("xl/tables/table1.xml")!.async("string");
    expect(tableXml).toContain('name="Observations"');
    expect(tableXml).toMatch(new RegExp(`<autoFilter ref="A1:${LAST}\\d+"/>`)); // the filter buttons
    expect(tableXml).toMatch(/<tableStyleInfo name="TableStyleMedium2"[^>]*showRowStripes="1"/); // banded
    expect(await sheetXml("指标 Observations")).toMatch(/<tableParts count="1"><tablePart r:id="rId\d+"\/><\/tableParts><\/worksheet>$/);
  });

  it("writes each sheet's parts in the order the schema requires (Excel repairs files that do not)", async () => {
    const order = ["<sheetViews>", "<cols>", "<sheetData>", "</sheetData>", "<hyperlinks>", "<pageMargins", "<ignoredErrors>", "<legacyDrawing", "<tableParts"];
    const xml = await sheetXml("指标 Observations");
    const at = order.map((tag) => xml.indexOf(tag));
    expect(at.every((i) => i >= 0), JSON.stringify(Object.fromEntries(order.map((t, i) => [t, at[i]])))).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(xml).toMatch(new RegExp(`<ignoredError sqref="A1:${LAST}\\d+" numberStoredAsText="1"/>`));
  });

  it("freezes the header row of every sheet", () => {
    for (const name of SHEETS) {
      const view = sheet(name).views[0] as ExcelJS.WorksheetViewFrozen;
      expect(view.state).toBe("frozen");
      expect(view.ySplit).toBe(name === "对比 Compare" ? 2 : 1);
    }
  });

  it("stores 雷州市 2023 地区生产总值 as the number 386.42 with growth 3.6, rank 3, in a CJK font", () => {
    const ws = sheet("指标 Observations");
    const row = findObservationRow(ws, { region: "雷州市", period: "2023", kind: "actual", indicator_id: "gdp" });
    const value = row.getCell(column(ws, "value"));
    const growth = row.getCell(column(ws, "growth_pct"));
    const rank = row.getCell(column(ws, "rank"));
    expect(value.type).toBe(ExcelJS.ValueType.Number);
    expect(value.value).toBe(386.42);
    expect(value.numFmt).toBe("#,##0.00");
    expect(row.getCell(column(ws, "unit")).value).toBe("亿元");
    expect(growth.type).toBe(ExcelJS.ValueType.Number);
    expect(growth.value).toBe(3.6);
    expect(growth.numFmt).toBe("0.0#");
    expect(rank.value).toBe(3);
    expect(rank.numFmt).toBe("0");
    expect(row.getCell(column(ws, "conflict")).value).toBe(false);
    expect(row.getCell(column(ws, "rank_scope")).value).toBe("湛江市");
    expect(value.font.name).toBe("等线");
    expect(value.font.charset).toBe(134);
    expect(noteText(value).split("\n")[0]).toBe("全市完成地区生产总值 386.42 亿元、增长 3.6%，增速居湛江市第三");
  });

  it("puts a note quoting its source on every observation's value cell", () => {
    const ws = sheet("指标 Observations");
    const valueCol = column(ws, "value");
    const squeeze = (s: string) => s.replace(/\s/g, "");
    result.observations.forEach((o, i) => {
      const lines = noteText(ws.getRow(i + 2).getCell(valueCol)).split("\n");
      // The quote's own line breaks (PDF text) are joined in the note; its characters are all there.
      expect(squeeze(lines[o.conflict ? 1 : 0]!), o.id).toBe(squeeze(o.quote));
      expect(lines[o.conflict ? 2 : 1]!.startsWith(`—— ${o.doc}`), o.id).toBe(true);
    });
  });

  it("formats values with the decimals they were written with", () => {
    const ws = sheet("指标 Observations");
    const valueCol = column(ws, "value");
    result.observations.forEach((o, i) => {
      const cell = ws.getRow(i + 2).getCell(valueCol);
      if (o.value === null) return expect(cell.value).toBeNull();
      const decimals = String(o.value).split(".")[1]?.length ?? 0;
      expect(cell.value).toBe(o.value);
      expect(cell.numFmt).toBe(decimals ? `#,##0.${"0".repeat(decimals)}` : "#,##0");
    });
  });

  it("links each observation to its mentions and each mention back", async () => {
    const obsWs = sheet("指标 Observations");
    const menWs = sheet("来源 Mentions");
    const toMentions = await links("指标 Observations");
    const toObservations = await links("来源 Mentions");
    const idCol = column(obsWs, "id");
    const obsIdCol = column(menWs, "observation_id");
    const withMentions = new Set(result.mentions.map((m) => m.observation_id));
    expect(toMentions.size).toBe(result.observations.filter((o) => withMentions.has(o.id)).length);
    expect(toObservations.size).toBe(result.mentions.length);

    for (let r = 2; r <= obsWs.rowCount; r++) {
      const id = obsWs.getRow(r).getCell(idCol).value as string;
      const link = toMentions.get(`A${r}`);
      if (!withMentions.has(id)) continue;
      expect(link?.[0]).toBe("来源 Mentions");
      // The link lands on the first of the observation's mentions; they are grouped.
      const target = menWs.getCell(link![1]);
      expect(target.value).toBe(id);
      expect(menWs.getRow(Number(target.row) - 1).getCell(obsIdCol).value).not.toBe(id);
    }
    for (const [ref, [toSheet, toRef]] of toObservations) {
      expect(toSheet).toBe("指标 Observations");
      expect(obsWs.getCell(toRef).value).toBe(menWs.getCell(ref).value);
    }
    // The link cells look like links.
    expect(obsWs.getCell("A2").font.underline).toBe(true);
  });

  it("highlights conflicting observations and lists their mentions side by side", async () => {
    const conflicting = result.observations.filter((o) => o.conflict);
    expect(conflicting.map((o) => [o.doc, o.indicator_id, o.value])).toEqual([["conflict.txt", "gdp", 386.5]]);
    const ws = sheet("指标 Observations");
    const conflictCol = column(ws, "conflict");
    result.observations.forEach((o, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(conflictCol).value).toBe(o.conflict);
      const fill = row.getCell(1).fill as ExcelJS.FillPattern | undefined;
      expect(fill?.fgColor?.argb === CONFLICT_FILL, o.id).toBe(o.conflict);
    });

    const list = sheet("冲突 Conflicts");
    const ids = new Set(conflicting.map((o) => o.id));
    const expected = result.mentions.filter((m) => ids.has(m.observation_id));
    expect(list.rowCount - 1).toBe(expected.length);
    const quotes = new Set<string>();
    const toObservations = await links("冲突 Conflicts");
    for (let r = 2; r <= list.rowCount; r++) {
      const row = list.getRow(r);
      const id = row.getCell(column(list, "observation_id")).value as string;
      expect(ids.has(id)).toBe(true);
      quotes.add(row.getCell(column(list, "quote")).value as string);
      expect(ws.getCell(toObservations.get(`A${r}`)![1]).value).toBe(id);
    }
    expect(quotes).toEqual(new Set(expected.map((m) => m.quote)));
  });

  it("lists every document, with counts, and every file that failed", () => {
    const ws = sheet("文档 Documents");
    const at = (k: string) => column(ws, k);
    const rows = Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getRow(i + 2));
    const failed = rows.filter((r) => r.getCell(at("failures")).value === 1);
    expect(failed.map((r) => [r.getCell(at("doc")).value, r.getCell(at("failure_code")).value])).toEqual([["empty.txt", "empty"]]);
    const leizhou = rows.find((r) => r.getCell(at("doc")).value === "000_b3806004d9469c12.txt")!;
    const doc = result.documents.find((d) => d.doc === "000_b3806004d9469c12.txt")!;
    expect(leizhou.getCell(at("region")).value).toBe("雷州市");
    expect(leizhou.getCell(at("type")).value).toBe("plan_report");
    expect(leizhou.getCell(at("report_period")).value).toBe("2023");
    expect(leizhou.getCell(at("plan_period")).value).toBe("2024");
    expect(leizhou.getCell(at("observations")).value).toBe(doc.observations);
    expect(leizhou.getCell(at("observations")).type).toBe(ExcelJS.ValueType.Number);
    expect(rows.filter((r) => (r.getCell(at("conflicts")).value as number) > 0).every((r) => (r.getCell(1).fill as ExcelJS.FillPattern)?.fgColor?.argb === CONFLICT_FILL)).toBe(true);
  });

  it("compares regions on headline indicators: latest result and next target, as plain values", async () => {
    const ws = sheet("对比 Compare");
    const second = headers(ws, 2);
    expect(second.slice(0, 2)).toEqual(["地区 region", "上级 parent"]);
    // Row 1 names the indicator over its measures, merged.
    const gdpCol = (ws.getRow(1).values as unknown[]).indexOf("地区生产总值");
    expect(gdpCol).toBe(3);
    expect(await sheetXml("对比 Compare")).toMatch(/<mergeCell ref="C1:[A-Z]+1"\/>/);
    expect(second.slice(2, 7)).toEqual(["年份", "实际", "增长%", "目标年份", "目标增长%"]);

    const row = Array.from({ length: ws.rowCount - 2 }, (_, i) => ws.getRow(i + 3)).find((r) => r.getCell(1).value === "雷州市")!;
    expect(row.getCell(2).value).toBe("湛江市");
    expect(row.getCell(3).value).toBe("2023");
    expect(row.getCell(4).value).toBe(386.42);
    expect(row.getCell(4).numFmt).toBe('#,##0.00" 亿元"');
    expect(row.getCell(5).value).toBe(3.6);
    expect(row.getCell(6).value).toBe("2024");
    expect(row.getCell(7).value).toBe(5);
    expect(row.getCell(7).numFmt).toBe('0.0#"左右"');
    // An estimate-only region says so.
    const quangang = Array.from({ length: ws.rowCount - 2 }, (_, i) => ws.getRow(i + 3)).find((r) => r.getCell(1).value === "泉港区")!;
    expect(quangang.getCell(3).value).toBe("2023 预计");
    expect(quangang.getCell(4).value).toBe(623.68);
    // Filter buttons on the measure row, and no pivot cache anywhere.
    expect(ws.autoFilter).toMatch(/^A2:[A-Z]+\d+$/);
    expect(Object.keys(zip.files).some((f) => f.includes("pivot"))).toBe(false);
  });

  it("sizes columns to their Chinese text, within bounds", () => {
    const ws = sheet("指标 Observations");
    const width = (k: string) => ws.getColumn(column(ws, k)).width!;
    const longestRegion = Math.max(...result.observations.map((o) => displayWidth(o.region)));
    expect(width("region")).toBeGreaterThanOrEqual(longestRegion);
    expect(width("region")).toBeLessThanOrEqual(Math.ceil(longestRegion * 1.1) + 2);
    expect(width("quote")).toBe(70); // quotes are long: capped
    expect(width("kind")).toBeLessThan(width("region"));
  });

  it("declares its font with the Chinese charset, so a missing 等线 falls back to a Chinese font", async () => {
    const styles = await zip.file("xl/styles.xml")!.async("string");
    const fonts = [...styles.matchAll(/<font>(.*?)<\/font>/g)].map((m) => m[1]!);
    const cjk = fonts.filter((f) => f.includes('<name val="等线"/>'));
    expect(cjk.length).toBeGreaterThanOrEqual(2); // body and header (bold) at least
    for (const f of cjk) expect(f).toContain('<charset val="134"/>');
  });
});
