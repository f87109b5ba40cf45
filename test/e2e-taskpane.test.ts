// End to end: the built `zhibiao serve` over a temporary copy of the seeds, the task pane in
// headless Chromium, and Office.js replaced by the fake Excel host injected before the page loads.
// Pick 雷州市 + 地区生产总值, Insert, check the workbook; type =ZHIBIAO.VALUE("雷州市","GDP",2023)
// into a cell (the fake host evaluates the function the page associated); insert the wide layouts
// (years across, regions × indicators, plan vs result) on new sheets and add a note beside one;
// change the report on disk, click the ribbon's Refresh all, check the new values everywhere and
// the note. Screenshots of the pane with each layout go to test-artifacts/.
import { build } from "esbuild";
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ObservationsPage } from "../server/api.js";
import type {} from "./fakes/browser.js"; // the page's __zhibiaoFake
import { specOf } from "../addin/pane/facts.js";
import { columnLetters } from "./fakes/model.js";

const root = path.resolve(import.meta.dirname, "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`e2e-taskpane: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

const LEIZHOU = "000_b3806004d9469c12.txt";


/** Starts the built CLI and resolves with the origin it prints. */
function startServe(folder: string): Promise<{ child: ChildProcess; origin: string; output: () => string }> {
  // The store beside the folder (removed with it), not in the user's ~/.zhibiao.
  const store = `${folder}.duckdb`;
  const child = spawn(process.execPath, [path.join(root, "dist/cli/main.js"), "serve", folder, "--http", "--port", "0", "--store", store], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) => {
    const look = () => {
      const m = /task pane\s+(http:\/\/localhost:\d+)\/taskpane\.html/.exec(out);
      if (m) resolve({ child, origin: m[1]!, output: () => out });
    };
    child.stdout!.on("data", look);
    child.on("exit", (code) => reject(new Error(`zhibiao serve exited (${code}):\n${out}`)));
  });
}

describe.skipIf(!hasChromium)("the task pane in Chromium against zhibiao serve", () => {
  let tmp: string;
  let serve: Awaited<ReturnType<typeof startServe>>;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    for (const f of ["dist/cli/main.js", "dist/addin/taskpane.js", "dist/addin/taskpane.html"]) {
      if (!existsSync(path.join(root, f))) throw new Error(`${f} is missing: run npm run build (npm test does)`);
    }
    tmp = mkdtempSync(path.join(os.tmpdir(), "zhibiao-e2e-"));
    cpSync(path.join(root, "seeds"), tmp, { recursive: true });
    for (const f of readdirSync(tmp)) chmodSync(path.join(tmp, f), 0o644);
    serve = await startServe(tmp);

    const fake = await build({ entryPoints: [path.join(root, "test/fakes/browser.ts")], bundle: true, write: false, format: "iife", platform: "browser", target: "es2020", logLevel: "silent" });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    const context = await browser.newContext({ viewport: { width: 360, height: 1000 }, locale: "zh-CN" });
    // The fake host is in place before any of the page's scripts run; Office.js itself is not fetched.
    await context.addInitScript({ content: fake.outputFiles[0]!.text });
    await context.route("https://appsforoffice.microsoft.com/**", (route) => route.fulfill({ contentType: "application/javascript", body: "/* office.js: replaced by the fake host */" }));
    await context.route((url) => url.hostname !== "localhost", (route) => route.abort());
    page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    if (serve && serve.child.exitCode === null) {
      const exited = once(serve.child, "exit");
      serve.child.kill("SIGTERM");
      await exited;
    }
    if (tmp) for (const p of [tmp, `${tmp}.duckdb`, `${tmp}.duckdb.wal`]) rmSync(p, { recursive: true, force: true });
  });

  it("inserts 雷州市's GDP, shows its source, and refreshes it from the ribbon after the report changes", async () => {
    await page.goto(`${serve.origin}/taskpane.html`);
    // Parks and zones are listed under the region of their report, not as regions.
    const regionRows = () => page.locator("#region-list li").evaluateAll((lis) => lis.map((li) => `${li.classList.contains("nested") ? "  " : ""}${li.querySelector("label")!.textContent}`));
    await expect.poll(async () => (await regionRows()).includes("  雷州经济开发区"), { timeout: 60_000 }).toBe(true);
    const rows = await regionRows();
    const parentAbove = (zone: string) => rows.slice(0, rows.indexOf(`  ${zone}`)).reverse().find((r) => !r.startsWith("  "));
    expect(parentAbove("雷州经济开发区")).toBe("雷州市");
    // No zone stands among the regions (whichever the kit still reports: its rules may name fewer).
    expect(rows.filter((r) => !r.startsWith("  ") && /(开发区|产业园|片区|集聚区)$/.test(r))).toEqual([]);
    if (rows.includes("  沙塘工业集聚区")) expect(parentAbove("沙塘工业集聚区")).toBe("廉江市");
    // Catalogued indicators only, until 更多指标; phrases that are no measure never.
    const indicatorNames = () => page.locator("#indicator-list label").allTextContents();
    expect(await indicatorNames()).toContain("地区生产总值");
    expect(await indicatorNames()).not.toContain("签约项目总投资");
    await page.locator("#indicator-more").check();
    await page.locator("#indicator-search").fill("签约");
    expect(await indicatorNames()).toContain("签约项目总投资");
    await page.locator("#indicator-search").fill("解决");
    expect(await indicatorNames()).toEqual([]);
    await page.locator("#indicator-search").fill("");
    expect(await page.locator("#picker-indicator .note").textContent()).toMatch(/另有 \d+ 个名称不像指标，未列出/);
    await page.screenshot({ path: path.join(root, "test-artifacts/taskpane-pickers.png"), fullPage: true });
    await page.locator("#indicator-more").uncheck();

    await page.locator('#region-list input[value="雷州市"]').check();
    await page.locator("#indicator-search").fill("地区生产");
    await page.locator('#indicator-list input[value="gdp"]').check();
    await expect.poll(() => page.locator("#preview").getAttribute("data-count"), { timeout: 60_000 }).toBe("2");
    expect(await page.evaluate(() => globalThis.__zhibiaoFake.registered())).toEqual(["refreshAll", "refreshTable"]);
    expect(await page.evaluate(() => globalThis.__zhibiaoFake.functions())).toEqual(["ZHIBIAO.VALUE", "ZHIBIAO.SERIES", "ZHIBIAO.SOURCE"]);

    await page.locator("#insert").click();
    const name = "指标_雷州市_地区生产总值";
    await expect.poll(() => page.locator("#status").textContent(), { timeout: 60_000 }).toContain(name);
    const table = await page.evaluate((n) => globalThis.__zhibiaoFake.table(n), name);
    // Chinese headers and codes by default (kit/lexicon/labels.json).
    const at = (f: string) => table.headers.indexOf({ period: "年份", kind: "类型", value: "数值", growth_pct: "增速(%)", quote: "原文" }[f]!);
    const gdp2023 = () => table.values.find((r) => r[at("period")] === "2023" && r[at("kind")] === "实际")!;
    const address = `Sheet1!A1:${columnLetters(table.headers.length - 1)}3`;
    expect(table.address).toBe(address);
    expect(gdp2023()[at("value")]).toBe(386.42);
    expect(gdp2023()[at("growth_pct")]).toBe(3.6);

    // Selecting the number shows the sentence it comes from.
    const row = table.values.indexOf(gdp2023()) + 2;
    await page.evaluate((a) => globalThis.__zhibiaoFake.select("Sheet1", a), `${columnLetters(at("value"))}${row}`);
    await expect.poll(() => page.locator("#source-body").textContent(), { timeout: 60_000 }).toContain("386.42");
    expect(await page.locator("#source-body figcaption").first().textContent()).toContain("雷州市");
    // The annex row under its column headers: which figure is the 2023 result.
    const hit = page.locator('#source-body figure[data-from-table="true"] tr.hit');
    expect(await hit.locator("th").allTextContents()).toEqual(["2023 年完成情况 绝对值", "2023 年完成情况 增长 (%)"]);
    expect(await hit.locator("td").allTextContents()).toEqual(["386.42", "3.6"]);
    // The picked indicator's facts: standard unit, aliases, coverage from the served reports.
    expect(await page.locator("#facts h2").textContent()).toContain("地区生产总值");
    expect(await page.locator("#facts dd.unit").textContent()).toBe("亿元");
    expect(await page.locator("#facts dd.aliases").textContent()).toContain("GDP");
    // The catalogue's one-sentence definition where it has one (kit/lexicon/indicators.json `definition`).
    expect(await page.locator("#facts dd.definition").textContent()).toBe(specOf("gdp")?.definition ?? "暂无定义");
    await expect.poll(() => page.locator("#facts .coverage").textContent(), { timeout: 60_000 }).toContain("湛河区 2022、2023");
    // The report opened at the sentence, from the service's reading text.
    const prose = page.locator('#source-body figure[data-from-table="false"]').first();
    await prose.locator("button.open").click();
    await expect.poll(() => prose.locator(".reading mark.number").count(), { timeout: 60_000 }).toBe(1);
    expect(await prose.locator(".reading mark.number").textContent()).toBe("386.42");
    expect(await prose.locator(".reading pre").textContent()).toContain("雷州市");
    mkdirSync(path.join(root, "test-artifacts"), { recursive: true });
    await page.screenshot({ path: path.join(root, "test-artifacts/taskpane.png"), fullPage: true });
    // The long layout's column chooser, opened.
    await page.locator("#columns summary").click();
    expect(await page.locator("#columns input[type=checkbox]").count()).toBeGreaterThan(15);
    await page.screenshot({ path: path.join(root, "test-artifacts/taskpane-layout-long.png"), fullPage: true });
    await page.locator("#columns summary").click();

    // A worksheet function in a cell, evaluated by the host through the page's CustomFunctions.associate.
    const typeIn = (sheet: string, address: string, text: string) => page.evaluate(([s, a, t]) => globalThis.__zhibiaoFake.type(s, a, t), [sheet, address, text] as const);
    const calculated = () => page.evaluate(() => globalThis.__zhibiaoFake.calculated());
    const cellValue = (sheet: string, address: string) => page.evaluate(([s, a]) => globalThis.__zhibiaoFake.cell(s, a).value, [sheet, address] as const);
    const tableOf = (n: string) => page.evaluate((x) => globalThis.__zhibiaoFake.table(x), n);
    await typeIn("Sheet1", "X2", '=ZHIBIAO.VALUE("雷州市","GDP",2023)');
    await calculated();
    expect(await cellValue("Sheet1", "X2")).toBe(386.42);
    await typeIn("Sheet1", "X3", '=ZHIBIAO.VALUE("火星市","GDP",2023)');
    await calculated();
    expect(await cellValue("Sheet1", "X3")).toBe("#N/A");
    expect(await page.evaluate(() => globalThis.__zhibiaoFake.cellError("Sheet1", "X3"))).toBe("没有这个地区：火星市");

    // The wide layouts, each on a new sheet, each shown in the pane.
    await page.locator('input[name="target"][value="newSheet"]').check();
    const insertLayout = async (kind: string) => {
      await page.locator("#layout").selectOption(kind);
      // The column chooser belongs to the long table, the measure to the two wide ones.
      expect(await page.locator("#columns").isVisible()).toBe(false);
      expect(await page.locator("#measure").isVisible()).toBe(kind !== "plan");
      await page.locator("#insert").click();
      await expect.poll(() => page.locator("#status").textContent(), { timeout: 60_000 }).toMatch(/^已插入表/);
      const inserted = /已插入表 (\S+)（/.exec((await page.locator("#status").textContent())!)![1]!;
      await page.screenshot({ path: path.join(root, `test-artifacts/taskpane-layout-${kind}.png`), fullPage: true });
      return inserted;
    };
    const years = await insertLayout("years");
    const yearsTable = await tableOf(years);
    expect(yearsTable.headers).toEqual(["地区", "指标", "类型", "单位", "2023", "2024", "行键"]);
    expect(yearsTable.values[0]!.slice(0, 5)).toEqual(["雷州市", "地区生产总值", "实际", "亿元", 386.42]);
    // The user's own column beside it, with a note on 雷州市's row.
    const noteColumn = columnLetters(yearsTable.headers.length);
    await typeIn(yearsTable.sheet, `${noteColumn}1`, "备注");
    await typeIn(yearsTable.sheet, `${noteColumn}2`, "已核对");

    await page.locator('#period-list input[value="2023"]').check();
    await expect.poll(() => page.locator("#preview").getAttribute("data-count"), { timeout: 60_000 }).toBe("1");
    const regions = await insertLayout("regions");
    expect((await tableOf(regions)).values[0]!.slice(0, 4)).toEqual(["雷州市", "2023", "实际", 386.42]);

    // Plan vs result: 湛河区's annex sets 2022's plan beside 2022's result.
    await page.locator("#clear").click();
    await expect.poll(() => page.locator('#region-list input[value="湛河区"]').count(), { timeout: 60_000 }).toBe(1);
    await page.locator('#region-list input[value="湛河区"]').check();
    await expect.poll(() => page.locator("#preview").textContent(), { timeout: 60_000 }).toMatch(/将插入/);
    const plan = await insertLayout("plan");
    const planTable = await tableOf(plan);
    expect(planTable.headers.slice(0, 8)).toEqual(["地区", "指标", "年份", "目标", "结果", "单位", "差距", "评价"]);
    expect(planTable.values.length).toBeGreaterThan(3);
    expect(planTable.values.every((r) => r[0] === "湛河区")).toBe(true);
    expect(new Set(planTable.values.map((r) => r[7]))).toContain("达成");

    // The report changes on disk; the service picks it up without a restart.
    const file = path.join(tmp, LEIZHOU);
    writeFileSync(file, readFileSync(file, "utf8").replaceAll("386.42", "401.23"));
    const served = async () => {
      const res = await fetch(`${serve.origin}/api/observations?region=${encodeURIComponent("雷州市")}&indicator=gdp&period=2023&kind=actual`);
      return ((await res.json()) as ObservationsPage).items[0]?.value;
    };
    await expect.poll(served, { timeout: 60_000 }).toBe(401.23);

    await page.evaluate(() => globalThis.__zhibiaoFake.clickRibbon("refreshAll"));
    const after = await page.evaluate((n) => globalThis.__zhibiaoFake.table(n), name);
    const refreshed = after.values.find((r) => r[at("period")] === "2023" && r[at("kind")] === "实际")!;
    expect(refreshed[at("value")]).toBe(401.23);
    expect(after.address).toBe(address);
    // Four tables; three cells changed (the long table's value and the quote that states it, and
    // the years table's 2023; the regions table's too); the formula recalculated.
    expect(await page.locator("#status").textContent()).toMatch(/^已刷新 4 个表，\d+ 个值有变化，公式已重新计算$/);
    await calculated();
    expect(await cellValue("Sheet1", "X2")).toBe(401.23);
    const yearsAfter = await tableOf(years);
    expect(yearsAfter.values[0]!.slice(4, 5)).toEqual([401.23]);
    expect(yearsAfter.values[0]!.at(-1)).toBe("已核对");
    expect((await tableOf(regions)).values[0]![3]).toBe(401.23);
    expect(refreshed[at("quote")]).toContain("401.23");
    // Back to the long table's number (inserting on new sheets moved the selection): its new source.
    await page.evaluate((a) => globalThis.__zhibiaoFake.select("Sheet1", a), `${columnLetters(at("value"))}${row}`);
    await expect.poll(() => page.locator("#source-body").textContent(), { timeout: 60_000 }).toContain("401.23");
    await page.screenshot({ path: path.join(root, "test-artifacts/taskpane-refreshed.png"), fullPage: true });

    // A cell of the years-across table shows the source of its number too.
    await page.evaluate((sh) => globalThis.__zhibiaoFake.select(sh, "A1"), yearsTable.sheet);
    await expect.poll(() => page.locator("#source-body").textContent(), { timeout: 60_000 }).not.toContain("401.23");
    await page.evaluate((sh) => globalThis.__zhibiaoFake.select(sh, "E2"), yearsTable.sheet);
    await expect.poll(() => page.locator("#source-body").textContent(), { timeout: 60_000 }).toContain("全市完成地区生产总值 401.23 亿元");

    // Refresh this table: only the one holding the selection.
    await page.evaluate((sh) => globalThis.__zhibiaoFake.select(sh, "B2"), yearsTable.sheet);
    await page.locator("#refresh-table").click();
    await expect.poll(() => page.locator("#status").textContent(), { timeout: 60_000 }).toBe("已刷新 1 个表，0 个值有变化");

    // Refresh on open, a setting of this workbook: tick it, save and reopen the workbook after the
    // report changed again; the pane refreshes by itself.
    await page.locator(".settings summary").click();
    await page.locator("#refresh-on-open").check();
    await expect.poll(() => page.evaluate(() => globalThis.__zhibiaoFake.settings()["zhibiao.pane"]), { timeout: 60_000 }).toEqual({ refreshOnOpen: true, lang: "zh" });
    await page.screenshot({ path: path.join(root, "test-artifacts/taskpane-settings.png"), fullPage: true });
    await page.evaluate(() => globalThis.__zhibiaoFake.saveForReopen());
    writeFileSync(file, readFileSync(file, "utf8").replaceAll("401.23", "402.5"));
    await expect.poll(served, { timeout: 60_000 }).toBe(402.5);
    await page.reload();
    await expect.poll(() => page.locator("#status").textContent(), { timeout: 60_000 }).toMatch(/^已刷新 4 个表/);
    expect(await page.locator("#refresh-on-open").isChecked()).toBe(true);
    const reopened = await page.evaluate((n) => globalThis.__zhibiaoFake.table(n), name);
    expect(reopened.values.find((r) => r[at("period")] === "2023" && r[at("kind")] === "实际")![at("value")]).toBe(402.5);

    // Headers in English, a setting of this workbook for the tables inserted from then on.
    await page.locator(".settings summary").click();
    await page.locator("#lang").selectOption("en");
    await expect.poll(() => page.evaluate(() => globalThis.__zhibiaoFake.settings()["zhibiao.pane"]), { timeout: 60_000 }).toEqual({ refreshOnOpen: true, lang: "en" });
    expect(await page.locator('label[for="column-growth_pct"]').textContent()).toBe("Growth (%)");
    await page.locator('input[name="target"][value="newSheet"]').check();
    await page.locator("#layout").selectOption("long");
    await page.locator("#insert").click();
    await expect.poll(() => page.locator("#status").textContent(), { timeout: 60_000 }).toMatch(/^已插入表/);
    const english = /已插入表 (\S+)（/.exec((await page.locator("#status").textContent())!)![1]!;
    const englishTable = await page.evaluate((n) => globalThis.__zhibiaoFake.table(n), english);
    expect(englishTable.headers.slice(0, 4)).toEqual(["Region", "Period", "Part of year", "Kind"]);
    expect(englishTable.values[0]![3]).toMatch(/^(actual|estimate|target)$/);
    await page.evaluate(() => localStorage.clear());
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
