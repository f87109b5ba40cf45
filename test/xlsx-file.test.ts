// The workbook's file: clear errors that name the file, no partial file left behind, and the
// command line wiring (`zhibiao extract ... --xlsx FILE`).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ExtractResult } from "../kit/types.js";
import { WorkbookFileError, writeWorkbook } from "../export/xlsx.js";
import { writeAtomically } from "../export/xlsx/file.js";
import { OBSERVATION_SHEET_COLUMNS as OBSERVATION_COLUMNS } from "../export/xlsx/spec.js";
import { columnLetters } from "./fakes/model.js";
import { withStandard } from "./helpers/observation.js";

/** Column letters on the observations sheet: its last column and a field's. */
const LAST = columnLetters(OBSERVATION_COLUMNS.length - 1);
const letter = (f: (typeof OBSERVATION_COLUMNS)[number]) => columnLetters(OBSERVATION_COLUMNS.indexOf(f));

const root = path.resolve(import.meta.dirname, "..");
const cli = path.join(root, "dist/cli/main.js");
const isRoot = process.getuid?.() === 0;

const tiny: ExtractResult = {
  documents: [],
  observations: [
    withStandard({
      id: "o1", doc: "a.txt", region: "雷州市", period: "2023", period_part: null, kind: "actual", indicator: "地区生产总值", indicator_id: "gdp", value: 386.42, unit: "亿元",
      growth_pct: 3.6, growth_basis: "yoy", value_qualifier: null, growth_qualifier: null, target_text: null, rank: 3, rank_scope: "湛江市", conflict: false,
      quote: "全市完成地区生产总值 386.42 亿元、增长 3.6%",
    }),
  ],
  mentions: [{ observation_id: "o1", doc: "a.txt", start: 0, end: 24, quote: "全市完成地区生产总值 386.42 亿元、增长 3.6%", section: null, from_table: false, page: null }],
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-xlsx-file-"));
});
afterAll(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

async function failure(file: string): Promise<WorkbookFileError> {
  const err = await writeWorkbook(tiny, file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkbookFileError);
  return err as WorkbookFileError;
}

describe("bad paths", () => {
  it("a missing folder: the error names the file and the folder", async () => {
    const file = path.join(dir, "no-such-folder", "out.xlsx");
    const e = await failure(file);
    expect(e.message).toBe(`cannot write the workbook ${file}: the folder ${path.dirname(file)} does not exist`);
    expect(existsSync(path.dirname(file))).toBe(false);
  });

  it("a path through a file", async () => {
    writeFileSync(path.join(dir, "plain.txt"), "x");
    const file = path.join(dir, "plain.txt", "out.xlsx");
    expect((await failure(file)).message).toBe(`cannot write the workbook ${file}: ${path.join(dir, "plain.txt")} is not a folder`);
  });

  it("a folder where the file should be", async () => {
    const file = path.join(dir, "folder.xlsx");
    mkdirSync(file);
    expect((await failure(file)).message).toBe(`cannot write the workbook ${file}: it is a folder`);
  });

  it("a name that is not .xlsx", async () => {
    const file = path.join(dir, "out.csv");
    expect((await failure(file)).reason).toMatch(/must end in \.xlsx/);
    expect(existsSync(file)).toBe(false);
  });

  it("a folder that cannot be written", async () => {
    // root ignores permission bits, but not a file system the kernel keeps read-only.
    let folder = path.join(dir, "locked");
    if (isRoot) folder = "/sys";
    else {
      mkdirSync(folder);
      chmodSync(folder, 0o555);
    }
    const file = path.join(folder, "out.xlsx");
    const e = await failure(file);
    expect(e.message).toMatch(new RegExp(`^cannot write the workbook ${file.replace(/[.]/g, "\\.")}: (permission denied|the file system is read-only)`));
    expect(existsSync(file)).toBe(false);
  });

  it.skipIf(isRoot)("an existing read-only file is not replaced (skipped as root, which may write any file)", async () => {
    const file = path.join(dir, "readonly.xlsx");
    writeFileSync(file, "keep");
    chmodSync(file, 0o444);
    expect((await failure(file)).reason).toMatch(/read-only/);
  });
});

describe("no partial file", () => {
  it("a failure while writing removes the temporary file and leaves the old workbook alone", async () => {
    const sub = mkdtempSync(path.join(dir, "atomic-"));
    const file = path.join(sub, "out.xlsx");
    writeFileSync(file, "old workbook");
    const err = await writeAtomically(file, async (out) => {
      out.write("half a workbook");
      throw new Error("disk on fire");
    }).catch((e: unknown) => e as WorkbookFileError);
    expect(err).toBeInstanceOf(WorkbookFileError);
    expect((err as WorkbookFileError).message).toBe(`cannot write the workbook ${file}: disk on fire`);
    expect(readdirSync(sub)).toEqual(["out.xlsx"]); // the temporary file is gone
    expect(readFileSync(file, "utf8")).toBe("old workbook");
  });

  it("a write replaces the old file whole and leaves nothing else", async () => {
    const sub = mkdtempSync(path.join(dir, "replace-"));
    const file = path.join(sub, "out.xlsx");
    writeFileSync(file, "old workbook");
    await writeWorkbook(tiny, file);
    expect(readdirSync(sub)).toEqual(["out.xlsx"]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.getWorksheet("指标")!.getCell(`${letter("value")}2`).value).toBe(386.42);
  });

  it("an empty result still makes a workbook with every sheet and table", async () => {
    const file = path.join(dir, "empty.xlsx");
    await writeWorkbook({ documents: [], observations: [], mentions: [], failures: [] } as ExtractResult, file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["指标", "来源", "文档", "对比", "冲突", "计划与实际", "序列"]);
    const t = wb.getWorksheet("指标")!.getTable("Observations") as unknown as { table: { tableRef: string } };
    expect(t.table.tableRef).toBe(`A1:${LAST}2`); // Excel wants a data row, even an empty one
  });
});

describe.skipIf(!existsSync(cli))("zhibiao extract --xlsx (built CLI; run `npm run build` first)", () => {
  it("writes the workbook and says so", () => {
    const file = path.join(dir, "cli.xlsx");
    const run = spawnSync(process.execPath, [cli, "extract", path.join(root, "seeds"), "--xlsx", file, "--quiet"], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`zhibiao: wrote ${file}`);
    expect(existsSync(file)).toBe(true);
  });

  it("a bad path: one clear line on stderr, exit status 2, no file", () => {
    const file = path.join(dir, "missing", "cli.xlsx");
    const run = spawnSync(process.execPath, [cli, "extract", path.join(root, "seeds"), "--xlsx", file, "--quiet"], { encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(`zhibiao: cannot write the workbook ${file}: the folder ${path.dirname(file)} does not exist`);
    expect(existsSync(path.dirname(file))).toBe(false);
  });
});
