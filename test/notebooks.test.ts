// The notebooks, executed headless from a clean state by the real tslab kernel through
// Jupyter's nbconvert (as `npm run notebooks` does), into a temporary copy. Their outputs
// must show what the kit computes for the seeds, and the chart notebooks must draw charts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { executeNotebook, findNbconvert, notebookFiles, tslabEnvironment, ROOT } from "../scripts/run-notebooks.mjs";
import { compareRegions, crossChecks, extractPaths, figureText, periodLabel, planResultPairs, reportingRegions, seriesView, verdictCounts } from "../kit/index.js";
import type { BatchResult } from "../kit/types.js";

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: Output[];
}
interface Notebook {
  cells: Cell[];
  metadata: { kernelspec?: { name: string } };
}

const join = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join("") : (s ?? ""));
const readNotebook = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Notebook;
const codeCells = (nb: Notebook) => nb.cells.filter((c) => c.cell_type === "code");
const outputsOf = (nb: Notebook, mime: string) => codeCells(nb).flatMap((c) => c.outputs ?? []).map((o) => join(o.data?.[mime])).filter((s) => s.length > 0);
const printed = (nb: Notebook) => codeCells(nb).flatMap((c) => c.outputs ?? []).filter((o) => o.name === "stdout").map((o) => join(o.text)).join("");

const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");

interface Table {
  caption: string;
  head: string[];
  rows: string[][];
}

/** The HTML tables a notebook displayed (as written by notebooks/lib/html.ts). */
function tablesOf(nb: Notebook): Table[] {
  const tables: Table[] = [];
  for (const html of outputsOf(nb, "text/html")) {
    for (const m of html.matchAll(/<table>(?:<caption>(.*?)<\/caption>)?<thead><tr>(.*?)<\/tr><\/thead>([\s\S]*?)<\/table>/g)) {
      const cells = (row: string, tag: string) => [...row.matchAll(new RegExp(`<${tag}[^>]*>(.*?)</${tag}>`, "g"))].map((c) => unescape(c[1]!));
      tables.push({
        caption: unescape(m[1] ?? ""),
        head: cells(m[2]!, "th"),
        rows: m[3]!.split("</tr>").map((r) => cells(r, "td")).filter((r) => r.length > 0),
      });
    }
  }
  return tables;
}

/** Rows as records by column heading. */
const records = (t: Table) => t.rows.map((r) => Object.fromEntries(t.head.map((h, i) => [h, r[i] ?? ""])));

function table(nb: Notebook, caption: string | RegExp): Table {
  const found = tablesOf(nb).find((t) => (typeof caption === "string" ? t.caption === caption : caption.test(t.caption)));
  if (!found) throw new Error(`no table captioned ${String(caption)}; captions: ${tablesOf(nb).map((t) => t.caption).join(" | ")}`);
  return found;
}

const nbconvert = findNbconvert();
if (!nbconvert) console.warn("test/notebooks: jupyter-nbconvert is not installed, so the notebooks are not executed (CI installs Jupyter: see .ci/run).");

describe.skipIf(!nbconvert)("notebooks run by the tslab kernel", () => {
  const executed = new Map<string, Notebook>();
  let out = "";
  let jupyter: ReturnType<typeof tslabEnvironment> | undefined;
  let env: NodeJS.ProcessEnv = {};
  let batch: BatchResult;

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, "dist/kit/analysis/index.js"))) throw new Error("dist/ is missing or stale: run `npm run build` (npm test does) before this test");
    out = mkdtempSync(path.join(tmpdir(), "zhibiao-notebooks-"));
    jupyter = tslabEnvironment();
    // The notebooks' labels are Chinese unless ZHIBIAO_LANG=en: the test checks the default.
    env = { ...jupyter.env, ZHIBIAO_LANG: "" };
    batch = await extractPaths([path.join(ROOT, "seeds")]);
    // In parallel: each kernel is its own process, and most of the time goes to compiling cells.
    const files = notebookFiles();
    const done = await Promise.all(files.map((f) => executeNotebook(f, { env, outputDir: out })));
    done.forEach((file) => executed.set(path.basename(file), readNotebook(file)));
  }, 1_200_000);

  afterAll(() => {
    jupyter?.cleanup();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  const get = (name: string) => {
    const nb = executed.get(name);
    if (!nb) throw new Error(`${name} was not executed`);
    return nb;
  };

  it("runs every notebook with the tslab kernel, every code cell showing output, none on stderr", () => {
    expect([...executed.keys()]).toEqual(["01-overview.ipynb", "02-compare-regions.ipynb", "03-plan-vs-result.ipynb"]);
    for (const [name, nb] of executed) {
      expect(nb.metadata.kernelspec?.name, name).toBe("tslab");
      codeCells(nb).forEach((c, i) => {
        expect(c.outputs?.length ?? 0, `${name}, code cell ${i}: no output`).toBeGreaterThan(0);
        expect((c.outputs ?? []).filter((o) => o.name === "stderr").map((o) => join(o.text)), `${name}, code cell ${i}`).toEqual([]);
      });
    }
  });

  it("commits the notebooks with their executed outputs", () => {
    for (const file of notebookFiles()) {
      const nb = readNotebook(file);
      codeCells(nb).forEach((c, i) => expect(c.outputs?.length ?? 0, `${path.basename(file)}, code cell ${i}: run \`npm run notebooks\``).toBeGreaterThan(0));
      expect(outputsOf(nb, "text/html").join("") + printed(nb), path.basename(file)).toContain("386.42");
    }
  });

  it("overview: documents, a headline table per region, and the conflicts", () => {
    const nb = get("01-overview.ipynb");
    const docs = table(nb, /^有数据的文档/);
    expect(docs.rows).toHaveLength(batch.documents.filter((d) => d.observations > 0).length);

    const leizhou = records(table(nb, "雷州市 (湛江市)"));
    expect(leizhou.find((r) => r["指标"] === "地区生产总值")?.["2023 实际"]).toBe("386.42 亿元 · +3.6% · 湛江市第3");
    expect(docs.head).toEqual(expect.arrayContaining(["地区", "文档类型", "观测数"]));
    for (const region of reportingRegions(batch.documents)) expect(tablesOf(nb).some((t) => t.caption.startsWith(region)), region).toBe(true);
    // Cells are the kit's figureText of the fact.
    const gdp = batch.observations.find((o) => o.region === "湛河区" && o.indicator_id === "gdp" && o.period === "2022" && o.kind === "actual");
    expect(records(table(nb, /^湛河区/)).find((r) => r["指标"] === "地区生产总值")?.["2022 实际"]).toBe(figureText(gdp!));

    const checks = crossChecks(batch);
    const conflicts = checks.filter((c) => c.conflict);
    expect(printed(nb)).toContain(`${checks.length} 项数据被陈述不止一次`);
    expect(printed(nb)).toContain(`共 ${conflicts.length} 处冲突。`);
    if (conflicts.length > 0) expect(table(nb, /^冲突/).rows).toHaveLength(conflicts.length);
    expect(outputsOf(nb, "image/svg+xml").length).toBeGreaterThanOrEqual(1);
  });

  it("compare regions: levels, growth and ranks of every region, and charts of them", () => {
    const nb = get("02-compare-regions.ipynb");
    const regions = reportingRegions(batch.documents);
    expect(regions).toEqual(expect.arrayContaining(["雷州市", "泉港区", "湛河区", "廉江市"]));
    const shown = records(table(nb, /最新结果$/));
    const expected = compareRegions(batch.observations, { regions, indicators: ["gdp", "fai", "retail_sales", "budget_revenue", "income_per_capita"] });
    expect(shown).toHaveLength(expected.length);
    for (const f of expected) {
      const row = shown.find((r) => r["地区"] === f.region && r["指标"] === f.indicator);
      expect(row, `${f.region} ${f.indicator}`).toMatchObject({
        "年份": f.period,
        "数值": f.value === null ? "" : String(f.value),
        "增速(%)": f.growth_pct === null ? "" : String(f.growth_pct),
        "增速排名": f.growth_rank === null ? "" : String(f.growth_rank),
      });
    }
    expect(shown.find((r) => r["地区"] === "雷州市" && r["指标"] === "地区生产总值")).toMatchObject({ "数值": "386.42", "增速(%)": "3.6", "报告中的排名": "湛江市第3", "标准数值": "386.42", "标准单位": "亿元", "类型": "实际" });

    const charts = outputsOf(nb, "image/svg+xml");
    expect(charts.length).toBeGreaterThanOrEqual(2);
    expect(charts.every((svg) => svg.startsWith("<svg"))).toBe(true);
    // The growth chart names every region compared.
    for (const region of regions) expect(charts[0], region).toContain(region);
  });

  it("plan versus result across reports: pairs, vintages, revisions, with charts", () => {
    const nb = get("03-plan-vs-result.ipynb");
    const pairs = planResultPairs(batch.observations, batch.documents, batch.mentions);
    const shown = records(table(nb, "Each target against its result"));
    expect(shown).toHaveLength(pairs.length);
    expect(shown.find((r) => r.region === "湛河区" && r.year === "2022" && r.indicator === "地区生产总值" && r.compared === "growth")).toMatchObject({
      target: "≥+7.5%",
      "set by": "004_ceb362faf2888194.txt (plan_report)",
      result: "245.24 亿元 · +3.8%",
      "stated in": "004_ceb362faf2888194.txt (plan_report)",
      gap: "-3.7",
      verdict: "missed",
    });
    for (const p of pairs) expect(shown.some((r) => r.region === p.region && r.indicator === p.indicator && r.verdict === p.verdict), `${p.region} ${p.indicator}`).toBe(true);

    const counts = records(table(nb, "Targets met and missed, by region and year"));
    expect(counts).toEqual(verdictCounts(pairs.map((p) => ({ ...p, period: periodLabel(p) }))).map((v) => ({ region: v.region, period: v.period, met: String(v.met), missed: String(v.missed), not_comparable: String(v.not_comparable) })));

    const series = seriesView(batch.observations, batch.documents, batch.mentions);
    expect(printed(nb)).toContain(`${series.length} facts in the reports of seeds/; ${series.filter((r) => r.vintages.length > 1).length} stated by more than one report`);
    // The invented example: the bulletin's figure used, the estimate revised, 左右 met and 超过 missed.
    const vintages = records(table(nb, "Vintages of each fact (invented example)"));
    expect(vintages.find((r) => r.document === "bulletin-2022.txt" && r.figure === "318.6 亿元 · +4.2%")?.used).toBe("★ document_type");
    expect(vintages.find((r) => r.document === "gwr-2023.txt" && r.figure === "320 亿元 · +4.5%")?.used).toBe("");
    expect(records(table(nb, "Revisions (invented example)"))).toContainEqual(expect.objectContaining({ year: "2022", measure: "level", from: "3200000 万元 (plan-2023.txt, estimate)", to: "3186000 万元 (bulletin-2022.txt, actual)", difference: "-14000" }));
    const example = records(table(nb, "Targets against results across reports (invented example)"));
    expect(example.find((r) => r.indicator === "地区生产总值")).toMatchObject({ target: "≈+6%", "set by": "gwr-2023.txt (government_work_report)", "stated in": "bulletin-2023.txt (statistical_bulletin)", gap: "-0.3", verdict: "met" });
    expect(example.find((r) => r.indicator === "社会消费品零售总额")).toMatchObject({ target: ">+7%", verdict: "missed" });

    const steps = records(table(nb, "Next year's targets against this year's results"));
    expect(steps.find((r) => r.region === "雷州市" && r.indicator === "地区生产总值")).toMatchObject({ result: "2023: 386.42 亿元 · +3.6% · 湛江市第3", target: "2024: ≈+5%", "step (pp)": "1.4" });

    const charts = outputsOf(nb, "image/svg+xml");
    expect(charts.length).toBeGreaterThanOrEqual(3);
    const zhanhe = pairs.filter((p) => p.region === "湛河区" && p.measure === "growth_pct");
    for (const p of zhanhe) expect(charts[0], p.indicator).toContain(p.indicator);
    // The vintage chart: every year and side of the example's GDP growth.
    for (const fact of ["2022 result", "2023 result", "2023 target", "2024 target"]) expect(charts[1], fact).toContain(fact);
  });

  it("fails on a cell that does not compile and on a cell that throws", async () => {
    const broken = (name: string, source: string) => {
      const file = path.join(out, name);
      const nb = { cells: [{ cell_type: "code", execution_count: null, id: "a", metadata: {}, outputs: [], source }], metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } }, nbformat: 4, nbformat_minor: 5 };
      writeFileSync(file, JSON.stringify(nb));
      return file;
    };
    const typeError = broken("type-error.ipynb", 'const n: number = "not a number";');
    const thrown = broken("throws.ipynb", 'throw new Error("boom from a cell");');
    const dir = mkdtempSync(path.join(tmpdir(), "zhibiao-broken-"));
    try {
      const [a, b] = await Promise.allSettled([executeNotebook(typeError, { env, outputDir: dir }), executeNotebook(thrown, { env, outputDir: dir })]);
      expect(a.status).toBe("rejected");
      expect(String((a as PromiseRejectedResult).reason)).toMatch(/not assignable to type 'number'/);
      expect(b.status).toBe("rejected");
      expect(String((b as PromiseRejectedResult).reason)).toContain("boom from a cell");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 900_000);
});
