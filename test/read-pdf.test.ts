// PDF files with a text layer → the reading text. The layout rules are checked on pages built
// here from positioned runs of text (no PDF needed); then real PDFs that LibreOffice makes from
// the seeds must read as the seeds do; scans, password-protected and damaged files get their
// named errors; and the development corpus, when it is there, reads cleanly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { extractReading, extractText, ExtractError, readBytes } from "../kit/core.js";
import { extractPaths, PDF_OPTIONS } from "../kit/files/files.js";
import { layoutPages, needsRules, type LaidBlock, type PageGeometry, type TextItem } from "../kit/read/pdf/layout.js";
import { fragmentsOf, groupLines } from "../kit/read/pdf/lines.js";
import { rulesFromOperators, type OpCodes } from "../kit/read/pdf/rules.js";
import type { Rule } from "../kit/read/pdf/tables.js";
import { emWidth } from "../kit/read/pdf/text.js";
import { pageAt } from "../kit/read/reading.js";
import type { Observation } from "../kit/types.js";
import { convert, hasWriter, writeReportHtml, WRITER_SKIP } from "./helpers/formats.js";

const root = path.resolve(import.meta.dirname, "..");
const seedsDir = path.join(root, "seeds");
const devDir = path.resolve(root, "../shared/dev");

// ——— Pages built by hand: A4, body text 12 pt from x = 90 to 510 (35 glyphs a line). ———

const W = 595;
const H = 842;
const LEFT = 90;
const PER_LINE = 35;
const PITCH = 28;

/** A run of text at (x, baseline y), as wide as its glyphs (a wide glyph one em). */
function run(str: string, x: number, y: number, size = 12, w = emWidth(str) * size): TextItem {
  return { str, x, y, w, size };
}

/** A paragraph set as a word processor sets it: first line indented two glyphs, lines filled to the right margin. */
function paragraph(text: string, y: number, indent = 2): { items: TextItem[]; y: number } {
  const items: TextItem[] = [];
  let line = "";
  let room = PER_LINE - indent;
  const flush = () => {
    items.push(run(line, LEFT + (items.length === 0 ? indent * 12 : 0), y));
    y += PITCH;
    line = "";
    room = PER_LINE;
  };
  for (const ch of text) {
    if (emWidth(line + ch) > room) flush();
    line += ch;
  }
  if (line) flush();
  return { items, y };
}

function centred(str: string, y: number, size = 12): TextItem {
  const w = emWidth(str) * size;
  return run(str, (LEFT + 510 - w) / 2, y, size);
}

function page(items: TextItem[], rules: Rule[] = []): PageGeometry {
  return { width: W, height: H, items, rules };
}

function texts(blocks: LaidBlock[]): string[] {
  return blocks.map((b) => (b.type === "paragraph" ? b.text : b.rows.map((r) => r.join("\t")).join("\n")));
}

const LONG_A = "全年全市地区生产总值同比增长4.8%。分产业看，第一产业增加值增长2.0%，第二产业增加值增长6.0%，第三产业增加值增长4.8%。全年人均地区生产总值增长5.9%。";
const LONG_B = "年末全市常住人口866.60万人。其中，城镇人口392.66万人，乡村人口473.94万人；常住人口城镇化率45.31%，比上年提高1.01个百分点。";

describe("lines", () => {
  it("puts runs on one baseline together in x order, and drops a raised footnote marker", () => {
    const lines = groupLines(fragmentsOf([run("1329.65", 160.5, 100), run("全州生产总值", 78, 100), run("[2]", 150, 94, 7), run("亿元。", 202.5, 100)]));
    expect(lines.map((l) => l.text)).toEqual(["全州生产总值1329.65亿元。"]);
  });

  it("inserts no space between Chinese glyphs of separate runs, and one between two ASCII words", () => {
    const lines = groupLines(fragmentsOf([run("增长", 90, 100), run("3.6%", 117, 100), run("，与", 144, 100), run("Port", 90, 130), run("Klang", 117, 130), run("港", 150, 130)]));
    expect(lines.map((l) => l.text)).toEqual(["增长3.6%，与", "Port Klang港"]);
  });

  it("keeps a number spread glyph by glyph over a justified line one number", () => {
    const spread = ["增长", "2", "3", ".", "5", "%", "。"].reduce<TextItem[]>((items, s) => {
      const last = items[items.length - 1];
      return [...items, run(s, last ? last.x + last.w + 3 : 90, 100)];
    }, []);
    expect(groupLines(fragmentsOf(spread)).map((l) => l.text)).toEqual(["增长23.5%。"]);
  });

  it("joins a title set one glyph at a time, and drops spaces inside a run between Chinese glyphs", () => {
    const spread = Array.from("周口市统计局").map((c, i) => run(c, 240 + i * 18, 100));
    const lines = groupLines(fragmentsOf([...spread, run("第 二 产 业 增 加 值", 90, 130, 12, 12 * 7 + 6 * 3)]));
    expect(lines.map((l) => l.text)).toEqual(["周口市统计局", "第二产业增加值"]);
  });

  it("keeps a string drawn twice at nearly the same place (fake bold) once", () => {
    const lines = groupLines(fragmentsOf([run("一、综合", 250, 100, 14), run("一、综合", 250.4, 100.3, 14), run("综综合合", 90, 130, 12, 24)]));
    expect(lines.map((l) => l.text)).toEqual(["一、综合", "综合"]);
  });

  it("keeps the text drawn last where two strings are drawn at one place (a corrected figure)", () => {
    const lines = groupLines(fragmentsOf([run("教育", 150, 100), run("104.83", 330, 100), run("4.6", 434, 100), run("3.7", 434, 100.5)]));
    expect(lines.map((l) => l.text)).toEqual(["教育104.83 3.7"]);
  });
});

describe("paragraphs, headings, page headers and footers", () => {
  function threePages(): PageGeometry[] {
    const p1: TextItem[] = [run("某某市统计局文件", LEFT, 50, 10), centred("2023年某某市国民经济和社会发展统计公报", 110, 18)];
    // A heading set with a gap inside (一、综    合), centred.
    p1.push(run("一、综", 265, 160, 14), run("合", 265 + 42 + 28, 160, 14));
    let y = 200;
    const a = paragraph(LONG_A, y);
    p1.push(...a.items);
    y = a.y;
    const b = paragraph(LONG_B, y);
    p1.push(...b.items);
    y = b.y;
    // A paragraph that runs off the page: its last line here is full.
    const c = paragraph(LONG_A + LONG_A.slice(0, 48), y);
    p1.push(...c.items, run("- 1 -", 290, 810, 10));
    const p2: TextItem[] = [run("某某市统计局文件", LEFT, 50, 10), run("同比增长明显。", LEFT, 90), run("- 2 -", 290, 810, 10)];
    const d = paragraph(LONG_B, 130);
    p2.push(...d.items);
    const p3: TextItem[] = [run("某某市统计局文件", LEFT, 50, 10), ...paragraph(LONG_A, 90).items, run("第 3 页", 280, 810, 10)];
    return [page(p1), page(p2), page(p3)];
  }

  it("joins the lines of a paragraph, starts one at an indent, and lets a heading stand alone", () => {
    const blocks = layoutPages(threePages());
    expect(texts(blocks).slice(0, 4)).toEqual(["2023年某某市国民经济和社会发展统计公报", "一、综合", LONG_A, LONG_B]);
  });

  it("carries a paragraph over a page break, on the page it starts on", () => {
    const blocks = layoutPages(threePages());
    const over = blocks.find((b) => b.type === "paragraph" && b.text.endsWith("同比增长明显。"));
    expect(over).toMatchObject({ text: LONG_A + LONG_A.slice(0, 48) + "同比增长明显。", page: 1 });
    expect(blocks.filter((b) => b.page === 2).map((b) => (b as { text: string }).text)).toEqual([LONG_B]);
    expect(blocks.filter((b) => b.page === 3).map((b) => (b as { text: string }).text)).toEqual([LONG_A]);
  });

  it("drops page numbers and a running title, keeping everything else", () => {
    const all = texts(layoutPages(threePages())).join("\n");
    expect(all).not.toContain("某某市统计局文件");
    expect(all).not.toMatch(/- \d -|-\d-|第3页/);
    expect(all).toContain("统计公报");
  });

  it("drops a footer of two parts (a name left, the page right), and keeps a table header repeated at the top of each page", () => {
    const pages = [1, 2, 3].map((n) =>
      page([
        run("指标", 100, 70, 10.5),
        run("绝对数", 300, 70, 10.5),
        run("增长%", 420, 70, 10.5),
        run(["粮食", "油料", "蔬菜"][n - 1]!, 100, 90, 10.5),
        run("902.61", 300, 90, 10.5),
        run("-3.2", 420, 90, 10.5),
        ...paragraph(LONG_A, 140).items,
        run("某某市统计局", LEFT, 815, 9),
        run(`第 ${n} 页`, 470, 815, 9),
      ]),
    );
    const blocks = layoutPages(pages);
    expect(texts(blocks).join("\n")).not.toContain("某某市统计局");
    expect(blocks.filter((b) => b.type === "table").map((b) => (b as { rows: string[][] }).rows[0])).toEqual([
      ["指标", "绝对数", "增长%"],
      ["指标", "绝对数", "增长%"],
      ["指标", "绝对数", "增长%"],
    ]);
  });

  it("ends a paragraph at a short line, and joins a ragged line that the next word did not fit on", () => {
    // Left-aligned text: the line breaks before a number too long for the room left.
    const items = [run("全市签约亿元以上项目22个，合同金额", LEFT, 100), run("114.2亿元；实际到位资金88.8亿元。", LEFT, 128), run("下一段从这里开始。", LEFT, 170)];
    // Widen the first line's right margin with a full line elsewhere on the page.
    items.push(run("这".repeat(PER_LINE), LEFT, 300));
    items[0] = run("全".repeat(PER_LINE - 3), LEFT, 100);
    const blocks = texts(layoutPages([page(items)]));
    expect(blocks[0]).toBe("全".repeat(PER_LINE - 3) + "114.2亿元；实际到位资金88.8亿元。");
    expect(blocks[1]).toBe("下一段从这里开始。");
  });
});

describe("tables rebuilt from positions", () => {
  /** Rows of cells at the given x positions, 9.95 pt type, one row every 19 points. */
  function rows(y: number, cells: [string, number][][]): TextItem[] {
    return cells.flatMap((r, i) => r.filter(([s]) => s).map(([s, x]) => run(s, x, y + i * 19, 9.95)));
  }

  it("makes columns from cells that line up, with a letter-spaced header and an empty cell", () => {
    const items = [
      centred("表1 2023年末常住人口数及其构成", 100),
      run("指", 165, 125),
      run("标", 189, 125),
      run("年末数（万人）", 292, 125),
      run("比重（%）", 418, 125),
      ...rows(145, [
        [["全市常住人口", 105], ["866.60", 320]],
        [["其中：城镇", 115], ["392.66", 320], ["45.31", 437]],
        [["乡村", 145], ["473.94", 320], ["54.69", 437]],
      ]),
      ...paragraph(LONG_B, 230).items,
    ];
    const blocks = layoutPages([page(items)]);
    expect(blocks.map((b) => b.type)).toEqual(["paragraph", "table", "paragraph"]);
    expect(blocks[1]).toEqual({
      type: "table",
      page: 1,
      rows: [
        ["指标", "年末数（万人）", "比重（%）"],
        ["全市常住人口", "866.60", ""],
        ["其中：城镇", "392.66", "45.31"],
        ["乡村", "473.94", "54.69"],
      ],
    });
  });

  it("puts a header over two columns in the first of them, and keeps a section row", () => {
    const items = rows(100, [
      [["指标", 100], ["2022年", 250], ["2023年计划", 370]],
      [["", 0], ["绝对值", 230], ["增长%", 300], ["绝对值", 360], ["增长%", 430]],
      [["一、综合类", 100]],
      [["生产总值", 100], ["245.24", 230], ["3.8", 300], ["—", 360], ["7.5", 430]],
      [["第一产业", 100], ["2.7", 230], ["1.7", 300], ["—", 360], ["—", 430]],
    ]);
    const [t] = layoutPages([page(items)]);
    expect(t).toMatchObject({ type: "table" });
    expect((t as { rows: string[][] }).rows).toEqual([
      ["指标", "2022年", "", "2023年计划", ""],
      ["", "绝对值", "增长%", "绝对值", "增长%"],
      ["一、综合类", "", "", "", ""],
      ["生产总值", "245.24", "3.8", "—", "7.5"],
      ["第一产业", "2.7", "1.7", "—", "—"],
    ]);
  });

  it("joins a header wrapped in a narrow column, and keeps a second header row that adds columns", () => {
    const items = [
      ...rows(100, [
        [["指标", 100], ["2023年", 250], ["比上年", 330]],
        [["", 0], ["", 0], ["增长（%）", 330]],
      ]).map((it, i) => (i === 3 ? { ...it, y: 100 + 13 } : it)),
      ...rows(140, [
        [["粮食", 100], ["902.61", 250], ["-3.2", 330]],
        [["油料", 100], ["56.43", 250], ["6.8", 330]],
      ]),
    ];
    const [t] = layoutPages([page(items)]);
    expect((t as { rows: string[][] }).rows).toEqual([
      ["指标", "2023年", "比上年增长（%）"],
      ["粮食", "902.61", "-3.2"],
      ["油料", "56.43", "6.8"],
    ]);
  });

  it("parts cells set close together when many lines start a column at one place", () => {
    // Labels fill their column; the figures after them, left-aligned, are only half a glyph away.
    const labels = ["地区生产总值（亿元）", "第一产业增加值（亿元）", "社会消费品零售总额（亿元）", "固定资产投资（亿元）"];
    const items = labels.flatMap((label, i) => [run(label, 75, 100 + i * 16, 10.5), run(`${100 + i}.00`, 75 + 13 * 10.5 + 5, 100 + i * 16, 10.5), run(`${i}.5`, 300, 100 + i * 16, 10.5)]);
    const [t] = layoutPages([page(items)]);
    expect((t as { rows: string[][] }).rows).toEqual(labels.map((label, i) => [label, `${100 + i}.00`, `${i}.5`]));
  });

  it("joins a label wrapped onto a line of its own, set closer than the rows", () => {
    const items = [
      ...rows(100, [
        [["指标", 100], ["绝对数", 300], ["增长%", 400]],
        [["社会消费品零售", 100], ["93.9", 300], ["2.0", 400]],
      ]),
      run("总额", 100, 100 + 19 + 12, 9.95),
      ...rows(100 + 2 * 19 + 12, [
        [["一般公共预算收入", 100], ["9.9", 300], ["9.1", 400]],
        [["二、创新发展", 100]],
        [["发明专利拥有量", 100], ["28.97", 300], ["—", 400]],
      ]),
    ];
    const [t] = layoutPages([page(items)]);
    expect((t as { rows: string[][] }).rows).toEqual([
      ["指标", "绝对数", "增长%"],
      ["社会消费品零售总额", "93.9", "2.0"],
      ["一般公共预算收入", "9.9", "9.1"],
      ["二、创新发展", "", ""],
      ["发明专利拥有量", "28.97", "—"],
    ]);
  });

  it("joins a wrapped label by what it reads, when the lines are no closer than the rows (mixed fonts)", () => {
    const items = [
      ...rows(100, [[["指标", 100], ["绝对数", 300], ["增长%", 400]]]),
      ...rows(117, [[["城镇职工基本养老保险参", 100], ["5.52", 300], ["3.0", 400]]]),
      run("保人数（万人）", 100, 117 + 18, 9.95),
      ...rows(117 + 18 + 16, [[["社会消费品零售总额（亿", 100], ["93.9", 300], ["2.0", 400]]]),
      run("元）", 100, 117 + 18 + 16 + 18, 9.95),
      ...rows(117 + 18 + 16 + 18 + 16, [[["粮食", 100], ["902.61", 300], ["-3.2", 400]], [["按经济类型分", 100]], [["国有企业", 100], ["-2.0", 300], ["1.1", 400]]]),
    ];
    const [t] = layoutPages([page(items)]);
    expect((t as { rows: string[][] }).rows).toEqual([
      ["指标", "绝对数", "增长%"],
      ["城镇职工基本养老保险参保人数（万人）", "5.52", "3.0"],
      ["社会消费品零售总额（亿元）", "93.9", "2.0"],
      ["粮食", "902.61", "-3.2"],
      ["按经济类型分", "", ""],
      ["国有企业", "-2.0", "1.1"],
    ]);
  });

  it("finishes a row cut by a page break with the cell left at the top of the next page", () => {
    const p1 = [...paragraph(LONG_A, 90).items, ...rows(740, [[["指标", 100], ["绝对数", 300], ["增长%", 400]], [["规模以上工业增加值", 100], ["53.5", 300], ["9.5", 400]]])];
    const p2 = [run("（亿元）", 100, 90, 9.95), ...rows(105, [[["固定资产投资（亿元）", 100], ["68.7", 300], ["19.5", 400]], [["社会消费品零售总额（亿元）", 100], ["93.9", 300], ["2.0", 400]]])];
    const blocks = layoutPages([page(p1), page(p2)]);
    expect(blocks.filter((b) => b.type === "table").map((b) => [b.page, (b as { rows: string[][] }).rows])).toEqual([
      [1, [["指标", "绝对数", "增长%"], ["规模以上工业增加值（亿元）", "53.5", "9.5"]]],
      [2, [["固定资产投资（亿元）", "68.7", "19.5"], ["社会消费品零售总额（亿元）", "93.9", "2.0"]]],
    ]);
  });

  it("goes on with a table continued on the next page, on the columns of its first part", () => {
    const p1 = [...paragraph(LONG_A, 90).items, ...rows(700, [[["指标名称", 105], ["年末数（人）", 300], ["比重（%）", 420]], [["全州总户籍人口", 105], ["4899310", 310], ["100.0", 430]], [["#城镇", 125], ["1654272", 310], ["33.8", 430]]]), run("— 1 —", 290, 810, 10)];
    // On the next page no row has the middle column: its columns alone would be two.
    const p2 = [...rows(90, [[["#男性", 125], ["", 0], ["53.4", 430]], [["女性", 130], ["", 0], ["46.6", 430]]]), ...paragraph(LONG_B, 160).items, run("— 2 —", 290, 810, 10)];
    const blocks = layoutPages([page(p1), page(p2)]);
    expect(blocks.map((b) => [b.type, b.page])).toEqual([
      ["paragraph", 1],
      ["table", 1],
      ["table", 2],
      ["paragraph", 2],
    ]);
    expect((blocks[2] as { rows: string[][] }).rows).toEqual([
      ["#男性", "", "53.4"],
      ["女性", "", "46.6"],
    ]);
  });

  it("reads a ruled grid: wrapped cells centred in their row are one cell, a merged header cell sits in its first column", () => {
    const xs = [56, 180, 240, 300, 360];
    const ys = [100, 140, 170, 210];
    const rules: Rule[] = [
      ...ys.map((y) => ({ x0: xs[0]!, y0: y, x1: xs[4]!, y1: y })),
      // Column rules; the one between the two year columns is missing in the header row (a merged cell).
      ...xs.map((x, i) => ({ x0: x, y0: i === 3 ? 140 : 100, x1: x, y1: 210 })),
    ];
    const items = [
      run("指标名称", 60, 125),
      run("单位", 185, 125),
      run("2023年", 260, 125),
      run("绝对值", 245, 160),
      run("增长%", 305, 160),
      // A label wrapped on two lines, the other cells centred between them.
      run("社会消费品零", 60, 186),
      run("售总额", 60, 200),
      run("亿元", 185, 193),
      run("93.9", 245, 193),
      run("2.0", 305, 193),
    ];
    expect(needsRules(items)).toBe(true);
    const [t] = layoutPages([page(items, rules)]);
    expect((t as { rows: string[][] }).rows).toEqual([
      ["指标名称", "单位", "2023年", ""],
      ["", "", "绝对值", "增长%"],
      ["社会消费品零售总额", "亿元", "93.9", "2.0"],
    ]);
  });

  it("asks for the rules of a table whose cells are set close, and reads it by them", () => {
    const xs = [56, 90, 140, 180];
    const items = [
      ["指标", "2023年", "增长%"],
      ["粮食", "902.61", "-3.2"],
      ["油料", "56.43", "6.8"],
    ].flatMap((r, i) => r.map((c, k) => run(c, xs[k]! + 3, 115 + i * 20, 10.5)));
    expect(needsRules(items)).toBe(true);
    const rules: Rule[] = [...[100, 120, 140, 160].map((y) => ({ x0: 56, y0: y, x1: 180, y1: y })), ...xs.map((x) => ({ x0: x, y0: 100, x1: x, y1: 160 }))];
    const [t] = layoutPages([page(items, rules)]);
    expect((t as { rows: string[][] }).rows).toEqual([
      ["指标", "2023年", "增长%"],
      ["粮食", "902.61", "-3.2"],
      ["油料", "56.43", "6.8"],
    ]);
  });

  it("tells two ruled tables drawn one against the other apart by their columns", () => {
    const grid = (xs: number[], ys: number[]): Rule[] => [...ys.map((y) => ({ x0: xs[0]!, y0: y, x1: xs[xs.length - 1]!, y1: y })), ...xs.map((x) => ({ x0: x, y0: ys[0]!, x1: x, y1: ys[ys.length - 1]! }))];
    const rules = [...grid([56, 200, 400], [100, 120, 140]), ...grid([56, 150, 300, 400], [140, 160, 180])];
    const items = [run("甲", 60, 115), run("1", 210, 115), run("乙", 60, 135), run("2", 210, 135), run("丙", 60, 155), run("3", 160, 155), run("4", 310, 155), run("丁", 60, 175), run("5", 160, 175), run("6", 310, 175)];
    const blocks = layoutPages([page(items, rules)]);
    expect(blocks.map((b) => (b as { rows: string[][] }).rows)).toEqual([
      [
        ["甲", "1"],
        ["乙", "2"],
      ],
      [
        ["丙", "3", "4"],
        ["丁", "5", "6"],
      ],
    ]);
  });

  it("asks for the rules only when the text leaves a table in doubt", () => {
    const clean = rows(100, [
      [["粮食", 100], ["902.61", 300], ["-3.2", 420]],
      [["油料", 100], ["56.43", 300], ["6.8", 420]],
    ]);
    expect(needsRules(clean)).toBe(false);
    expect(needsRules(paragraph(LONG_A + LONG_B, 100).items)).toBe(false);
    const wrapped = [...clean, run("（含果用瓜）", 100, 100 + 2 * 19, 9.95), ...rows(100 + 3 * 19, [[["蔬菜", 100], ["389.84", 300], ["3.8", 420]]])];
    expect(needsRules(wrapped)).toBe(true);
  });
});

describe("rules from drawing operators", () => {
  const OPS: OpCodes = {
    save: 10,
    restore: 11,
    transform: 12,
    paintFormXObjectBegin: 74,
    paintFormXObjectEnd: 75,
    constructPath: 91,
    setStrokeRGBColor: 58,
    setFillRGBColor: 59,
    stroke: 20,
    closeStroke: 21,
    fill: 22,
    eoFill: 23,
    fillStroke: 24,
    eoFillStroke: 25,
    closeFillStroke: 26,
    closeEOFillStroke: 27,
  };
  // Viewport of an A4 page: y upwards in PDF space, downwards on the page.
  const viewport: [number, number, number, number, number, number] = [1, 0, 0, -1, 0, H];
  const path = (paint: number, data: number[]) => [paint, [Float32Array.from(data)], null];

  it("takes stroked straight lines and thin filled bars, in page coordinates, and leaves out white ones and curves", () => {
    const fn = [OPS.constructPath, OPS.save, OPS.transform, OPS.constructPath, OPS.restore, OPS.setStrokeRGBColor, OPS.constructPath, OPS.constructPath, OPS.setFillRGBColor, OPS.constructPath];
    const args = [
      path(OPS.stroke, [0, 56, 742, 1, 500, 742]),
      null,
      [1, 0, 0, 1, 0, -100],
      path(OPS.fill, [0, 56, 700, 1, 500, 700, 1, 500, 700.5, 1, 56, 700.5, 4]),
      null,
      ["#ffffff"],
      path(OPS.stroke, [0, 56, 600, 1, 500, 600]),
      path(OPS.stroke, [0, 56, 500, 2, 60, 510, 70, 510, 80, 500]),
      ["#000000"],
      path(OPS.fill, [0, 56, 400, 1, 500, 400, 1, 500, 300, 1, 56, 300, 4]),
    ];
    const rules = rulesFromOperators(fn, args, OPS, viewport);
    expect(rules.map((r) => [r.x0, r.y0, r.x1, r.y1])).toEqual([
      [56, 100, 500, 100],
      [56, 241.5, 500, 242],
    ]);
  });
});

// ——— Real PDFs made by LibreOffice ———

const KEYS = ["region", "period", "period_part", "kind", "indicator", "value", "unit", "growth_pct", "growth_basis", "value_qualifier", "growth_qualifier", "target_text", "rank", "rank_scope"] as const;
const key = (o: Observation) => JSON.stringify(KEYS.map((k) => o[k] ?? null));

const seedNames = readdirSync(seedsDir).filter((f) => f.endsWith(".txt")).sort();
/** Paragraphs of a seed's results, for the word processor's document. */
const WORD_PARAGRAPHS = readFileSync(path.join(seedsDir, "000_b3806004d9469c12.txt"), "utf8")
  .split("\n")
  .map((l) => l.trim().replace(/\*\*/g, ""))
  .filter((l) => l.length > 60 && !l.includes("\t"))
  .slice(0, 16);

const xml = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const RUNNING = "雷州市发展和改革局文件";
const NAMES = ["地区生产总值（亿元）", "其中：第一产业增加值（亿元）", "社会消费品零售总额（亿元）", "城镇职工基本养老保险参保人数（万人）", "规模以上工业增加值（亿元）", "固定资产投资（亿元）"];
const TABLE_ROWS = Array.from({ length: 36 }, (_, i) => [`${NAMES[i % 6]!.replace("（", `${Math.floor(i / 6) || ""}（`)}`, (100 + i).toFixed(2), ((i % 9) + 0.5).toFixed(1), "-", `${5 + (i % 3)}.0`]);

/**
 * A word processor's document (OpenDocument, flat XML): a running header and "— N —" page
 * numbers, justified paragraphs with a first-line indent, and an annex table running over
 * pages, its labels wrapping in a narrow column; `ruled`: a full grid, else a three-line table.
 */
function wordDocument(paragraphs: string[], ruled: boolean): string {
  const cell = (style: string, text: string) => `<table:table-cell table:style-name="${style}" office:value-type="string"><text:p text:style-name="CellP">${xml(text)}</text:p></table:table-cell>`;
  const header = [["指标名称", "2023年完成情况", "", "2024年计划目标", ""], ["", "绝对值", "增长(%)", "绝对值", "增长(%)"]];
  const rows = [...header, ...TABLE_ROWS];
  const style = (i: number) => (ruled ? "Grid" : i === 0 ? "Top" : i === 1 ? "Head" : i === rows.length - 1 ? "Last" : "None");
  const table =
    '<table:table table:name="T1" table:style-name="Tbl"><table:table-column table:style-name="ColA"/><table:table-column table:number-columns-repeated="4" table:style-name="ColB"/>' +
    rows.map((r, i) => `<table:table-row>${r.map((c) => cell(style(i), c)).join("")}</table:table-row>`).join("") +
    "</table:table>";
  const body = (ps: string[]) => ps.map((p) => `<text:p text:style-name="Body">${xml(p)}</text:p>`).join("");
  const half = Math.ceil(paragraphs.length / 2);
  const cellStyle = (name: string, props: string) => `<style:style style:name="${name}" style:family="table-cell"><style:table-cell-properties fo:padding="0.05cm" style:vertical-align="top" ${props}/></style:style>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
<style:style style:name="Standard" style:family="paragraph"><style:text-properties fo:font-size="12pt" style:font-size-asian="12pt"/></style:style>
<style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-indent="24pt" fo:text-align="justify" fo:line-height="150%"/></style:style>
<style:style style:name="CellP" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="10.5pt" style:font-size-asian="10.5pt"/></style:style>
<style:style style:name="Caption" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center"/></style:style>
<style:style style:name="Margin" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/></style:style>
</office:styles>
<office:automatic-styles>
<style:style style:name="Tbl" style:family="table"><style:table-properties style:width="16cm" table:align="center"/></style:style>
<style:style style:name="ColA" style:family="table-column"><style:table-column-properties style:column-width="4.4cm"/></style:style>
<style:style style:name="ColB" style:family="table-column"><style:table-column-properties style:column-width="2.9cm"/></style:style>
${cellStyle("Grid", 'fo:border="0.5pt solid #000000"')}${cellStyle("Top", 'fo:border-top="1pt solid #000000"')}${cellStyle("Head", 'fo:border-bottom="0.5pt solid #000000"')}${cellStyle("None", "")}${cellStyle("Last", 'fo:border-bottom="1pt solid #000000"')}
<style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.8cm" fo:margin-right="2.6cm"/><style:header-style/><style:footer-style/></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL"><style:header><text:p text:style-name="Margin">${RUNNING}</text:p></style:header><style:footer><text:p text:style-name="Margin">— <text:page-number text:select-page="current">1</text:page-number> —</text:p></style:footer></style:master-page></office:master-styles>
<office:body><office:text>${body(paragraphs.slice(0, half))}<text:p text:style-name="Caption">表1 主要指标</text:p>${table}${body(paragraphs.slice(half))}</office:text></office:body></office:document>`;
}
const made = new Map<string, string>();
let workDir = "";

/** Runs `jobs` two at a time (LibreOffice is heavy; the machine may be shared). */
async function inPairs(jobs: (() => Promise<void>)[]): Promise<void> {
  const queue = [...jobs];
  await Promise.all([0, 1].map(async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await job();
  }));
}

describe.skipIf(!hasWriter)("PDFs made by LibreOffice", () => {
  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), "zhibiao-pdf-"));
    const png = new PNG({ width: 320, height: 240 });
    for (let i = 0; i < png.data.length; i += 4) {
      const v = ((i >> 2) % 320 ^ Math.floor((i >> 2) / 320)) & 0x20 ? 40 : 220;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = v;
      png.data[i + 3] = 255;
    }
    writeFileSync(path.join(workDir, "scan.png"), PNG.sync.write(png));
    writeFileSync(path.join(workDir, "scan.html"), '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><p><img src="scan.png" width="320" height="240"></p></body></html>');
    const jobs = seedNames.map((name) => async () => {
      made.set(name, await convert(writeReportHtml(readFileSync(path.join(seedsDir, name), "utf8"), name.replace(".txt", "")), "pdf:writer_pdf_Export"));
    });
    jobs.push(async () => void made.set("scan", await convert(path.join(workDir, "scan.html"), "pdf:writer_pdf_Export")));
    for (const ruled of [false, true]) {
      jobs.push(async () => {
        const file = path.join(workDir, `word-${ruled ? "grid" : "three-line"}.fodt`);
        writeFileSync(file, wordDocument(WORD_PARAGRAPHS, ruled));
        made.set(ruled ? "grid" : "three-line", await convert(file, "pdf:writer_pdf_Export"));
      });
    }
    jobs.push(async () => {
      const filter = 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}';
      made.set("encrypted", await convert(writeReportHtml("全市地区生产总值386.42亿元，增长3.6%。", "secret"), filter));
    });
    await inPairs(jobs);
  }, 900_000);

  afterAll(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it.each(seedNames)("reads the PDF of %s as the seed reads", async (name) => {
    const bytes = readFileSync(made.get(name)!);
    const reading = await readBytes(bytes, { name: name.replace(".txt", ".pdf"), pdf: PDF_OPTIONS });
    expect(reading.format).toBe("pdf");
    const fromPdf = extractReading(reading, { name });
    const fromText = extractText(readFileSync(path.join(seedsDir, name), "utf8"), { name });
    const count = (keys: string[]) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());
    const a = count(fromText.observations.map(key));
    const b = count(fromPdf.observations.map(key));
    const missing = [...a].filter(([k, n]) => (b.get(k) ?? 0) < n).map(([k]) => k);
    const extra = [...b].filter(([k, n]) => (a.get(k) ?? 0) < n).map(([k]) => k);
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    expect(fromPdf.mentions.length).toBeGreaterThan(0);
    for (const m of fromPdf.mentions) {
      expect(reading.text.slice(m.start, m.end)).toBe(m.quote);
      expect(m.page).toBeGreaterThanOrEqual(1);
      expect(m.page).toBe(pageAt(reading, m.start));
    }
    expect(reading.pageStarts!.length).toBeGreaterThan(1);
  });

  it.each(["three-line", "grid"])("reads a word processor's document (%s table): header and page numbers dropped, paragraphs whole, the table's rows whole across pages", async (kind) => {
    const reading = await readBytes(readFileSync(made.get(kind)!), { name: `${kind}.pdf`, pdf: PDF_OPTIONS });
    const lines = reading.text.split("\n").filter((l) => l.length > 0);
    expect(lines.filter((l) => l.includes(RUNNING) || /^—\s*\d+\s*—$/.test(l))).toEqual([]);
    const squeeze = (t: string) => t.replace(/\s+/g, "");
    const paragraphs = new Set(lines.filter((l) => !l.includes("\t")).map(squeeze));
    expect(WORD_PARAGRAPHS.map(squeeze).filter((p) => !paragraphs.has(p))).toEqual([]);
    const rows = lines.filter((l) => l.includes("\t")).map((l) => l.split("\t"));
    expect(rows.slice(0, 2)).toEqual([
      ["指标名称", "2023年完成情况", "", "2024年计划目标", ""],
      ["", "绝对值", "增长(%)", "绝对值", "增长(%)"],
    ]);
    expect(rows.slice(2)).toEqual(TABLE_ROWS);
    expect(reading.pageStarts!.length).toBeGreaterThan(2);
  });

  it("says a scan has no text layer, how many pages, and that they are images", async () => {
    const err = await readBytes(readFileSync(made.get("scan")!), { name: "scan.pdf", pdf: PDF_OPTIONS }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExtractError);
    expect(err).toMatchObject({ code: "no_text_layer" });
    expect((err as ExtractError).message).toMatch(/1 page, all images/);
  });

  it("says a password-protected PDF is encrypted", async () => {
    const err = await readBytes(readFileSync(made.get("encrypted")!), { name: "secret.pdf", pdf: PDF_OPTIONS }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "encrypted" });
  });

  it("says a PDF cut short, or one whose insides are broken, is corrupt", async () => {
    const good = readFileSync(made.get(seedNames[0]!)!);
    for (const bytes of [good.subarray(0, Math.floor(good.length / 2)), Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(4000, 0x41), Buffer.from("\n%%EOF\n")])]) {
      const err = await readBytes(bytes, { name: "broken.pdf", pdf: PDF_OPTIONS }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "corrupt" });
    }
  });

  it("reads the good PDF of a folder and names what is wrong with the others", async () => {
    const dir = mkdtempSync(path.join(workDir, "batch-"));
    copyFileSync(made.get(seedNames[0]!)!, path.join(dir, "good.pdf"));
    copyFileSync(made.get("scan")!, path.join(dir, "scan.pdf"));
    copyFileSync(made.get("encrypted")!, path.join(dir, "secret.pdf"));
    const good = readFileSync(made.get(seedNames[0]!)!);
    writeFileSync(path.join(dir, "cut.pdf"), good.subarray(0, Math.floor(good.length / 3)));
    const r = await extractPaths([dir]);
    expect(r.documents.map((d) => d.doc)).toEqual(["good.pdf"]);
    expect(r.observations.length).toBeGreaterThan(0);
    expect(Object.fromEntries(r.failures.map((f) => [path.basename(f.file), f.code]))).toEqual({ "cut.pdf": "corrupt", "scan.pdf": "no_text_layer", "secret.pdf": "encrypted" });
  });
});

describe.skipIf(hasWriter)("PDFs made by LibreOffice (skipped)", () => {
  it.skip(WRITER_SKIP, () => undefined);
});

// ——— The development corpus, when it is there ———

const devPdfs = existsSync(path.join(devDir, "docs")) ? readdirSync(path.join(devDir, "docs")).filter((f) => f.endsWith(".pdf")) : [];

describe.skipIf(devPdfs.length === 0)("development PDFs", () => {
  it.each(devPdfs)("reads %s cleanly: no page numbers, tables as rows, every page kept", async (name) => {
    const bytes = readFileSync(path.join(devDir, "docs", name));
    const t0 = performance.now();
    const reading = await readBytes(bytes, { name, pdf: PDF_OPTIONS });
    console.log(`${name}: ${reading.pageStarts!.length} pages read in ${(performance.now() - t0).toFixed(0)} ms`);
    const lines = reading.text.split("\n").filter((l) => l.length > 0);
    expect(lines.filter((l) => /^[-—–\s]*\d{1,3}[-—–\s]*$/.test(l))).toEqual([]);
    expect(lines.filter((l) => l.includes("\t")).length).toBeGreaterThan(20);
    // No paragraph line holds a page's footer or a line cut mid-word (a sentence runs on).
    expect(lines.filter((l) => !l.includes("\t") && l.length > 60 && !/[。；：！？”）)\]]$/.test(l))).toEqual([]);
    expect(reading.pageStarts!.length).toBeGreaterThanOrEqual(10);
    const r = extractReading(reading, { name });
    for (const m of r.mentions) expect(reading.text.slice(m.start, m.end)).toBe(m.quote);
  });
});

describe.skipIf(devPdfs.length > 0)("development PDFs (skipped)", () => {
  it.skip(`skipped: ${devDir} is not there`, () => undefined);
});
