// Word files → reading text. Small documents written here test each part of the reader
// (merged cells, heading styles and list numbers, tab-laid tables, revisions, fields, text
// boxes, notes, broken files); real DOCX files made by LibreOffice from the seeds must read
// to the same observations as the seeds' text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { extractBytes, extractReading, extractText, readBytes } from "../kit/core.js";
import type { ExtractResult, Observation } from "../kit/types.js";
import { convert, hasWriter, reportHtml, writeReportHtml, WRITER_SKIP } from "./helpers/formats.js";
import { docx, ole2, p, r, tbl } from "./helpers/ooxml.js";

const root = path.resolve(import.meta.dirname, "..");

async function text(bytes: Uint8Array): Promise<string> {
  return (await readBytes(bytes, { name: "t.docx" })).text;
}

async function failure(bytes: Uint8Array, name = "t.docx"): Promise<{ code: string; message: string }> {
  try {
    await readBytes(bytes, { name });
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error("read without an error");
}

const STYLES = [
  '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>',
  '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>',
  '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 2"/><w:basedOn w:val="a"/></w:style>',
  '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>',
  '<w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body Text"/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr></w:style>',
  '<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>',
].join("");

const NUMBERING = [
  '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:pStyle w:val="1"/></w:lvl>',
  '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>',
  '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>',
  '<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl></w:abstractNum>',
  '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
  '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>',
  '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>',
].join("");

const numbered = (numId: number, ilvl = 0) => `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`;
const style = (id: string) => `<w:pStyle w:val="${id}"/>`;

describe("paragraphs and headings", () => {
  it("reads paragraphs in order, one block each", async () => {
    expect(await text(docx(p("第一段。") + p("") + p([r("第二"), r("段。")])))).toBe("第一段。\n\n第二段。\n\n");
  });

  it("marks heading styles (by outline level or name) as headings, with the numbers Word draws", async () => {
    const body = [
      p("黔东南州2016年统计公报", style("Title")),
      p("综合", style("1")),
      p("全州生产总值939.05亿元。"),
      p("农业", style("1")),
      p("种植业", style("2")),
      p("粮食", numbered(1, 1)),
      p("林业", numbered(1, 1)),
      p("工业", style("1")),
      p("规模以上工业", numbered(2)),
      p("建筑业", numbered(2)),
      p("要点", numbered(3)),
    ].join("");
    expect(await text(docx(body, { styles: STYLES, numbering: NUMBERING }))).toBe(
      [
        "# 黔东南州2016年统计公报",
        "# 一、综合",
        "全州生产总值939.05亿元。",
        "# 二、农业",
        "## 种植业",
        "（一）粮食",
        "（二）林业",
        "# 三、工业",
        "1. 规模以上工业",
        "2. 建筑业",
        "要点",
        "",
      ].join("\n\n"),
    );
  });

  it("keeps a sentence in a heading style a paragraph", async () => {
    const t = await text(docx(p("全年地区生产总值939.05亿元。比上年增长13.3%", style("2")), { styles: STYLES }));
    expect(t).toBe("全年地区生产总值939.05亿元。比上年增长13.3%\n\n");
  });

  it("leaves out a table of contents (styles and TOC fields)", async () => {
    const toc = [
      p([r("目录")]),
      `<w:p><w:pPr>${style("TOC1")}</w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${r("一、综合\t1")}</w:p>`,
      `<w:p><w:pPr>${style("TOC1")}</w:pPr>${r("二、农业\t3")}</w:p>`,
      `<w:p>${r("三、工业\t5")}<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`,
      p("一、综合"),
    ].join("");
    expect(await text(docx(toc, { styles: STYLES }))).toBe("目录\n\n一、综合\n\n");
  });

  it("joins a paragraph broken inside a sentence, unless the next one is indented", async () => {
    const long = "全年全州财税收入达到156.40亿元，比上年增长2.3%。全年财政总收入完成148.87亿元，比上年增长3.5%。其中，一般公共预算";
    expect(await text(docx(p(long) + p("收入110.68亿元，比上年增长6.9%。")))).toBe(`${long}收入110.68亿元，比上年增长6.9%。\n\n`);
    expect(await text(docx(p(long) + p("收入110.68亿元。", style("Body")), { styles: STYLES }))).toBe(`${long}\n\n收入110.68亿元。\n\n`);
    expect(await text(docx(p(long) + p("　　收入110.68亿元。")))).toBe(`${long}\n\n收入110.68亿元。\n\n`);
    expect(await text(docx(p("二、农业") + p("全年粮食总产量122.35万吨。")))).toBe("二、农业\n\n全年粮食总产量122.35万吨。\n\n");
  });

  it("reads line breaks inside a paragraph as spaces, and leaves hidden text out", async () => {
    const body = p([r("黔东南州统计局\n2017年3月16日"), `<w:r><w:cr/></w:r>`, r("发布"), r("（隐藏）", "<w:vanish/>")]);
    expect(await text(docx(body))).toBe("黔东南州统计局 2017年3月16日 发布\n\n");
  });
});

describe("revisions and fields", () => {
  it("leaves deleted text out and keeps inserted text", async () => {
    const body = p([r("地区生产总值"), "<w:del><w:r><w:delText>900</w:delText></w:r></w:del>", "<w:ins><w:r><w:t>939.05</w:t></w:r></w:ins>", r("亿元。")]);
    expect(await text(docx(body))).toBe("地区生产总值939.05亿元。\n\n");
  });

  it("leaves field instructions out and keeps their results", async () => {
    const body = p([
      r("见第"),
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF _Toc1 \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>',
      r("3"),
      '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
      r("页，"),
      '<w:fldSimple w:instr=" DATE \\@ &quot;yyyy年M月d日&quot; ">',
      r("2017年3月16日"),
      "</w:fldSimple>",
    ]);
    expect(await text(docx(body))).toBe("见第3页，2017年3月16日\n\n");
  });
});

describe("text boxes and notes", () => {
  const box = (t: string) =>
    `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>${p(t)}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>${p(t)}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`;

  it("reads a text box once, where it is anchored", async () => {
    const body = p("前言。") + p([box("黔东南州统计局"), r("正文第一段。")]) + p([r("正文第二段。"), box("注：数据为初步统计。")]) + p("结语。");
    expect(await text(docx(body))).toBe("前言。\n\n黔东南州统计局\n\n正文第一段。\n\n正文第二段。\n\n注：数据为初步统计。\n\n结语。\n\n");
  });

  it("reads footnotes after the body, without their separators", async () => {
    const notes =
      '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>' +
      `<w:footnote w:id="1">${p("[1]地区生产总值按现价计算，增长速度按不变价格计算。")}</w:footnote>`;
    const body = p([r("全年地区生产总值939.05亿元"), '<w:r><w:footnoteReference w:id="1"/></w:r>', r("。")]);
    expect(await text(docx(body, { footnotes: notes }))).toBe("全年地区生产总值939.05亿元。\n\n[1]地区生产总值按现价计算，增长速度按不变价格计算。\n\n");
  });
});

describe("tables", () => {
  const header = [
    [{ text: "指标名称", vMerge: "restart" as const }, { text: "计量单位", vMerge: "restart" as const }, { text: "2022年", span: 2 }, "2023年"],
    [{ text: "", vMerge: "continue" as const }, { text: "", vMerge: "continue" as const }, "计划", "实际", "计划"],
  ];

  it("gives the table reader a full grid: spans leave empty cells, vertical merges repeat", async () => {
    const body = tbl([...header, ["地区生产总值", "亿元", "7.5以上", "245.24", "7.5"], [{ text: "一、综合类", span: 5 }]]);
    expect(await text(docx(p("表1 主要指标") + body))).toBe(
      ["表1 主要指标", "", "指标名称\t计量单位\t2022年\t\t2023年", "指标名称\t计量单位\t计划\t实际\t计划", "地区生产总值\t亿元\t7.5以上\t245.24\t7.5", "", "一、综合类", "", ""].join("\n"),
    );
  });

  it("reads a title row inside the table as a caption, and a one-row table as a paragraph", async () => {
    const body = tbl([[{ text: "表2 财政收支情况", span: 3 }], ["", "绝对数（亿元）", "比上年增长（%）"], ["财政总收入", "148.87", "3.5"]]) + tbl([["黔东南州统计局", "2017年3月16日"]]);
    expect(await text(docx(body))).toBe("表2 财政收支情况\n\n\t绝对数（亿元）\t比上年增长（%）\n财政总收入\t148.87\t3.5\n\n黔东南州统计局 2017年3月16日\n\n");
  });

  it("reads a title merged over two rows and all columns once", async () => {
    const body = tbl([[{ text: "表2 财政收支情况", span: 2, vMerge: "restart" }], [{ text: "", span: 2, vMerge: "continue" }], ["财政总收入", "148.87"], ["税收收入", "69.10"]]);
    expect(await text(docx(body))).toBe("表2 财政收支情况\n\n财政总收入\t148.87\n税收收入\t69.10\n\n");
  });

  it("reads a table of one column as paragraphs", async () => {
    expect(await text(docx(tbl([["第一段。"], ["第二段。"]])))).toBe("第一段。\n\n第二段。\n\n");
  });

  it("reads the same observations from a Word table as from the same table in text", async () => {
    const title = "关于湛河区2022年国民经济和社会发展计划执行情况与2023年国民经济和社会发展计划（草案）的报告";
    const rows = [
      ["指标名称", "计量单位", "2022年计划", "", "2022年实际完成", "", "2023年计划", ""],
      ["", "", "绝对值", "增长%", "绝对值", "增长%", "绝对值", "增长%"],
      ["(一) 生产总值", "亿元", "—", "7.5以上", "245.24", "3.8", "—", "7.5"],
      ["规上工业", "亿元", "—", "8.5以上", "53.5", "9.5", "—", "8.5"],
      ["24. 常住人口", "万人", "35左右", "—", "33.95", "—", "—", "—"],
    ];
    const merged = [
      [{ text: "指标名称", vMerge: "restart" as const }, { text: "计量单位", vMerge: "restart" as const }, { text: "2022年计划", span: 2 }, { text: "2022年实际完成", span: 2 }, { text: "2023年计划", span: 2 }],
      [{ text: "", vMerge: "continue" as const }, { text: "", vMerge: "continue" as const }, ...rows[1]!.slice(2)],
      ...rows.slice(2),
    ];
    const fromWord = await extractBytes(docx(p(title) + tbl(merged)), { name: "t.docx" });
    const fromText = extractText(`${title}\n\n${rows.map((row) => row.join("\t")).join("\n")}\n`, { name: "t.txt" });
    expect(fromWord.observations.length).toBeGreaterThanOrEqual(6);
    expect(facts(fromWord)).toEqual(facts(fromText));
  });
});

describe("tables laid out with tabs", () => {
  it("reads a run of tab-separated paragraphs as a table", async () => {
    const body = [p("表3 主要农产品产量"), p("产品名称\t\t产量（吨）\t比上年增长（%）"), p("粮食\t\t1223474\t1.8"), p("\t其中：夏粮\t206624\t6.2"), p("全年粮食总产量122.35万吨。")].join("");
    expect(await text(docx(body))).toBe("表3 主要农产品产量\n\n产品名称\t产量（吨）\t比上年增长（%）\n粮食\t1223474\t1.8\n其中：夏粮\t206624\t6.2\n\n全年粮食总产量122.35万吨。\n\n");
  });

  it("keeps empty cells where the paragraph sets its own tab stops", async () => {
    const stops = '<w:tabs><w:tab w:val="left" w:pos="2400"/><w:tab w:val="left" w:pos="4000"/><w:tab w:val="left" w:pos="5600"/></w:tabs>';
    const body = [p("指标\t单位\t2022年\t2023年", stops), p("生产总值\t亿元\t\t260", stops)].join("");
    expect(await text(docx(body))).toBe("指标\t单位\t2022年\t2023年\n生产总值\t亿元\t\t260\n\n");
  });

  it("reads a lone tab-separated paragraph, and a tab after a list number, as text", async () => {
    expect(await text(docx(p("黔东南州统计局\t2017年3月16日")))).toBe("黔东南州统计局 2017年3月16日\n\n");
    expect(await text(docx(p("综合", style("1")) + p("全州生产总值939.05亿元。"), { styles: STYLES, numbering: NUMBERING }))).toBe("# 一、综合\n\n全州生产总值939.05亿元。\n\n");
  });
});

describe("files that cannot be read", () => {
  it("no_text: a document with no text, or only pictures", async () => {
    expect(await failure(docx(p("") + p("　")))).toMatchObject({ code: "no_text" });
    const picture = p(['<w:r><w:drawing><wp:inline><a:graphic><a:graphicData><pic:pic/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>']);
    const err = await failure(docx(picture));
    expect(err.code).toBe("no_text");
    expect(err.message).toMatch(/picture.*OCR/);
  });

  it("corrupt: a damaged zip, damaged XML, a missing body", async () => {
    const good = docx(p("第一段。"));
    expect(await failure(good.subarray(0, good.length - 40))).toMatchObject({ code: "corrupt" });
    const truncated = docx("", { documentXml: '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>第一' });
    expect(await failure(truncated)).toMatchObject({ code: "corrupt", message: expect.stringContaining("word/document.xml") });
    expect(await failure(docx("", { documentXml: "<nothing/>" }))).toMatchObject({ code: "corrupt" });
  });

  it("encrypted: a password-protected .docx (an OLE2 file holding an EncryptedPackage stream)", async () => {
    const bytes = ole2(["\u0006DataSpaces", "EncryptionInfo", "EncryptedPackage"]);
    expect(await failure(bytes, "报告.docx")).toMatchObject({ code: "encrypted", message: expect.stringContaining("password") });
    // The same container without that stream is a Word 97-2003 file.
    expect(await failure(ole2(["WordDocument", "1Table"]), "报告.doc")).toMatchObject({ code: "unsupported_format", message: expect.stringContaining(".docx") });
  });
});

// ---- The seeds as real Word files ---------------------------------------------------------

const FIELDS = ["region", "period", "period_part", "kind", "indicator", "value", "unit", "growth_pct", "growth_basis", "value_qualifier", "growth_qualifier", "target_text", "rank", "rank_scope"] as const;

function fact(o: Observation): string {
  return JSON.stringify(FIELDS.map((f) => o[f]));
}

function facts(r: ExtractResult): string[] {
  return r.observations.map(fact).sort();
}

const seeds = readdirSync(path.join(root, "seeds")).filter((f) => f.endsWith(".txt")).sort();

describe.skipIf(!hasWriter)("seeds converted to DOCX by LibreOffice", () => {
  const files = new Map<string, string>();
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-docx-"));
    const jobs: [string, () => string][] = seeds.map((s) => [s, () => writeReportHtml(readFileSync(path.join(root, "seeds", s), "utf8"), s.replace(".txt", ""))]);
    // Two conversions at a time: each LibreOffice has a private profile.
    const queue = [...jobs];
    const worker = async () => {
      for (let job = queue.shift(); job; job = queue.shift()) files.set(job[0], await convert(job[1](), "docx:MS Word 2007 XML"));
    };
    await Promise.all([worker(), worker()]);
  }, 900_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function compare(seed: string, key = seed) {
    const text = readFileSync(path.join(root, "seeds", seed), "utf8");
    const bytes = readFileSync(files.get(key)!);
    const reading = await readBytes(bytes, { name: `${seed}.docx` });
    expect(reading.format).toBe("docx");
    const fromWord = extractReading(reading, { name: seed });
    for (const m of fromWord.mentions) expect(reading.text.slice(m.start, m.end)).toBe(m.quote);
    const fromText = extractText(text, { name: seed });
    expect(fromWord.documents.map((d) => [d.region, d.type, d.report_period])).toEqual(fromText.documents.map((d) => [d.region, d.type, d.report_period]));
    return { word: facts(fromWord), text: facts(fromText) };
  }

  it.each(seeds)("%s reads as its text does", async (seed) => {
    const { word, text } = await compare(seed);
    expect(word.length).toBeGreaterThan(0);
    expect(word).toEqual(text);
  });
});

if (!hasWriter) describe("seeds converted to DOCX by LibreOffice", () => it.skip(WRITER_SKIP, () => {}));

// ---- A real report (the shared development corpus, when it is there) ----------------------

const DEV = path.resolve(root, "../shared/dev/docs");
const DEV_FILE = path.join(DEV, "01_qiandongnan-2016-tjgb-misnamed-luoyang.docx");
const DEV_SKIP = "skipped: the development corpus (../shared/dev) is not here";

describe.skipIf(!existsSync(DEV_FILE))("a real Word report (dev corpus)", () => {
  it("reads its paragraphs, headings and tables in order", async () => {
    const reading = await readBytes(readFileSync(DEV_FILE), { name: path.basename(DEV_FILE) });
    const lines = reading.text.split("\n");
    expect(lines[0]).toBe("黔东南苗族侗族自治州");
    expect(lines).toContain("一、综合");
    expect(lines).toContain("居民消费价格总指数\t1.5");
    expect(lines).toContain("\t绝对数（亿元）\t比上年增长（%）");
    expect(lines.indexOf("一、综合")).toBeLessThan(lines.indexOf("居民消费价格总指数\t1.5"));
    const r = extractReading(reading, { name: path.basename(DEV_FILE) });
    expect(r.documents[0]!.report_period).toBe("2016");
    expect(r.observations.find((o) => o.indicator_id === "gdp" && o.period === "2016")).toMatchObject({ value: 939.05, growth_pct: 13.3 });
  });
});

if (!existsSync(DEV_FILE)) describe("a real Word report (dev corpus)", () => it.skip(DEV_SKIP, () => {}));
