// `zhibiao series`, the built CLI run as a user runs it, over invented reports of two years.
import { beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPORTS } from "./helpers/series-reports.js";
import type { PlanResultPair, SeriesRow } from "../kit/index.js";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const cli = path.join(root, "dist/cli/main.js");

// As a pipe sees it, whatever colour the test runner asks for.
const env = { ...process.env };
delete env.FORCE_COLOR;
delete env.NO_COLOR;
delete env.ZHIBIAO_LANG;

async function zhibiao(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { cwd: root, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dir = "";
beforeAll(() => {
  if (!existsSync(cli)) throw new Error("dist/cli/main.js is missing: run `npm run build` first (npm test does)");
  dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-series-"));
  for (const [name, text] of Object.entries(REPORTS)) writeFileSync(path.join(dir, name), text);
});

const line = (out: string, ...words: string[]) => out.split("\n").find((l) => words.every((w) => l.includes(w)));

describe("zhibiao series", () => {
  it("reads labels that are each defined once (a key written twice in labels.json silently loses one)", () => {
    const text = readFileSync(path.join(root, "kit/lexicon/labels.json"), "utf8");
    // Each object's keys, by nesting: a key seen twice at one level and in one object is a duplicate.
    const dups: string[] = [];
    const stack: Set<string>[] = [];
    for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)"\s*:|[{}]/g)) {
      if (m[0] === "{") stack.push(new Set());
      else if (m[0] === "}") stack.pop();
      else {
        const keys = stack.at(-1)!;
        if (keys.has(m[1]!)) dups.push(m[1]!);
        keys.add(m[1]!);
      }
    }
    expect(dups).toEqual([]);
  });

  it("prints the vintages with the one used starred, the revisions and plan vs result, in Chinese", async () => {
    const r = await zhibiao(["series", dir, "--indicator", "gdp", "--region", "遂溪县"]);
    expect(r.code).toBe(0);
    // Piped, so no colour codes.
    expect(r.stdout).not.toContain("\u001b[");
    expect(r.stdout).toContain("序列");
    expect(r.stdout).toContain("修订");
    expect(r.stdout).toContain("计划与实际");
    expect(line(r.stdout, "bulletin-2022.txt", "统计公报", "2023-03-20", "实际", "318.6 亿元 · +4.2%", "★ 文档类型优先")).toBeDefined();
    expect(line(r.stdout, "gwr-2023.txt", "政府工作报告", "预计", "320 亿元 · +4.5%")).not.toContain("★");
    expect(line(r.stdout, "gwr-2023.txt", "目标", "≈+6%", "★ 最早设定目标的报告")).toBeDefined();
    expect(line(r.stdout, "3200000 万元 (plan-2023.txt, 预计)", "3186000 万元 (bulletin-2022.txt, 实际)", "-14000 万元")).toBeDefined();
    expect(line(r.stdout, "≈+6%", "gwr-2023.txt (政府工作报告)", "bulletin-2023.txt (统计公报)", "-0.3 个百分点", "达成")).toBeDefined();
    // Only the indicator asked for.
    expect(r.stdout).not.toContain("社会消费品零售总额");
  });

  it("takes an indicator by its name or alias, and labels in English on request", async () => {
    const r = await zhibiao(["series", dir, "--indicator", "社消零", "--lang", "en"]);
    expect(r.code).toBe(0);
    expect(line(r.stdout, ">+7%", "gwr-2023.txt (government work report)", "bulletin-2023.txt (statistical bulletin)", "-0.2 pp", "missed")).toBeDefined();
    expect(r.stdout).toContain("Plan vs result");
  });

  it("prints {series, pairs} with --json", async () => {
    const r = await zhibiao(["series", dir, "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { series: SeriesRow[]; pairs: PlanResultPair[] };
    expect(Object.keys(out)).toEqual(["series", "pairs"]);
    expect(out.pairs.map((p) => `${p.indicator_id} ${p.measure} ${p.verdict}`).sort()).toEqual(["budget_revenue value met", "fai growth_pct missed", "gdp growth_pct met", "retail_sales growth_pct missed"]);
    expect(out.series.find((s) => s.indicator_id === "gdp" && s.period === "2022" && s.side === "result")?.preferred.doc).toBe("bulletin-2022.txt");
  });

  it("says so when nothing matches the selection, naming the regions there are", async () => {
    const r = await zhibiao(["series", dir, "--region", "某某县"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("zhibiao series: no figures for --region 某某县; the reports have figures for 遂溪县");
    const bad = await zhibiao(["series", dir, "--lang", "fr"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--lang fr: the language must be zh (Chinese, the default) or en (English)");
  });
});
