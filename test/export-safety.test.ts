// Hostile text in the exports: a character XML forbids (U+FFFF) must not empty a sheet, a quote
// that starts with =HYPERLINK( must not become a formula in a spreadsheet program, and the CSV
// tables are written whole or not at all.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import ExcelJS from "exceljs";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { extractText } from "../kit/core.js";
import type { ExtractResult } from "../kit/types.js";
import { csvSafeText, xmlSafeText } from "../export/cell.js";
import { toCsv, writeCsvTables } from "../export/csv.js";
import { OBSERVATION_SHEET_COLUMNS } from "../export/xlsx/spec.js";
import { fieldLabel } from "../kit/lexicon/labels.js";
import { writeWorkbook } from "../export/xlsx.js";
import { soffice } from "./helpers/soffice.js";
import { parseCsv } from "./helpers/csv.js";

// A disk that fills up while the third table is written (see the atomicity test).
const failing = { name: null as string | null };
vi.mock("node:fs/promises", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs/promises")>();
  const writeFile = (async (file: string, ...rest: unknown[]) => {
    if (failing.name && path.basename(String(file)).includes(failing.name)) throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
    return (fs.writeFile as (...a: unknown[]) => unknown)(file, ...rest);
  }) as typeof fs.writeFile;
  return { ...fs, writeFile, default: { ...fs, writeFile } };
});

const HYPERLINK = '=HYPERLINK("http://example.com/x","点击")';
const REPORT = `雷州市2023年国民经济和社会发展计划执行情况与2024年计划草案的报告
一、2023年计划执行情况
全市完成地区生产总值386.42亿元\uffff、增长3.6%。
${HYPERLINK}全市固定资产投资增长5.2%。
社会消费品零售总额下降1.5%。
`;


let dir: string;
let result: ExtractResult;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-export-safety-"));
  result = extractText(REPORT, { name: "hostile.txt" });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("cell text", () => {
  it("replaces what XML forbids by U+FFFD, keeping the length", () => {
    expect(xmlSafeText("a\uffffb\ufffe\u0001\u000b\t\n\r\ud800x\udc00 😀")).toBe("a\ufffdb\ufffd\ufffd\ufffd\t\n\r\ufffdx\ufffd 😀");
  });
  it("defuses CSV text that a spreadsheet would run as a formula", () => {
    expect(["=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "增长-1.5%", "1.5"].map(csvSafeText)).toEqual(["'=1+1", "'+1", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx", "增长-1.5%", "1.5"]);
  });
});

describe("a report holding U+FFFF and a line starting with =HYPERLINK(", () => {
  it("has both in its observations (the export must cope with them)", () => {
    expect(result.observations.some((o) => o.quote.includes("\uffff"))).toBe(true);
    expect(result.observations.some((o) => o.quote.startsWith(HYPERLINK))).toBe(true);
  });

  it("writes CSV where the formula is text and numbers (a decline) stay numbers", async () => {
    const out = path.join(dir, "csv");
    await writeCsvTables(result, out);
    const rows = parseCsv(readFileSync(path.join(out, "observations.csv"), "utf8").replace(/^\ufeff/, ""));
    const head = rows[0]!;
    const at = (r: string[], k: string) => r[head.indexOf(k)]!;
    const cells = rows.slice(1).flat();
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-\d+(\.\d+)?$/.test(c))).toEqual([]);
    const fai = rows.find((r) => at(r, "quote").includes("HYPERLINK"))!;
    expect(at(fai, "quote")).toBe(`'${HYPERLINK}全市固定资产投资增长5.2%`);
    expect(at(fai, "indicator").startsWith("'=HYPERLINK(")).toBe(true);
    expect(rows.some((r) => at(r, "growth_pct") === "-1.5")).toBe(true);
    const mentions = parseCsv(readFileSync(path.join(out, "mentions.csv"), "utf8").replace(/^\ufeff/, ""));
    expect(mentions.slice(1).some((r) => r[mentions[0]!.indexOf("quote")] === `'${HYPERLINK}全市固定资产投资增长5.2%`)).toBe(true);
    expect(readdirSync(out).sort()).toEqual(["documents.csv", "mentions.csv", "observations.csv"]); // no temporary files left
  });

  it("writes the CSV tables whole or not at all", async () => {
    const out = path.join(dir, "atomic");
    await writeCsvTables(result, out);
    writeFileSync(path.join(out, "observations.csv"), "old tables\n");
    failing.name = "documents.csv";
    try {
      await expect(writeCsvTables(result, out)).rejects.toThrowError(/the disk is full/);
    } finally {
      failing.name = null;
    }
    expect(readFileSync(path.join(out, "observations.csv"), "utf8")).toBe("old tables\n");
    expect(readdirSync(out).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("names the folder and the reason when the CSV files cannot be written", async () => {
    const file = path.join(dir, "a-file");
    writeFileSync(file, "");
    await expect(writeCsvTables(result, file)).rejects.toThrowError(`cannot write the CSV files to ${file}: it is a file, not a folder`);
    failing.name = "mentions.csv";
    try {
      await expect(writeCsvTables(result, path.join(dir, "full"))).rejects.toThrowError(/cannot write the CSV files to .*full: the disk is full/);
    } finally {
      failing.name = null;
    }
  });

  it("writes a workbook exceljs reads, with U+FFFD where the quote held U+FFFF", async () => {
    const file = path.join(dir, "hostile.xlsx");
    await writeWorkbook(result, file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("指标") ?? wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const quoteCol = header.indexOf(fieldLabel("quote"));
    const quotes: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) quotes.push(String(row.getCell(quoteCol).value ?? ""));
    });
    expect(quotes).toContain("全市完成地区生产总值386.42亿元\ufffd、增长3.6%");
    // A workbook cell holding =HYPERLINK( is text, not a formula.
    expect(quotes).toContain(`${HYPERLINK}全市固定资产投资增长5.2%`);
  });

  const version = spawnSync("soffice", ["--version"], { encoding: "utf8" });
  const hasSoffice = version.status === 0;
  it.skipIf(!hasSoffice)(`is opened by LibreOffice with every cell filled${hasSoffice ? "" : " (skipped: soffice is not installed)"}`, async () => {
    const file = path.join(dir, "lo.xlsx");
    await writeWorkbook(result, file);
    // The first sheet to CSV, one soffice run at a time across test processes (test/helpers/soffice.ts).
    const csv = path.join(dir, "lo-指标.csv");
    await soffice(["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1", "--outdir", dir, file], [csv]);
    const rows = parseCsv(readFileSync(csv, "utf8"));
    const q = rows[0]!.indexOf(fieldLabel("quote"));
    expect(rows[0]).toEqual(OBSERVATION_SHEET_COLUMNS.map((k) => fieldLabel(k)));
    expect(rows.slice(1).map((r) => r[q])).toContain("全市完成地区生产总值386.42亿元\ufffd、增长3.6%");
    expect(rows.slice(1).every((r) => r[q] !== "")).toBe(true);
  }, 900_000);
});

// toCsv is what the server's downloads would use too: the same defusing.
it("defuses a formula in any string column of any table", () => {
  const csv = toCsv([{ a: "=cmd|' /C calc'!A0", b: -3, c: ["+x", "y"] }], ["a", "b", "c"]);
  expect(parseCsv(csv.slice(1))).toEqual([["a", "b", "c"], ["'=cmd|' /C calc'!A0", "-3", "'+x; y"]]);
});
