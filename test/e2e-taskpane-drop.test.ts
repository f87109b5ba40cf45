// End to end, with no service: the built task pane served as static files (the API unreachable),
// headless Chromium, the fake Excel host injected. A seed report is chosen with the file input and
// its web-page copy dropped on the pane (a synthetic drop); each lands in the workbook as a table
// with 雷州市's 2023 GDP of 386.42; the source view opens the report at the number; Refresh all says
// it cannot refresh a file's table; a PDF made by LibreOffice is read through pdf.js's worker; a scan
// and a password-protected PDF get the kit's failure message in Chinese; the language setting is
// remembered. Screenshots go to test-artifacts/.
import { build } from "esbuild";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {} from "./fakes/browser.js"; // the page's __zhibiaoFake
import { headerOf } from "../addin/excel/labels.js";
import { columnLetters } from "./fakes/model.js";
import { convert, hasWriter, WRITER_SKIP, writeReportHtml } from "./helpers/formats.js";
import { reportHtml } from "./helpers/report-html.js";

const root = path.resolve(import.meta.dirname, "..");
const addin = path.join(root, "dist/addin");
const artifacts = path.join(root, "test-artifacts");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`e2e-taskpane-drop: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
if (hasChromium && !hasWriter) console.warn(`e2e-taskpane-drop: the PDF cases are ${WRITER_SKIP}`);

const SEED = "000_b3806004d9469c12.txt";
const seedText = readFileSync(path.join(root, "seeds", SEED), "utf8");


const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".map": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
};

/** The built add-in as plain static files: what a page needs with no Zhibiao service behind it. */
function staticServer(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    const file = path.join(dir, path.normalize(rel));
    if (!file.startsWith(dir + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, origin: `http://localhost:${(server.address() as AddressInfo).port}` })));
}

/** A PDF of one page with a filled square and no text: what a scanner's PDF is to a text reader. */
function pdfWithoutText(): Buffer {
  const content = "0 0 1 rg 20 20 120 120 re f";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

describe.skipIf(!hasChromium)("a report dropped into the task pane, with no service", () => {
  let server: Server;
  let origin: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const workers: string[] = [];
  let pdfs: Promise<{ report: string; secret: string }> | null = null;

  beforeAll(async () => {
    for (const f of ["taskpane.js", "taskpane.html", "pdfjs/pdf.worker.min.mjs", "pdfjs/cmaps/UniGB-UCS2-H.bcmap"]) {
      if (!existsSync(path.join(addin, f))) throw new Error(`dist/addin/${f} is missing: run npm run build (npm test does)`);
    }
    // LibreOffice works while the browser starts.
    if (hasWriter) {
      pdfs = (async () => {
        const report = await convert(writeReportHtml(seedText, "leizhou"), "pdf:writer_pdf_Export");
        const filter = 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}';
        const secret = await convert(writeReportHtml("全市地区生产总值386.42亿元，增长3.6%。", "secret"), filter);
        return { report, secret };
      })();
      pdfs.catch(() => undefined);
    }
    ({ server, origin } = await staticServer(addin));
    const fake = await build({ entryPoints: [path.join(root, "test/fakes/browser.ts")], bundle: true, write: false, format: "iife", platform: "browser", target: "es2020", logLevel: "silent" });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    context = await browser.newContext({ viewport: { width: 360, height: 1000 }, locale: "zh-CN" });
    await context.addInitScript({ content: fake.outputFiles[0]!.text });
    await context.route("https://appsforoffice.microsoft.com/**", (route) => route.fulfill({ contentType: "application/javascript", body: "/* office.js: replaced by the fake host */" }));
    // No service: every API request fails as it does when `zhibiao serve` is not running.
    await context.route("**/api/**", (route) => route.abort("connectionrefused"));
    await context.route((url) => url.hostname !== "localhost", (route) => route.abort());
    page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("worker", (w) => workers.push(w.url()));
    await page.goto(`${origin}/taskpane.html`);
    mkdirSync(artifacts, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
  });

  const gdp2023 = async (name: string) => {
    const table = await page.evaluate((n) => globalThis.__zhibiaoFake.table(n), name);
    // Chinese headers and codes by default, as for the service's tables (kit/lexicon/labels.json).
    const at = (f: string) => table.headers.indexOf(headerOf(f, "zh"));
    const row = table.values.find((r) => r[at("region")] === "雷州市" && r[at("indicator")] === "地区生产总值" && r[at("period")] === "2023" && r[at("kind")] === "实际");
    return { table, at, row };
  };
  const tables = () => page.evaluate(() => globalThis.__zhibiaoFake.tableNames());

  /** Drops a file on the drop zone as a browser does: dragover, then drop with a DataTransfer holding it. */
  const drop = (name: string, bytes: Buffer, type: string) =>
    page.evaluate(
      ({ name, b64, type }) => {
        const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([data], name, { type }));
        const zone = document.getElementById("drop-zone")!;
        zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
      },
      { name, b64: bytes.toString("base64"), type },
    );

  it("loads a report chosen with the file input, and shows a number's source from the file itself", async () => {
    await expect.poll(() => page.locator("#service").textContent(), { timeout: 15_000 }).toContain("无法连接");
    await page.locator("#file-input").setInputFiles({ name: SEED, mimeType: "text/plain", buffer: Buffer.from(seedText) });
    await expect.poll(() => page.locator("#drop-status").textContent(), { timeout: 30_000 }).toContain("已从");
    expect(await page.locator("#drop-status").textContent()).toContain("指标_雷州市");
    expect(await tables()).toEqual(["指标_雷州市"]);
    const { table, at, row } = await gdp2023("指标_雷州市");
    expect(row?.[at("value")]).toBe(386.42);
    expect(row?.[at("growth_pct")]).toBe(3.6);
    expect(row?.[at("doc")]).toBe(SEED);

    // The source of the number, from the dropped file (the service is not there).
    const r = table.values.indexOf(row!) + 2;
    await page.evaluate((a) => globalThis.__zhibiaoFake.select("Sheet1", a), `${columnLetters(at("value"))}${r}`);
    await expect.poll(() => page.locator("#source-body").textContent(), { timeout: 15_000 }).toContain("386.42");
    const prose = page.locator('#source-body figure[data-from-table="false"]').first();
    expect(await prose.locator("mark.number").textContent()).toBe("386.42");
    // The annex row under its column headers: which figure is the 2023 result.
    const hit = page.locator('#source-body figure[data-from-table="true"] tr.hit').first();
    expect(await hit.locator("th").textContent()).toMatch(/2023/);
    expect(await hit.locator("td").textContent()).toBe("386.42");

    // Open the report at that place: the number is marked and scrolled into view in the reading box.
    await prose.locator("button.open").click();
    const pre = prose.locator(".reading pre");
    await expect.poll(() => pre.count(), { timeout: 15_000 }).toBe(1);
    const visible = await pre.evaluate((box) => {
      const mark = box.querySelector("mark.number")!;
      const a = box.getBoundingClientRect();
      const b = mark.getBoundingClientRect();
      return { inside: b.top >= a.top && b.bottom <= a.bottom, scrolled: box.scrollTop > 0, text: mark.textContent, before: box.textContent!.indexOf("全市完成地区生产总值") };
    });
    expect(visible).toMatchObject({ inside: true, scrolled: true, text: "386.42" });
    expect(visible.before).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(artifacts, "taskpane-drop-source.png"), fullPage: true });
  }, 90_000);

  it("loads a report dropped on the pane (a web page), and Refresh all leaves file tables alone and says so", async () => {
    const html = Buffer.from(reportHtml(seedText, "雷州市报告"));
    await page.evaluate(() => globalThis.__zhibiaoFake.select("Sheet1", "AA1"));
    await drop("leizhou.html", html, "text/html");
    await expect.poll(() => page.locator("#drop-status").textContent(), { timeout: 30_000 }).toContain("leizhou.html");
    await expect.poll(tables, { timeout: 15_000 }).toEqual(["指标_雷州市", "指标_雷州市_2"]);
    const { at, row } = await gdp2023("指标_雷州市_2");
    expect(row?.[at("value")]).toBe(386.42);

    await page.evaluate(() => globalThis.__zhibiaoFake.clickRibbon("refreshAll"));
    const status = await page.locator("#status").textContent();
    expect(status).toBe("2 个表来自拖入的文件（不从服务刷新）");
    expect(status).not.toContain("无法连接");
    expect(await page.locator("#details").textContent()).toContain("再次拖入该文件即可更新");

    // The same file dropped again updates its table in place rather than adding one.
    await drop(SEED, Buffer.from(seedText.replaceAll("386.42", "401.23")), "text/plain");
    await expect.poll(() => page.locator("#drop-status").textContent(), { timeout: 30_000 }).toContain("已用");
    expect(await tables()).toEqual(["指标_雷州市", "指标_雷州市_2"]);
    const again = await gdp2023("指标_雷州市");
    expect(again.row?.[again.at("value")]).toBe(401.23);
    await page.screenshot({ path: path.join(artifacts, "taskpane-drop.png"), fullPage: true });
  }, 90_000);

  it("says a scan has no text layer, in Chinese, and loads nothing", async () => {
    await page.locator("#file-input").setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: pdfWithoutText() });
    await expect.poll(() => page.locator("#drop-status").textContent(), { timeout: 60_000 }).toContain("没有文字层");
    expect(await page.locator("#drop-status").textContent()).toMatch(/^scan\.pdf：.*扫描件.*OCR/);
    expect(await page.locator("#drop-status").getAttribute("class")).toContain("problem");
    expect(await tables()).toEqual(["指标_雷州市", "指标_雷州市_2"]);
  }, 90_000);

  it.skipIf(!hasWriter)("reads a PDF made by LibreOffice through pdf.js's worker, with its pages; and refuses a password-protected one", async () => {
    const { report, secret } = await pdfs!;
    await page.evaluate(() => globalThis.__zhibiaoFake.select("Sheet1", "BA1"));
    await page.locator("#file-input").setInputFiles(report);
    await expect.poll(() => page.locator("#drop-status").textContent(), { timeout: 90_000 }).toContain("已从 leizhou.pdf");
    const { table, at, row } = await gdp2023("指标_雷州市_3");
    expect(row?.[at("value")]).toBe(386.42);
    // pdf.js ran in a Web Worker from the files the build copied beside the page.
    expect(workers.some((u) => u.endsWith("/pdfjs/pdf.worker.min.mjs"))).toBe(true);

    const r = table.values.indexOf(row!) + 2;
    await page.evaluate((a) => globalThis.__zhibiaoFake.select("Sheet1", a), `${columnLetters(at("value") + 52)}${r}`);
    await expect.poll(() => page.locator("#source-body figcaption").first().textContent(), { timeout: 15_000 }).toMatch(/第\d+页/);
    await page.locator("#source-body button.open").first().click();
    expect(await page.locator("#source-body .reading .page").first().textContent()).toMatch(/第\d+页/);

    await page.locator("#file-input").setInputFiles(secret);
    await expect.poll(() => page.locator("#drop-status").textContent(), { timeout: 60_000 }).toContain("密码");
    expect(await page.locator("#drop-status").textContent()).toMatch(/^secret\.pdf：文件有密码保护/);
  }, 600_000); // LibreOffice runs one conversion at a time across test processes

  it("switches to English and remembers it across a reload", async () => {
    await page.locator("#language").selectOption("en");
    expect(await page.locator("#picker-region legend").textContent()).toBe("Region");
    expect(await page.locator("#drop h2").textContent()).toBe("Load from a file");
    await page.reload();
    await expect.poll(() => page.locator("#picker-region legend").textContent(), { timeout: 15_000 }).toBe("Region");
    expect(await page.locator("#language").inputValue()).toBe("en");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await page.locator("#language").selectOption("zh");
    expect(await page.locator("#picker-region legend").textContent()).toBe("地区");
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
