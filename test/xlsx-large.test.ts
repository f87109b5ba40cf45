// A few thousand synthetic observations: the streaming paths that the seeds do not reach
// (notes past the first VML id block, backpressure, a failing output).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import type { ExtractResult, Mention, Observation } from "../kit/types.js";
import { writeWorkbook } from "../export/xlsx.js";
import { writeXlsx } from "../export/xlsx/write.js";
import { OBSERVATION_SHEET_COLUMNS as OBSERVATION_COLUMNS } from "../export/xlsx/spec.js";
import { columnLetters } from "./fakes/model.js";
import { withStandard } from "./helpers/observation.js";

/** Column letters on the observations sheet: its last column and a field's. */
const LAST = columnLetters(OBSERVATION_COLUMNS.length - 1);
const letter = (f: (typeof OBSERVATION_COLUMNS)[number]) => columnLetters(OBSERVATION_COLUMNS.indexOf(f));

const N = 3000;
const REGIONS = Array.from({ length: 40 }, (_, i) => `测试${i}区`);

/** N observations over 40 regions and four years, one or two mentions each, every 97th a conflict. */
function synthetic(n: number): ExtractResult {
  const observations: Observation[] = [];
  const mentions: Mention[] = [];
  for (let i = 0; i < n; i++) {
    const region = REGIONS[i % REGIONS.length]!;
    const year = String(2020 + (Math.floor(i / REGIONS.length) % 4));
    const gdp = Math.floor(i / REGIONS.length) % 2 === 1; // every region gets both kinds of rows
    const quote = `${region}完成地区生产总值 ${100 + i / 100} 亿元、增长 ${(i % 90) / 10}%`;
    observations.push(withStandard({
      id: `o${i}`, doc: `${region}.txt`, region, period: year, period_part: null, kind: i % 5 === 4 ? "target" : "actual", indicator: gdp ? "地区生产总值" : `指标${i}`,
      indicator_id: gdp ? "gdp" : null, value: 100 + i / 100, unit: "亿元", growth_pct: (i % 90) / 10, growth_basis: "yoy", value_qualifier: null,
      growth_qualifier: null, target_text: null, rank: null, rank_scope: null, conflict: i % 97 === 0, quote,
    }));
    mentions.push({ observation_id: `o${i}`, doc: `${region}.txt`, start: i * 10, end: i * 10 + quote.length, quote, section: "一、执行情况", from_table: false, page: null });
    if (i % 3 === 0) mentions.push({ observation_id: `o${i}`, doc: `${region}.txt`, start: 1e6 + i, end: 1e6 + i + 5, quote: `表格 ${i}`, section: null, from_table: true, page: null });
  }
  return { documents: [], observations, mentions };
}

let dir: string;
let result: ExtractResult;
let wb: ExcelJS.Workbook;
let zip: JSZip;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-xlsx-large-"));
  result = synthetic(N);
  const file = path.join(dir, "large.xlsx");
  await writeWorkbook(result, file);
  const bytes = readFileSync(file);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  zip = await JSZip.loadAsync(bytes);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`${N} observations`, () => {
  it("all rows are in their tables, in order", () => {
    const ws = wb.getWorksheet("指标")!;
    const t = ws.getTable("Observations") as unknown as { table: { tableRef: string } };
    expect(t.table.tableRef).toBe(`A1:${LAST}${N + 1}`);
    expect(ws.getCell(`${letter("id")}${N + 1}`).value).toBe(`o${N - 1}`);
    expect(ws.getCell(`${letter("value")}${N + 1}`).value).toBe(100 + (N - 1) / 100);
    const mentions = wb.getWorksheet("来源")!;
    expect(mentions.rowCount).toBe(result.mentions.length + 1);
  });

  it("every value cell has its note, past the first 1024 VML shapes", async () => {
    const ws = wb.getWorksheet("指标")!;
    let notes = 0;
    ws.eachRow((row, r) => {
      if (r === 1) return;
      const note = row.getCell(OBSERVATION_COLUMNS.indexOf("value") + 1).note as ExcelJS.Comment;
      const text = note.texts!.map((t) => t.text).join("");
      expect(text.split("\n")[result.observations[r - 2]!.conflict ? 1 : 0]).toBe(result.observations[r - 2]!.quote);
      notes++;
    });
    expect(notes).toBe(N);
    const vml = await zip.file("xl/drawings/vmlDrawing1.vml")!.async("string");
    expect(vml).toContain('<o:idmap v:ext="edit" data="1,2,3"/>');
    const ids = [...vml.matchAll(/<v:shape id="_x0000_s(\d+)"/g)].map((m) => Number(m[1]));
    expect(ids).toHaveLength(N);
    expect(new Set(ids).size).toBe(N);
    expect(Math.min(...ids)).toBe(1025);
    expect(Math.max(...ids)).toBeLessThan(1024 * 4); // inside the blocks idmap declares
  });

  it("links land on the right rows at the end of the sheets too", async () => {
    const obs = wb.getWorksheet("指标")!;
    const men = wb.getWorksheet("来源")!;
    const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    const id = letter("id");
    const last = new RegExp(`<hyperlink ref="${id}${N + 1}" location="&apos;来源&apos;!A(\\d+)"`).exec(xml);
    expect(men.getCell(`A${last![1]}`).value).toBe(`o${N - 1}`);
    const back = await zip.file("xl/worksheets/sheet2.xml")!.async("string");
    const lastBack = new RegExp(`<hyperlink ref="A${result.mentions.length + 1}" location="&apos;指标&apos;!${id}(\\d+)"`).exec(back);
    expect(obs.getCell(`${id}${lastBack![1]}`).value).toBe(men.getCell(`A${result.mentions.length + 1}`).value);
  });

  it("Compare has one row per region", () => {
    const ws = wb.getWorksheet("对比")!;
    expect(ws.rowCount - 2).toBe(REGIONS.length);
    expect(ws.getCell("A3").value).toBe(REGIONS[0]);
    expect(ws.getCell("C1").value).toBe("地区生产总值");
  });

  it("a failing output rejects the write instead of hanging", async () => {
    let written = 0;
    const out = new Writable({
      write(chunk: Buffer, _enc, cb) {
        written += chunk.length;
        cb(written > 200_000 ? new Error("ENOSPC: no space left on device") : null);
      },
    });
    await expect(writeXlsx(result, out)).rejects.toThrow(/ENOSPC/);
  });
});
