// The workbook opened by a real spreadsheet program: LibreOffice (headless) converts it to CSV,
// every sheet, and to ODS; the values, tables, notes and links must survive. Skipped, saying
// so, where `soffice` is not installed (Debian: libreoffice-calc-nogui; .ci/run installs it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import JSZip from "jszip";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { extractPaths } from "../kit/index.js";
import type { BatchResult, ExtractResult, Observation } from "../kit/types.js";
import { writeWorkbook } from "../export/xlsx.js";
import { OBSERVATION_SHEET_COLUMNS as OBSERVATION_COLUMNS } from "../export/xlsx/spec.js";
import { fieldLabel } from "../kit/lexicon/labels.js";
import { withStandard } from "./helpers/observation.js";
import { soffice } from "./helpers/soffice.js";
import { parseCsv } from "./helpers/csv.js";

const root = path.resolve(import.meta.dirname, "..");
const version = spawnSync("soffice", ["--version"], { encoding: "utf8" });
const hasSoffice = version.status === 0;
const SKIP = "skipped: LibreOffice (soffice) is not installed; apt-get install libreoffice-calc-nogui";
if (!hasSoffice) console.warn(`xlsx-libreoffice.test.ts ${SKIP}`);

/** Comma-separated, double quotes, UTF-8, first line 1, raw values (not as shown), all sheets (-1). */
const CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";

let dir: string;
let seeds: BatchResult;
let large: ExtractResult;

/** Converts `files` into `dir`, one soffice run at a time across the test processes (test/helpers/soffice.ts). */
function convert(filter: string, files: string[], outputs: string[]): Promise<void> {
  return soffice(["--convert-to", filter, "--outdir", dir, ...files], outputs);
}


function csvOf(sheet: string, book = "seeds"): string[][] {
  return parseCsv(readFileSync(path.join(dir, `${book}-${sheet}.csv`), "utf8"));
}

function synthetic(n: number): ExtractResult {
  const observations: Observation[] = Array.from({ length: n }, (_, i) => withStandard({
    id: `o${i}`, doc: "s.txt", region: `测试${i % 30}区`, period: "2023", period_part: null, kind: "actual", indicator: "地区生产总值", indicator_id: "gdp", value: i + 0.5,
    unit: "亿元", growth_pct: 1.5, growth_basis: "yoy", value_qualifier: null, growth_qualifier: null, target_text: null, rank: null, rank_scope: null,
    conflict: false, quote: `第${i}句：地区生产总值 ${i + 0.5} 亿元`,
  }));
  const mentions = observations.map((o, i) => ({ observation_id: o.id, doc: "s.txt", start: i, end: i + 1, quote: o.quote, section: null, from_table: false, page: null }));
  return { documents: [], observations, mentions };
}

describe.skipIf(!hasSoffice)(`LibreOffice opens the workbook (${hasSoffice ? version.stdout.trim() : SKIP})`, () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-xlsx-lo-"));
    seeds = await extractPaths([path.join(root, "seeds")]);
    large = synthetic(1500);
    await writeWorkbook(seeds, path.join(dir, "seeds.xlsx"));
    await writeWorkbook(large, path.join(dir, "large.xlsx"));
    await convert(CSV_FILTER, [path.join(dir, "seeds.xlsx")], [path.join(dir, "seeds-指标.csv")]);
    await convert("ods", [path.join(dir, "seeds.xlsx"), path.join(dir, "large.xlsx")], [path.join(dir, "seeds.ods"), path.join(dir, "large.ods")]);
    // A user's formulas over the tables, by the Chinese column names (structured references).
    const zip = await JSZip.loadAsync(readFileSync(path.join(dir, "seeds.xlsx")));
    const compareXml = "xl/worksheets/sheet4.xml";
    const formulas = '<row r="1000"><c r="A1000"><f>SUM(Observations[标准数值])</f></c><c r="B1000"><f>COUNTIFS(Observations[类型],"实际")</f></c></row>';
    zip.file(compareXml, (await zip.file(compareXml)!.async("string")).replace("</sheetData>", `${formulas}</sheetData>`));
    writeFileSync(path.join(dir, "formulas.xlsx"), await zip.generateAsync({ type: "nodebuffer" }));
    await convert(CSV_FILTER, [path.join(dir, "formulas.xlsx")], [path.join(dir, "formulas-对比.csv")]);
  }, 900_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads every observation's values back as written", () => {
    const [header, ...rows] = csvOf("指标");
    expect(header).toEqual(OBSERVATION_COLUMNS.map((k) => fieldLabel(k)));
    expect(header!.slice(0, 5)).toEqual(["地区", "指标", "年份", "数值", "单位"]);
    expect(rows).toHaveLength(seeds.observations.length);
    const at = (k: string) => header!.indexOf(fieldLabel(k));
    seeds.observations.forEach((o, i) => {
      const row = rows[i]!;
      expect(row[at("id")]).toBe(o.id);
      expect(row[at("region")]).toBe(o.region);
      expect(row[at("value")] === "" ? null : Number(row[at("value")]), o.id).toBe(o.value);
      expect(row[at("growth_pct")] === "" ? null : Number(row[at("growth_pct")]), o.id).toBe(o.growth_pct);
      expect(row[at("conflict")]).toBe(o.conflict ? "TRUE" : "FALSE");
      expect(row[at("quote")]).toBe(o.quote);
      expect(row[at("value_std")] === "" ? null : Number(row[at("value_std")]), o.id).toBe(o.value_std);
    });
    const gdp = rows.find((r) => r[at("region")] === "雷州市" && r[at("period")] === "2023" && r[at("indicator_id")] === "gdp" && r[at("kind")] === "实际")!;
    expect([gdp[at("value")], gdp[at("unit")], gdp[at("growth_pct")], gdp[at("rank")]]).toEqual(["386.42", "亿元", "3.6", "3"]);
  });

  it("reads the other sheets: mentions, documents, the Compare grid and the conflicts", () => {
    expect(csvOf("来源")).toHaveLength(seeds.mentions.length + 1);
    expect(csvOf("文档")).toHaveLength(seeds.documents.length + 1);
    const compare = csvOf("对比");
    expect(compare[0]![2]).toBe("地区生产总值");
    const leizhou = compare.find((r) => r[0] === "雷州市")!;
    expect(leizhou.slice(1, 7)).toEqual(["湛江市", "2023", "386.42", "3.6", "2024", "5"]);
    expect(compare[1]!.slice(0, 4)).toEqual(["地区", "上级地区", "年份", "实际（亿元）"]);
    const conflicts = csvOf("冲突");
    const ids = new Set(seeds.observations.filter((o) => o.conflict).map((o) => o.id));
    expect(conflicts.length - 1).toBe(seeds.mentions.filter((m) => ids.has(m.observation_id)).length);
  });

  it("sees the tables, one note per observation and the links", async () => {
    const ods = await JSZip.loadAsync(readFileSync(path.join(dir, "seeds.ods")));
    const content = await ods.file("content.xml")!.async("string");
    const ranges = [...content.matchAll(/<table:database-range table:name="([^"]+)"[^>]*table:display-filter-buttons="true"/g)].map((m) => m[1]);
    expect(ranges.sort()).toEqual(["Conflicts", "Documents", "Mentions", "Observations", "PlanResult", "Series"]);
    expect([...content.matchAll(/<office:annotation[ >]/g)]).toHaveLength(seeds.observations.length);
    expect(content).toContain("全市完成地区生产总值 386.42 亿元、增长 3.6%，增速居湛江市第三");
    const links = [...content.matchAll(/<text:a xlink:href="#([^"]+)"/g)].map((m) => m[1]!.replace(/&apos;/g, "'"));
    expect(links.filter((l) => /^'?来源'?\./.test(l))).toHaveLength(new Set(seeds.mentions.map((m) => m.observation_id)).size);
    expect(links.filter((l) => /^'?指标'?\./.test(l)).length).toBeGreaterThanOrEqual(seeds.mentions.length);
  });

  it("keeps the page setup: A4 landscape, one page wide", async () => {
    const ods = await JSZip.loadAsync(readFileSync(path.join(dir, "seeds.ods")));
    const styles = await ods.file("styles.xml")!.async("string");
    const layouts = [...styles.matchAll(/<style:page-layout-properties ([^>]*)>/g)].map((m) => m[1]!);
    // A4 landscape: 29.7 × 21 cm, which LibreOffice may write in inches (11.69 × 8.27).
    const a4 = layouts.filter((p) => /fo:page-width="(?:29\.7\d*cm|11\.69\d*in)"/.test(p) && /fo:page-height="(?:21(?:\.0+)?cm|8\.26\d*in)"/.test(p));
    expect(a4.length, layouts.join("\n")).toBeGreaterThan(0);
    expect(a4.some((p) => /style:scale-to-X="1"/.test(p)), a4.join("\n")).toBe(true);
    // Header rows repeated on every printed page: one block per sheet.
    const content = await ods.file("content.xml")!.async("string");
    expect([...content.matchAll(/<table:table-header-rows>/g)].length).toBe(7);
  });

  it("computes formulas that name the tables' Chinese columns (Observations[标准数值])", () => {
    const last = csvOf("对比", "formulas").filter((r) => r.some((c) => c !== "")).pop()!;
    const sum = seeds.observations.reduce((a, o) => a + (o.value_std ?? 0), 0);
    expect(Number(last[0])).toBeCloseTo(sum, 6);
    expect(Number(last[1])).toBe(seeds.observations.filter((o) => o.kind === "actual").length);
  });

  it("reads notes past the first VML block of 1024", async () => {
    const ods = await JSZip.loadAsync(readFileSync(path.join(dir, "large.ods")));
    const content = await ods.file("content.xml")!.async("string");
    expect([...content.matchAll(/<office:annotation[ >]/g)]).toHaveLength(large.observations.length);
    expect(content).toContain(`第1499句：地区生产总值 1499.5 亿元`);
  });
});
