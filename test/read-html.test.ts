// HTML pages → the reading text: what a browser shows, in reading order, without the page's
// furniture; tables of figures as rows of cells. Small pages written here for each rule, the
// seeds as pages (equivalence with the text they came from), and the real saved pages of the
// development corpus when it is there.
import { describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { extractBytes, extractText, ExtractError, readBytes } from "../kit/core.js";
import { readHtml, looksLikeHtml } from "../kit/read/html/html.js";
import type { Observation } from "../kit/types.js";
import { toBlocks } from "../kit/text/blocks.js";
import { reportHtml } from "./helpers/formats.js";

const seedsDir = path.resolve(import.meta.dirname, "../seeds");
const devDir = path.resolve(import.meta.dirname, "../../shared/dev");

function page(body: string, head = "<meta charset=\"utf-8\"><title>页面</title>"): Uint8Array {
  return Buffer.from(`<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`, "utf8");
}

function textOf(bytes: Uint8Array | string): string {
  return readHtml(typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes, "test.html").text;
}

/** The reading text's lines with text (blank lines between blocks left out). */
function linesOf(bytes: Uint8Array | string): string[] {
  return textOf(bytes)
    .split("\n")
    .filter((l) => l.length > 0);
}

const ARTICLE = "2023年，全市实现地区生产总值386.42亿元，比上年增长3.6%。其中，第一产业增加值67.89亿元，增长4.1%。";

describe("decoding", () => {
  const body = `<p>${ARTICLE}</p>`;

  it("reads GBK bytes by the charset its <meta> declares", () => {
    const html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>统计公报</title></head><body>${body}</body></html>`;
    const r = readHtml(iconv.encode(html, "gbk"), "gbk.html");
    expect(r.text).toContain(ARTICLE);
    expect(r.encoding).toBe("gb18030");
  });

  it("reads a legacy encoding other than GBK when the <meta> names it (Big5)", () => {
    const html = `<html><head><meta charset="big5"><title>統計公報</title></head><body><p>全市實現地區生產總值386.42億元，比上年增長3.6%。</p></body></html>`;
    const r = readHtml(iconv.encode(html, "big5"), "big5.html");
    expect(r.text).toContain("全市實現地區生產總值386.42億元，比上年增長3.6%。");
    expect(r.encoding).toBe("big5");
  });

  it("trusts bytes that are UTF-8 over a <meta> that says GBK (a page stored again as UTF-8)", () => {
    const html = `<html><head><meta charset="gbk"></head><body>${body}</body></html>`;
    const r = readHtml(Buffer.from(html, "utf8"), "utf8.html");
    expect(r.text).toContain(ARTICLE);
    expect(r.encoding).toBe("utf-8");
  });

  it("reads GBK without a <meta> as GB18030, and UTF-16 with a byte-order mark", () => {
    const html = `<html><body>${body}</body></html>`;
    expect(readHtml(iconv.encode(html, "gbk"), "x.html").text).toContain(ARTICLE);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(html, "utf16le")]);
    const r = readHtml(utf16, "x.html");
    expect(r.text).toContain(ARTICLE);
    expect(r.text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it("decodes entities, numeric references and &nbsp;", () => {
    const lines = linesOf(page("<p>增长&nbsp;3.6%&nbsp;&nbsp;&lt;预计&gt; &amp; &#x4e2d;&#22269; &ldquo;十四五&rdquo;</p>"));
    expect(lines).toEqual(["增长 3.6% <预计> & 中国 “十四五”"]);
  });

  it("tells a page by its first bytes", () => {
    expect(looksLikeHtml(Buffer.from("  <!DOCTYPE html><html>"))).toBe(true);
    expect(looksLikeHtml(Buffer.from("\ufeff<?xml version=\"1.0\"?>\n<!-- x -->\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"))).toBe(true);
    expect(looksLikeHtml(Buffer.from("<!-- saved from url=(0083)http://www.wanzai.gov.cn/ -->"))).toBe(true);
    expect(looksLikeHtml(Buffer.from("<HEAD><TITLE>x</TITLE>"))).toBe(true);
    expect(looksLikeHtml(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode("<html><body>", "utf16le")]))).toBe(true);
    expect(looksLikeHtml(Buffer.from("关于2023年计划执行情况的报告\n<p>不是网页</p>"))).toBe(false);
    expect(looksLikeHtml(Buffer.from("指标,2023年\n地区生产总值,386.42"))).toBe(false);
  });
});

describe("inline text", () => {
  it("reads a number split across inline tags as one", () => {
    const lines = linesOf(page("<p>202<span>5</span>年，全县实现生产总值<span>(GDP)1102284</span>万元，增长<b>3.</b><span>2</span>%，<font>其</font><i>中</i>第一产业增长<span>4</span>.<span>0%</span>。</p>"));
    expect(lines).toEqual(["2025年，全县实现生产总值(GDP)1102284万元，增长3.2%，其中第一产业增长4.0%。"]);
  });

  it("collapses white space as a browser does, and drops a source line break between Chinese characters", () => {
    const lines = linesOf(page("<p>全市实现地区\n   生产总值  386.42 亿元，\n增长3.6%。\tGDP\ngrowth</p>"));
    expect(lines).toEqual(["全市实现地区生产总值 386.42 亿元，增长3.6%。 GDP growth"]);
  });

  it("drops characters a browser does not draw", () => {
    expect(linesOf(page("<p>增长3\u200b.6%\u00ad，</p>"))).toEqual(["增长3.6%，"]);
  });

  it("makes every block element a line, and inline elements flow", () => {
    const lines = linesOf(page("<div>一、综合<div>全市生产总值<span>386亿元</span></div><ul><li>甲</li><li>乙</li></ul>尾</div><h2>二、农业</h2>"));
    expect(lines).toEqual(["一、综合", "全市生产总值386亿元", "甲", "乙", "尾", "二、农业"]);
  });
});

describe("<br>", () => {
  it("ends a paragraph after a sentence, before an indented or enumerated line, and at two in a row", () => {
    const html = page(
      "<p>一、综合<br>全年实现地区生产总值386.42亿元，增长3.6%。<br>&nbsp;&nbsp;全年粮食产量42万吨，增长1%。<br>（一）工业<br>规模以上工业增加值增长5%，<br><br>全年进出口总额12亿元。</p>",
    );
    expect(linesOf(html)).toEqual(["一、综合", "全年实现地区生产总值386.42亿元，增长3.6%。", "全年粮食产量42万吨，增长1%。", "（一）工业", "规模以上工业增加值增长5%，", "全年进出口总额12亿元。"]);
  });

  it("is read inside a sentence where a page wraps its paragraphs by hand", () => {
    const html = page("<p>　　2023年，全市实现地区生产总值386.42亿元，按可比价格计算，<br>比上年增长3.6%，其中第一产业增加值<br>67.89亿元，增长4.1%。全市 GDP<br>per capita 达到5万元。</p>");
    expect(linesOf(html)).toEqual(["2023年，全市实现地区生产总值386.42亿元，按可比价格计算，比上年增长3.6%，其中第一产业增加值67.89亿元，增长4.1%。全市 GDP per capita 达到5万元。"]);
  });

  it("ends a short line with no punctuation (a signature, a date)", () => {
    expect(linesOf(page("<p>某某市统计局<br>2024年3月1日</p>"))).toEqual(["某某市统计局", "2024年3月1日"]);
  });

  it("is read as a wrap inside a heading (a long title over two lines)", () => {
    expect(linesOf(page("<h2>关于某某市2023年国民经济和社会发展计划执行情况<br>与2024年计划草案的报告</h2>"))).toEqual(["关于某某市2023年国民经济和社会发展计划执行情况与2024年计划草案的报告"]);
  });
});

describe("what a reader does not see", () => {
  it("leaves out scripts, styles, templates, forms' widgets and comments", () => {
    const html = page(`<script>var a = "<p>脚本</p>";</script><style>p { color: red }</style><noscript>请启用脚本</noscript><template><p>模板</p></template><!-- 注释 --><p>${ARTICLE}</p><select><option>选项</option></select><button>搜索</button><textarea>输入</textarea>`);
    expect(linesOf(html)).toEqual([ARTICLE]);
  });

  it("leaves out hidden elements (hidden, display:none, visibility:hidden, hiding classes)", () => {
    const html = page(
      `<p>${ARTICLE}</p><p hidden>隐藏一</p><div style="DISPLAY: none">隐藏二</div><span style="color:red; visibility : hidden">隐藏三</span><div class="box hide">隐藏四</div><p>增长<span style="display:none">99</span>5%。</p>`,
    );
    expect(linesOf(html)).toEqual([ARTICLE, "增长5%。"]);
  });
});

describe("page furniture", () => {
  const article = `<h1>某某市2023年国民经济和社会发展统计公报</h1><div class="info">发布时间：2024-03-01</div><div id="zoom"><p>${ARTICLE}</p><p>全年粮食产量42万吨，增长1%。</p></div>`;

  it("leaves out navigation, the site's header and footer, share widgets and related articles", () => {
    const html = page(
      `<header><div class="logo">某某市人民政府</div></header><nav><a href="/">首页</a><a href="/a">政务公开</a></nav><div class="crumb">当前位置：<a href="/">首页</a> &gt; 统计公报</div>
       <div class="main">${article}
       <div class="bdsharebuttonbox">分享到：<a class="bds_weixin"></a></div>
       <div class="related"><h3>相关文章</h3><p>暂无</p></div></div>
       <aside><h3>热点</h3><p>某某新闻</p></aside>
       <footer>主办单位：某某市人民政府办公室 地址：某某路1号 电话：0759-1234567</footer><div class="footer_yqlj">友情链接</div>`,
      `<meta charset="utf-8"><title>某某市2023年国民经济和社会发展统计公报 _ 某某市人民政府</title>`,
    );
    expect(linesOf(html)).toEqual(["某某市2023年国民经济和社会发展统计公报", "发布时间：2024-03-01", ARTICLE, "全年粮食产量42万吨，增长1%。"]);
  });

  it("keeps an article's own header and footer (inside <article>)", () => {
    const html = page(`<article><header><h1>某某市2023年统计公报</h1></header><p>${ARTICLE}</p><footer>某某市统计局 2024年3月1日</footer></article>`, "<title>某某市2023年统计公报</title>");
    expect(linesOf(html)).toEqual(["某某市2023年统计公报", ARTICLE, "某某市统计局 2024年3月1日"]);
  });

  it("leaves out blocks that are mostly links (menus, lists of related articles)", () => {
    const html = page(
      `<div class="content"><h1>某某市2023年统计公报</h1><p>${ARTICLE}</p>
       <div class="list"><h3>相关稿件：</h3><ul><li><a href="/1">某某市2022年统计公报</a> 2023-03-01</li><li><a href="/2">某某市2021年统计公报</a> 2022-03-01</li></ul></div>
       <p>附件：<a href="/f.pdf">某某市2023年统计公报.pdf</a></p>
       <div><span>上一篇：<a href="/p">某某市统计局关于开展统计调查的通知</a></span><span>下一篇：<a href="/n">某某市2023年人口抽样调查主要数据公报</a></span></div>
       <p>全市有<a href="/x">高新技术企业</a>120家，比上年增加15家，占规模以上工业企业的比重为30%。</p></div>`,
      "<title>某某市2023年统计公报_某某市统计局</title>",
    );
    expect(linesOf(html)).toEqual(["某某市2023年统计公报", ARTICLE, "全市有高新技术企业120家，比上年增加15家，占规模以上工业企业的比重为30%。"]);
  });

  it("never leaves out the article itself, whatever its class says", () => {
    const long = Array.from({ length: 5 }, () => ARTICLE).join("");
    const html = page(`<div class="main-header"><p>${long}</p></div><div class="footer">页脚</div>`);
    expect(linesOf(html)).toEqual([long]);
  });

  it("reads a page that is all links rather than nothing", () => {
    expect(linesOf(page(`<ul><li><a href="/1">某某市2023年统计公报</a></li><li><a href="/2">某某市2022年统计公报</a></li></ul>`, "<title>列表</title>"))).toEqual([
      "某某市2023年统计公报",
      "某某市2022年统计公报",
    ]);
  });
});

describe("the title", () => {
  it("opens the text with the article's title, not the site's masthead", () => {
    const html = page(
      `<div class="top">某某市人民政府 欢迎您 2024年3月1日 星期五</div><div class="wrap"><h1>某某市2023年国民经济和社会发展统计公报</h1><p>${ARTICLE}</p></div><div>版权所有</div>`,
      "<title>某某市人民政府 | 某某市2023年国民经济和社会发展统计公报</title>",
    );
    const r = readHtml(html, "t.html");
    expect(r.text.startsWith("某某市2023年国民经济和社会发展统计公报\n\n")).toBe(true);
    expect(r.text).not.toContain("欢迎您");
    expect(r.text).not.toContain("版权所有");
    expect(r.sources[0]).toEqual({ start: 0, end: "某某市2023年国民经济和社会发展统计公报".length, source: "h1 1" });
  });

  it("puts the <title>'s words first when the heading leaves the region out", () => {
    const html = page(`<h1>2023年国民经济和社会发展统计公报</h1><p>${ARTICLE}</p>`, "<title>某某市2023年国民经济和社会发展统计公报 - 某某市统计局</title>");
    expect(linesOf(html).slice(0, 2)).toEqual(["某某市2023年国民经济和社会发展统计公报", "2023年国民经济和社会发展统计公报"]);
  });

  it("reads the article's words of a <title> joined to the site's name by a hyphen, not a year span's", () => {
    const html = page(`<h1>某某市2021-2025年规划纲要</h1><p>${ARTICLE}</p>`, "<title>某某市2021-2025年规划纲要-某某市人民政府</title>");
    expect(linesOf(html)).toEqual(["某某市2021-2025年规划纲要", ARTICLE]);
  });

  it("puts the <title>'s words first when no element of the page repeats them", () => {
    const html = page(`<p>${ARTICLE}</p>`, "<title>某某市2023年国民经济和社会发展统计公报_中国某某</title>");
    expect(linesOf(html)).toEqual(["某某市2023年国民经济和社会发展统计公报", ARTICLE]);
    expect(readHtml(html, "t.html").sources[0]!.source).toBe("title 1");
  });

  it("keeps the text before a title that is found after most of the page", () => {
    const long = Array.from({ length: 6 }, () => ARTICLE).join("");
    const html = page(`<p>${long}</p><h2>某某市2023年统计公报</h2><p>短文。</p>`, "<title>某某市2023年统计公报</title>");
    expect(linesOf(html)).toEqual(["某某市2023年统计公报", long, "某某市2023年统计公报", "短文。"]);
  });
});

describe("tables", () => {
  it("reads a table of figures as rows of cells, merged cells in their first slot", () => {
    const html = page(
      `<p>${ARTICLE}</p><table border="1">
        <tr><th rowspan="2">指标</th><th rowspan="2">单位</th><th colspan="2">2023年</th></tr>
        <tr><th>绝对值</th><th>增长%</th></tr>
        <tr><td>地区生产总值</td><td>亿元</td><td>386.42</td><td>3.6</td></tr>
        <tr><td rowspan="2">其中：<p>第一产业</p></td><td>亿元</td><td>67.89</td><td>4.1</td></tr>
        <tr><td>亿元</td><td>1<span>2</span>0.5</td><td>5.0</td></tr>
      </table>`,
    );
    const r = readHtml(html, "t.html");
    const table = r.text.slice(r.text.indexOf("指标")).trimEnd().split("\n");
    expect(table.map((l) => l.split("\t"))).toEqual([
      ["指标", "单位", "2023年", ""],
      ["", "", "绝对值", "增长%"],
      ["地区生产总值", "亿元", "386.42", "3.6"],
      ["其中：第一产业", "亿元", "67.89", "4.1"],
      ["", "亿元", "120.5", "5.0"],
    ]);
    expect(r.sources.find((s) => s.source === "table 1")).toEqual({ start: r.text.indexOf("指标"), end: r.text.trimEnd().length, source: "table 1" });
  });

  it("reads a layout table that holds the report as prose", () => {
    const html = page(
      `<table width="100%"><tr><td class="title" align="center">某某市2023年统计公报</td></tr>
       <tr><td><p>${ARTICLE}</p><p>全年粮食产量42万吨，比上年增长1%，其中夏粮产量20万吨，增长2%。</p></td></tr></table>`,
      "<title>某某市2023年统计公报</title>",
    );
    expect(linesOf(html)).toEqual(["某某市2023年统计公报", ARTICLE, "全年粮食产量42万吨，比上年增长1%，其中夏粮产量20万吨，增长2%。"]);
  });

  it("reads nested tables: the frames as blocks, the table of figures inside as rows", () => {
    const html = page(
      `<table><tr><td><a href="/">首页</a> <a href="/b">统计公报</a></td></tr><tr><td>
         <table><tr><td><h2>某某市2023年统计公报</h2><p>${ARTICLE}</p>
           <table border="1"><tr><td>指标</td><td>2023年</td></tr><tr><td>粮食产量（万吨）</td><td>42</td></tr></table>
         </td><td><ul><li><a href="/1">通知一</a></li><li><a href="/2">通知二</a></li></ul></td></tr></table>
       </td></tr></table>`,
      "<title>某某市2023年统计公报</title>",
    );
    expect(textOf(html)).toBe(`某某市2023年统计公报\n\n${ARTICLE}\n\n指标\t2023年\n粮食产量（万吨）\t42\n\n`);
  });

  it("reads a row of one cell across the table as its title above the rows, or a note below them", () => {
    const html = page(
      `<p>${ARTICLE}</p><table border="1"><tr><td colspan="3">表1 2023年主要指标</td></tr><tr><td>指标</td><td>单位</td><td>2023年</td></tr>
       <tr><td colspan="3">一、农业</td></tr><tr><td>粮食产量</td><td>万吨</td><td>42</td></tr><tr><td colspan="3">注：粮食产量为初步数。</td></tr></table>`,
    );
    expect(linesOf(html).slice(1)).toEqual(["表1 2023年主要指标", "指标\t单位\t2023年", "一、农业\t\t", "粮食产量\t万吨\t42", "注：粮食产量为初步数。"]);
  });

  it("puts a table's caption on a line of its own above its rows", () => {
    const html = page(`<p>${ARTICLE}</p><table><caption>表1 主要指标</caption><tr><td>指标</td><td>2023年</td></tr><tr><td>粮食产量</td><td>42</td></tr></table>`);
    expect(linesOf(html).slice(-3)).toEqual(["表1 主要指标", "指标\t2023年", "粮食产量\t42"]);
  });
});

describe("errors and stability", () => {
  it("names a page with no visible text", () => {
    const html = page(`<script>document.write("x")</script><div style="display:none">隐藏</div><img src="a.png">`, "<title>统计公报</title>");
    expect(() => readHtml(html, "empty.html")).toThrow(ExtractError);
    try {
      readHtml(html, "empty.html");
    } catch (err) {
      expect((err as ExtractError).code).toBe("no_text");
      expect((err as ExtractError).message).toContain("统计公报");
    }
  });

  it("says so when the page only frames other pages", () => {
    const html = Buffer.from(`<html><head><title>某某市统计局</title></head><frameset cols="20%,80%"><frame src="menu.html"><frame src="main.html"></frameset></html>`);
    expect(() => readHtml(html, "frames.html")).toThrow(/frames.*save the framed page itself/);
  });

  it("reads the same text, offsets and sources on every run", () => {
    const html = page(`<h1>某某市2023年统计公报</h1><p>${ARTICLE}</p><table><tr><td>指标</td><td>2023年</td></tr><tr><td>粮食产量</td><td>42</td></tr></table>`);
    const a = readHtml(html, "t.html");
    const b = readHtml(Buffer.from(html), "t.html");
    expect(b).toEqual(a);
  });

  it("reads pages nested thousands of elements deep", () => {
    const deep = "<div>".repeat(10_000) + ARTICLE + "</div>".repeat(10_000);
    expect(linesOf(page(deep))).toEqual([ARTICLE]);
  });
});

const FIELDS = ["region", "period", "period_part", "kind", "indicator", "value", "unit", "growth_pct", "growth_basis", "value_qualifier", "growth_qualifier", "target_text", "rank", "rank_scope"] as const;
function facts(observations: Observation[]): string[] {
  return observations.map((o) => JSON.stringify(FIELDS.map((f) => o[f]))).sort();
}

async function seedAsPage(name: string, text: string): Promise<{ observations: Observation[]; text: string }> {
  const pageName = name.replace(".txt", ".html");
  const html = Buffer.from(reportHtml(text, name.replace(".txt", "")), "utf8");
  const reading = await readBytes(html, { name: pageName });
  expect(reading.format).toBe("html");
  const result = await extractBytes(html, { name: pageName });
  for (const m of result.mentions) expect(reading.text.slice(m.start, m.end)).toBe(m.quote);
  return { observations: result.observations, text: reading.text };
}

describe("the seeds as web pages", () => {
  const seeds = readdirSync(seedsDir).filter((f) => f.endsWith(".txt"));
  it.each(seeds)("%s read as a page gives the observations of its text", async (name) => {
    const text = readFileSync(path.join(seedsDir, name), "utf8");
    const fromPage = await seedAsPage(name, text);
    expect(facts(fromPage.observations)).toEqual(facts(extractText(text, { name }).observations));
  });
});

describe.skipIf(!existsSync(path.join(devDir, "docs")))("saved pages of the development corpus", () => {
  const docs = existsSync(path.join(devDir, "docs")) ? readdirSync(path.join(devDir, "docs")).filter((f) => f.endsWith(".html")) : [];
  it.each(docs)("%s opens with its title and leaves the site around it out", async (name) => {
    const bytes = readFileSync(path.join(devDir, "docs", name));
    const r = readHtml(bytes, name);
    const first = r.text.slice(0, r.text.indexOf("\n"));
    expect(first).toMatch(/统计公报/);
    expect(r.text).not.toMatch(/版权所有|主办单位|网站地图|扫一扫/);
    const result = await extractBytes(bytes, { name });
    expect(result.documents).toHaveLength(1);
    expect(result.observations.length).toBeGreaterThan(10);
  });
});
if (!existsSync(path.join(devDir, "docs"))) console.log(`skipped: the development corpus is not at ${devDir}`);
