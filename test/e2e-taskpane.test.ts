// End to end: the built `zhibiao serve` over a temporary copy of the seeds, the task pane in
// headless Chromium, and Office.js replaced by the fake Excel host injected before the page loads.
// Pick 雷州市 + 地区生产总值, Insert, check the workbook; change the report on disk, click the
// ribbon's Refresh all, check the new value. A screenshot of the pane goes to test-artifacts/.
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
  const child = spawn(process.execPath, [path.join(root, "dist/cli/main.js"), "serve", folder, "--http", "--port", "0"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
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
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("inserts 雷州市's GDP, shows its source, and refreshes it from the ribbon after the report changes", async () => {
    await page.goto(`${serve.origin}/taskpane.html`);
    // Parks and zones are listed under the region of their report, not as regions.
    const regionRows = () => page.locator("#region-list li").evaluateAll((lis) => lis.map((li) => `${li.classList.contains("nested") ? "  " : ""}${li.querySelector("label")!.textContent}`));
    await expect.poll(async () => (await regionRows()).includes("  雷州经济开发区"), { timeout: 15_000 }).toBe(true);
    const rows = await regionRows();
    const parentAbove = (zone: string) => rows.slice(0, rows.indexOf(`  ${zone}`)).reverse().find((r) => !r.startsWith("  "));
    expect(parentAbove("雷州经济开发区")).toBe("雷州市");
    expect(parentAbove("推动湛河区智能装备制造产业园")).toBe("湛河区");
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
    await expect.poll(() => page.locator("#preview").getAttribute("data-count"), { timeout: 15_000 }).toBe("2");
    expect(await page.evaluate(() => globalThis.__zhibiaoFake.registered())).toEqual(["refreshAll"]);

    await page.locator("#insert").click();
    const name = "指标_雷州市_地区生产总值";
    await expect.poll(() => page.locator("#status").textContent(), { timeout: 15_000 }).toContain(name);
    const table = await page.evaluate((n) => globalThis.__zhibiaoFake.table(n), name);
    const at = (f: string) => table.headers.indexOf(f);
    const gdp2023 = () => table.values.find((r) => r[at("period")] === "2023" && r[at("kind")] === "actual")!;
    const address = `Sheet1!A1:${columnLetters(table.headers.length - 1)}3`;
    expect(table.address).toBe(address);
    expect(gdp2023()[at("value")]).toBe(386.42);
    expect(gdp2023()[at("growth_pct")]).toBe(3.6);

    // Selecting the number shows the sentence it comes from.
    const row = table.values.indexOf(gdp2023()) + 2;
    await page.evaluate((a) => globalThis.__zhibiaoFake.select("Sheet1", a), `${columnLetters(at("value"))}${row}`);
    await expect.poll(() => page.locator("#source-body").textContent(), { timeout: 15_000 }).toContain("386.42");
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
    await expect.poll(() => page.locator("#facts .coverage").textContent(), { timeout: 15_000 }).toContain("湛河区 2022、2023");
    // The report opened at the sentence, from the service's reading text.
    const prose = page.locator('#source-body figure[data-from-table="false"]').first();
    await prose.locator("button.open").click();
    await expect.poll(() => prose.locator(".reading mark.number").count(), { timeout: 15_000 }).toBe(1);
    expect(await prose.locator(".reading mark.number").textContent()).toBe("386.42");
    expect(await prose.locator(".reading pre").textContent()).toContain("雷州市");
    mkdirSync(path.join(root, "test-artifacts"), { recursive: true });
    await page.screenshot({ path: path.join(root, "test-artifacts/taskpane.png"), fullPage: true });

    // The report changes on disk; the service picks it up without a restart.
    const file = path.join(tmp, LEIZHOU);
    writeFileSync(file, readFileSync(file, "utf8").replaceAll("386.42", "401.23"));
    const served = async () => {
      const res = await fetch(`${serve.origin}/api/observations?region=${encodeURIComponent("雷州市")}&indicator=gdp&period=2023&kind=actual`);
      return ((await res.json()) as ObservationsPage).items[0]?.value;
    };
    await expect.poll(served, { timeout: 15_000 }).toBe(401.23);

    await page.evaluate(() => globalThis.__zhibiaoFake.clickRibbon("refreshAll"));
    const after = await page.evaluate((n) => globalThis.__zhibiaoFake.table(n), name);
    const refreshed = after.values.find((r) => r[at("period")] === "2023" && r[at("kind")] === "actual")!;
    expect(refreshed[at("value")]).toBe(401.23);
    expect(after.address).toBe(address);
    // Two cells changed: the value and the quote that states it.
    expect(await page.locator("#status").textContent()).toBe("已刷新 1 个表，2 个值有变化");
    expect(refreshed[at("quote")]).toContain("401.23");
    await expect.poll(() => page.locator("#source-body").textContent(), { timeout: 15_000 }).toContain("401.23");
    await page.screenshot({ path: path.join(root, "test-artifacts/taskpane-refreshed.png"), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
