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
import { displayWidth } from "../export/xlsx/format.js";
import { DOCUMENT_SHEET_COLUMNS, MENTION_SHEET_COLUMNS, OBSERVATION_SHEET_COLUMNS } from "../export/xlsx/spec.js";
import { fieldLabel, type Lang } from "../kit/lexicon/labels.js";
import { columnLetters } from "./fakes/model.js";

/** The observations sheet's last column. */
const LAST = columnLetters(OBSERVATION_SHEET_COLUMNS.length - 1);

const root = path.resolve(import.meta.dirname, "..");
/** Sheet names in Chinese, the workbook's default language. */
const OBS = "指标";
const MEN = "来源";
const DOCS = "文档";
const CMP = "对比";
const CON = "冲突";
const SHEETS = [OBS, MEN, DOCS, CMP, CON, "计划与实际", "序列"];
const labels = (keys: readonly string[], lang: Lang = "zh") => keys.map((k) => fieldLabel(k, lang));
const CONFLICT_FILL = "FFFFC7CE";

let dir: string;
let result: BatchResult;
let wb: ExcelJS.Workbook;
let zip: JSZip;
let en: ExcelJS.Workbook;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-xlsx-"));
  writeFileSync(path.join(dir, "empty.txt"), ""); // a failure for the Documents sheet
  // A report whose text and annex table disagree: a conflict to highlight and list.
  writeFileSync(
    path.join(dir, "conflict.txt"),
    "关于雷州市2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n\n一、2023年计划执行情况\n\n全市完成地区生产总值 386.42 亿元、增长 3.6%。\n\n指标名称\t2023年完成情况\t\n\t绝对值\t增长(%)\n地区生产总值(亿元)\t386.50\t3.6\n",
  );
  // Figures in units the standard differs from: 万元 beside the seeds' 亿元, 亿美元 (another
  // currency), 万人 for 人, and 万人 for visitors counted in 人次 (cannot be harmonised).
  writeFileSync(
    path.join(dir, "mixed.txt"),
    "关于遂溪县2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n\n一、2023年计划执行情况\n\n全县完成地区生产总值 5000 万元、增长 3.1%。外贸进出口总额 1.2 亿美元，增长 5%。城镇新增就业 3.2 万人。全年接待游客 50 万人。\n",
  );
  result = await extractPaths([path.join(root, "seeds"), path.join(dir, "empty.txt"), path.join(dir, "conflict.txt"), path.join(dir, "mixed.txt")]);
  const file = path.join(dir, "seeds.xlsx");
  await writeWorkbook(result, file);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  zip = await JSZip.loadAsync(readFileSync(file));
  const enFile = path.join(dir, "seeds-en.xlsx");
  await writeWorkbook(result, enFile, { lang: "en" });
  en = new ExcelJS.Workbook();
  await en.xlsx.readFile(enFile);
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

/** The column of a field, found by its header text (its Chinese label). */
function column(ws: ExcelJS.Worksheet, key: string, lang: Lang = "zh"): number {
  const i = headers(ws).indexOf(fieldLabel(key, lang));
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
      [OBS, "Observations", labels(OBSERVATION_SHEET_COLUMNS), result.observations.length],
      [MEN, "Mentions", labels(MENTION_SHEET_COLUMNS), result.mentions.length],
      [DOCS, "Documents", labels(DOCUMENT_SHEET_COLUMNS), result.documents.length + result.failures.length],
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
    const conflicts = sheet(CON).getTable("Conflicts") as unknown as { table: { name: string } };
    expect(conflicts.table.name).toBe("Conflicts");

    const tableXml = await zip.file("xl/tables/table1.xml")!.async("string");
    expect(tableXml).toContain('name="Observations"');
    expect(tableXml).toMatch(new RegExp(`<autoFilter ref="A1:${LAST}\\d+"/>`)); // the filter buttons
    expect(tableXml).toMatch(/<tableStyleInfo name="TableStyleMedium2"[^>]*showRowStripes="1"/); // banded
    expect(await sheetXml(OBS)).toMatch(/<tableParts count="1"><tablePart r:id="rId\d+"\/><\/tableParts><\/worksheet>$/);
  });

  it("writes each sheet's parts in the order the schema requires (Excel repairs files that do not)", async () => {
    const order = ["<sheetPr>", "<sheetViews>", "<cols>", "<sheetData>", "</sheetData>", "<hyperlinks>", "<pageMargins", "<pageSetup", "<ignoredErrors>", "<legacyDrawing", "<tableParts"];
    const xml = await sheetXml(OBS);
    const at = order.map((tag) => xml.indexOf(tag));
    expect(at.every((i) => i >= 0), JSON.stringify(Object.fromEntries(order.map((t, i) => [t, at[i]])))).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(xml).toMatch(new RegExp(`<ignoredError sqref="A1:${LAST}\\d+" numberStoredAsText="1"/>`));
  });

  it("freezes the header row of every sheet", () => {
    for (const name of SHEETS) {
      const view = sheet(name).views[0] as ExcelJS.WorksheetViewFrozen;
      expect(view.state).toBe("frozen");
      expect(view.ySplit).toBe(name === CMP ? 2 : 1);
    }
  });

  it("stores 雷州市 2023 地区生产总值 as the number 386.42 with growth 3.6, rank 3, in a CJK font", () => {
    const ws = sheet(OBS);
    const row = findObservationRow(ws, { region: "雷州市", period: "2023", kind: "实际" as Observation["kind"], indicator_id: "gdp" });
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
    expect(row.getCell(column(ws, "value_std")).value).toBe(386.42);
    expect(row.getCell(column(ws, "unit_std")).value).toBe("亿元");
    expect(value.font.name).toBe("等线");
    expect(value.font.charset).toBe(134);
    expect(noteText(value).split("\n")[0]).toBe("全市完成地区生产总值 386.42 亿元、增长 3.6%，增速居湛江市第三");
  });

  it("puts a note quoting its source on every observation's value cell, with the document's title", () => {
    const ws = sheet(OBS);
    // The title of the article (a page of news holds several) where the observation's first mention is.
    const titleOf = (o: Observation) => {
      const first = result.mentions.filter((m) => m.observation_id === o.id).sort((a, b) => a.start - b.start)[0]!;
      const d = result.documents.find((x) => x.doc === o.doc && first.start >= x.start && first.start < x.end)!;
      return d.title ?? d.doc;
    };
    const valueCol = column(ws, "value");
    const squeeze = (s: string) => s.replace(/\s/g, "");
    result.observations.forEach((o, i) => {
      const lines = noteText(ws.getRow(i + 2).getCell(valueCol)).split("\n");
      // The quote's own line breaks (PDF text) are joined in the note; its characters are all there.
      expect(squeeze(lines[o.conflict ? 1 : 0]!), o.id).toBe(squeeze(o.quote));
      expect(lines[o.conflict ? 2 : 1]!.startsWith(`—— ${titleOf(o)}`), o.id).toBe(true);
    });
  });

  it("formats values with the decimals they were written with", () => {
    const ws = sheet(OBS);
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
    const obsWs = sheet(OBS);
    const menWs = sheet(MEN);
    const toMentions = await links(OBS);
    const toObservations = await links(MEN);
    const idCol = column(obsWs, "id");
    const obsIdCol = column(menWs, "observation_id");
    const withMentions = new Set(result.mentions.map((m) => m.observation_id));
    expect(toMentions.size).toBe(result.observations.filter((o) => withMentions.has(o.id)).length);
    expect(toObservations.size).toBe(result.mentions.length);

    for (let r = 2; r <= obsWs.rowCount; r++) {
      const id = obsWs.getRow(r).getCell(idCol).value as string;
      const link = toMentions.get(`${columnLetters(idCol - 1)}${r}`);
      if (!withMentions.has(id)) continue;
      expect(link?.[0]).toBe(MEN);
      // The link lands on the first of the observation's mentions; they are grouped.
      const target = menWs.getCell(link![1]);
      expect(target.value).toBe(id);
      expect(menWs.getRow(Number(target.row) - 1).getCell(obsIdCol).value).not.toBe(id);
    }
    for (const [ref, [toSheet, toRef]] of toObservations) {
      expect(toSheet).toBe(OBS);
      expect(obsWs.getCell(toRef).value).toBe(menWs.getCell(ref).value);
    }
    // The link cells look like links.
    expect(obsWs.getRow(2).getCell(idCol).font.underline).toBe(true);
  });

  it("highlights conflicting observations and lists their mentions side by side", async () => {
    const conflicting = result.observations.filter((o) => o.conflict);
    expect(conflicting.map((o) => [o.doc, o.indicator_id, o.value])).toEqual([["conflict.txt", "gdp", 386.5]]);
    const ws = sheet(OBS);
    const conflictCol = column(ws, "conflict");
    result.observations.forEach((o, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(conflictCol).value).toBe(o.conflict);
      const fill = row.getCell(1).fill as ExcelJS.FillPattern | undefined;
      expect(fill?.fgColor?.argb === CONFLICT_FILL, o.id).toBe(o.conflict);
    });

    const list = sheet(CON);
    const ids = new Set(conflicting.map((o) => o.id));
    const expected = result.mentions.filter((m) => ids.has(m.observation_id));
    expect(list.rowCount - 1).toBe(expected.length);
    const quotes = new Set<string>();
    const toObservations = await links(CON);
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
    const ws = sheet(DOCS);
    const at = (k: string) => column(ws, k);
    const rows = Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getRow(i + 2));
    const failed = rows.filter((r) => r.getCell(at("failures")).value === 1);
    expect(failed.map((r) => [r.getCell(at("doc")).value, r.getCell(at("failure_code")).value])).toEqual([["empty.txt", "空文件"]]);
    const leizhou = rows.find((r) => r.getCell(at("doc")).value === "000_b3806004d9469c12.txt")!;
    const doc = result.documents.find((d) => d.doc === "000_b3806004d9469c12.txt")!;
    expect(leizhou.getCell(at("region")).value).toBe("雷州市");
    expect(leizhou.getCell(at("type")).value).toBe("计划执行情况报告");
    expect(leizhou.getCell(at("format")).value).toBe("文本");
    // The title a person reads comes first, the file name beside it.
    expect(headers(ws).slice(0, 2)).toEqual(["标题", "文件名"]);
    expect(leizhou.getCell(at("report_period")).value).toBe("2023");
    expect(leizhou.getCell(at("plan_period")).value).toBe("2024");
    expect(leizhou.getCell(at("observations")).value).toBe(doc.observations);
    expect(leizhou.getCell(at("observations")).type).toBe(ExcelJS.ValueType.Number);
    expect(rows.filter((r) => (r.getCell(at("conflicts")).value as number) > 0).every((r) => (r.getCell(1).fill as ExcelJS.FillPattern)?.fgColor?.argb === CONFLICT_FILL)).toBe(true);
  });

  it("compares regions on headline indicators: latest result and next target, as plain values", async () => {
    const ws = sheet(CMP);
    const second = headers(ws, 2);
    expect(second.slice(0, 2)).toEqual(["地区", "上级地区"]);
    // Row 1 names the indicator over its measures, merged.
    const gdpCol = (ws.getRow(1).values as unknown[]).indexOf("地区生产总值");
    expect(gdpCol).toBe(3);
    expect(await sheetXml(CMP)).toMatch(/<mergeCell ref="C1:[A-Z]+1"\/>/);
    expect(second.slice(2, 7)).toEqual(["年份", "实际（亿元）", "增长%", "目标年份", "目标增长%"]);

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
    const ws = sheet(OBS);
    const width = (k: string) => ws.getColumn(column(ws, k)).width!;
    const longestRegion = Math.max(...result.observations.map((o) => displayWidth(o.region)));
    expect(width("region")).toBeGreaterThanOrEqual(longestRegion);
    expect(width("region")).toBeLessThanOrEqual(Math.ceil(longestRegion * 1.1) + 2);
    expect(width("quote")).toBe(70); // quotes are long: capped
    expect(width("kind")).toBeLessThan(width("region"));
  });

  it("leads the observations sheet with 地区, 指标, 年份, 数值, 单位, in Chinese headers that are the table's column names", async () => {
    const ws = sheet(OBS);
    expect(headers(ws).slice(0, 7)).toEqual(["地区", "指标", "年份", "数值", "单位", "标准数值", "标准单位"]);
    const tableXml = await zip.file("xl/tables/table1.xml")!.async("string");
    const names = [...tableXml.matchAll(/<tableColumn id="\d+" name="([^"]+)"\/>/g)].map((m) => unescape(m[1]!));
    expect(names).toEqual(headers(ws)); // structured references: Observations[数值]
    expect(new Set(names).size).toBe(names.length);
  });

  it("shows codes as Chinese labels and the document's title beside its file name", () => {
    const ws = sheet(OBS);
    const at = (k: string) => column(ws, k);
    const kinds = new Set<unknown>();
    const qualifiers = new Set<unknown>();
    for (let r = 2; r <= ws.rowCount; r++) {
      kinds.add(ws.getRow(r).getCell(at("kind")).value);
      qualifiers.add(ws.getRow(r).getCell(at("growth_qualifier")).value);
    }
    expect([...kinds].sort()).toEqual(["实际", "目标", "预计"].sort());
    expect(qualifiers).toContain("左右");
    expect(qualifiers).not.toContain("about");
    const row = findObservationRow(ws, { region: "雷州市", period: "2023", indicator_id: "gdp", kind: "实际" as Observation["kind"] });
    const doc = result.documents.find((d) => d.doc === "000_b3806004d9469c12.txt")!;
    expect(row.getCell(at("doc_title")).value).toBe(doc.title);
    expect(row.getCell(at("doc")).value).toBe(doc.doc);
    expect(doc.title).not.toBe(doc.doc);
    const mentions = sheet(MEN);
    expect(mentions.getRow(2).getCell(column(mentions, "doc_title")).value).toBeTruthy();
  });

  it("gives figures in their standard unit beside the unit as written", () => {
    const ws = sheet(OBS);
    const row = findObservationRow(ws, { region: "遂溪县", indicator_id: "new_urban_jobs" });
    expect([row.getCell(column(ws, "value")).value, row.getCell(column(ws, "unit")).value]).toEqual([3.2, "万人"]);
    expect([row.getCell(column(ws, "value_std")).value, row.getCell(column(ws, "unit_std")).value]).toEqual([32000, "人"]);
    const visits = findObservationRow(ws, { region: "遂溪县", indicator_id: "tourist_visits" });
    expect(visits.getCell(column(ws, "value_std")).value).toBeNull();
    expect(noteText(findObservationRow(ws, { region: "遂溪县", indicator_id: "gdp" }).getCell(column(ws, "value")))).toContain("标准单位：0.5 亿元");
  });

  it("gives every Compare column one unit, and says so where a figure cannot be harmonised", () => {
    const ws = sheet(CMP);
    const top = ws.getRow(1).values as unknown[];
    const second = headers(ws, 2);
    const unitOf = (fmt: string | undefined) => /" ([^"]+)"/.exec(fmt ?? "")?.[1] ?? null;
    let indicator = "";
    const checked: string[] = [];
    for (let c = 3; c <= second.length; c++) {
      if (typeof top[c] === "string") indicator = top[c] as string;
      const header = second[c - 1]!;
      const units = new Set<string | null>();
      const texts: string[] = [];
      for (let r = 3; r <= ws.rowCount; r++) {
        const cell = ws.getRow(r).getCell(c);
        if (typeof cell.value === "number") units.add(unitOf(cell.numFmt));
        else if (typeof cell.value === "string") texts.push(cell.value);
      }
      expect(units.size, `${indicator} ${header}: ${[...units].join(", ")}`).toBeLessThanOrEqual(1);
      const named = /（(.+)）$/.exec(header)?.[1];
      if (named && named !== "单位无法统一") {
        expect([...units], `${indicator} ${header}`).toEqual(units.size ? [named] : []);
        checked.push(`${indicator} ${header}`);
      }
      if (named === "单位无法统一") {
        expect(units.size).toBe(0);
        expect(texts.every((t) => t.endsWith("单位无法换算"))).toBe(true);
        checked.push(`${indicator} ${header}`);
      }
    }
    // 遂溪县's 5000 万元 sits with the seeds' 亿元 as 0.5; its 亿美元 has its own column.
    expect(checked).toContain("地区生产总值 实际（亿元）");
    expect(checked).toContain("进出口总额 实际（亿美元）");
    expect(checked).toContain("接待游客人次 实际（单位无法统一）");
    const suixi = Array.from({ length: ws.rowCount - 2 }, (_, i) => ws.getRow(i + 3)).find((r) => r.getCell(1).value === "遂溪县")!;
    expect(suixi.getCell(4).value).toBe(0.5);
    expect(suixi.getCell(4).numFmt).toBe('#,##0.0" 亿元"');
    const visits = (suixi.values as unknown[]).find((v) => typeof v === "string" && v.includes("无法换算"));
    expect(visits).toBe("50 万人：单位无法换算");
  });

  it("prints every sheet on A4, across one page's width", async () => {
    for (const name of SHEETS) {
      const setup = sheet(name).pageSetup;
      expect(setup.paperSize, name).toBe(9);
      expect(setup.fitToPage, name).toBe(true);
      expect(setup.fitToWidth, name).toBe(1);
      expect(setup.fitToHeight, name).toBe(0);
      expect(await sheetXml(name)).toMatch(/<sheetPr[^>]*>.*<pageSetUpPr fitToPage="1"\/>/);
    }
    // The header rows repeat on every printed page.
    const book = await zip.file("xl/workbook.xml")!.async("string");
    const titles = [...book.matchAll(/<definedName name="_xlnm\.Print_Titles" localSheetId="(\d)">([^<]+)<\/definedName>/g)].map((m) => [Number(m[1]), unescape(m[2]!)]);
    expect(titles).toEqual(SHEETS.map((name, i) => [i, `'${name}'!$1:$${name === CMP ? 2 : 1}`]));
  });

  it("uses nothing Excel 2016 or WPS lacks: no formulas, dynamic arrays, slicers, timelines or extension lists", async () => {
    const parts = Object.keys(zip.files).filter((f) => f.endsWith(".xml") || f.endsWith(".vml"));
    for (const part of parts) {
      let xml = await zip.file(part)!.async("string");
      // styles.xml ends with the default slicer and timeline style names every Excel since 2010
      // writes (an extension list older programs skip); no slicer or timeline is defined.
      if (part === "xl/styles.xml") xml = xml.replace(/<extLst>(?:<ext uri="[^"]+" xmlns:x1[45]="[^"]+"><x1[45]:(?:slicerStyles|timelineStyles) [^>]*\/><\/ext>)*<\/extLst>/, "");
      expect(xml, part).not.toMatch(/<f[ >]|_xlfn\.|_xlws\.|<extLst|x14:|x15:|xr:|slicer|timeline|richData|metadata\.xml/);
    }
    expect(parts.some((p) => /slicer|timeline|richData|metadata|pivot|threadedComment|person/i.test(p))).toBe(false);
  });

  it("is written in English on request: sheet names, headers, codes and Compare labels", () => {
    expect(en.worksheets.map((w) => w.name)).toEqual(["Observations", "Mentions", "Documents", "Compare", "Conflicts", "Plan vs result", "Series"]);
    const ws = en.getWorksheet("Observations")!;
    expect(headers(ws).slice(0, 5)).toEqual(["Region", "Indicator", "Period", "Value", "Unit"]);
    const kind = column(ws, "kind", "en");
    const kinds = new Set(Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getRow(i + 2).getCell(kind).value));
    expect([...kinds].sort()).toEqual(["actual", "estimate", "target"]);
    const cmp = en.getWorksheet("Compare")!;
    expect(headers(cmp, 2).slice(0, 4)).toEqual(["Region", "Parent", "Year", "Result (亿元)"]);
    const docs = en.getWorksheet("Documents")!;
    const types = Array.from({ length: docs.rowCount - 1 }, (_, i) => docs.getRow(i + 2).getCell(column(docs, "type", "en")).value);
    expect(types).toContain("plan report");
  });

  it("declares its font with the Chinese charset, so a missing 等线 falls back to a Chinese font", async () => {
    const styles = await zip.file("xl/styles.xml")!.async("string");
    const fonts = [...styles.matchAll(/<font>(.*?)<\/font>/g)].map((m) => m[1]!);
    const cjk = fonts.filter((f) => f.includes('<name val="等线"/>'));
    expect(cjk.length).toBeGreaterThanOrEqual(2); // body and header (bold) at least
    for (const f of cjk) expect(f).toContain('<charset val="134"/>');
  });
});
