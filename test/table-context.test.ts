// The row a table mention comes from, with the header rows above it (kit/read/table-context.ts),
// on invented tables laid out as the readers lay them out: one line a row, cells between tabs.
import { describe, expect, it } from "vitest";
import { cellsHolding, columnLabels, tableContext } from "../kit/read/table-context.js";

const TWO_HEADERS = [
  "附表：主要指标",
  "",
  "指 标 名 称\t单 位\t2023年实际\t\t2024年目标\t",
  "\t\t绝对值\t增长%\t绝对值\t增长%",
  "一、综合类\t\t\t\t\t",
  "地区生产总值\t亿元\t512.3\t4.1\t—\t5左右",
  "人均生产总值\t元\t—\t6左右\t—\t—",
  "固定资产投资\t亿元\t88.8\t-2.5\t—\t8以上",
  "",
  "全年经济运行总体平稳。",
].join("\n");

const at = (text: string, needle: string) => text.indexOf(needle);

describe("tableContext", () => {
  it("finds the row and both header rows, with merged upper cells spanning their sub-columns", () => {
    const c = tableContext(TWO_HEADERS, at(TWO_HEADERS, "地区生产总值") + 2)!;
    expect(c.row).toEqual(["地区生产总值", "亿元", "512.3", "4.1", "—", "5左右"]);
    expect(c.headers).toHaveLength(2);
    expect(c.columns).toEqual(["指标名称", "单位", "2023年实际 绝对值", "2023年实际 增长%", "2024年目标 绝对值", "2024年目标 增长%"]);
    expect(TWO_HEADERS.slice(c.start, c.end)).toBe("地区生产总值\t亿元\t512.3\t4.1\t—\t5左右");
  });

  it("passes section rows and a data row of dashes and qualified figures on the way up", () => {
    const c = tableContext(TWO_HEADERS, at(TWO_HEADERS, "固定资产投资"))!;
    expect(c.columns[2]).toBe("2023年实际 绝对值");
    expect(c.headers[0]![0]).toBe("指 标 名 称");
  });

  it("takes the nearest header when a table goes on after a page break with its header repeated", () => {
    const text = ["指标\t2022年\t2023年", "甲\t1.5\t2", "", "— 3 —", "", "指标\t2023年计划\t2023年实际", "乙\t7\t7.2"].join("\n");
    const c = tableContext(text, at(text, "乙"))!;
    expect(c.columns).toEqual(["指标", "2023年计划", "2023年实际"]);
    expect(tableContext(text, at(text, "甲"))!.columns).toEqual(["指标", "2022年", "2023年"]);
  });

  it("reads a year alone as a column label, not a figure", () => {
    const text = "项目\t2022\t2023\n进出口总额\t10.5\t12.25";
    expect(tableContext(text, at(text, "进出口"))!.columns).toEqual(["项目", "2022", "2023"]);
  });

  it("gives no headers for a table without a header row, and null for prose", () => {
    const text = "粮食产量\t万吨\t30.2\n棉花产量\t万吨\t1.1\n\n全年粮食产量30.2万吨。";
    const c = tableContext(text, at(text, "棉花"))!;
    expect(c.headers).toEqual([]);
    expect(c.row).toEqual(["棉花产量", "万吨", "1.1"]);
    expect(tableContext(text, at(text, "全年"))).toBeNull();
  });

  it("handles CRLF line ends and an offset at the end of the text", () => {
    const text = "指标\t计划\t实际\r\n税收\t9\t9.5";
    const c = tableContext(text, text.length)!;
    expect(c.row).toEqual(["税收", "9", "9.5"]);
    expect(c.columns).toEqual(["指标", "计划", "实际"]);
  });
});

describe("columnLabels and cellsHolding", () => {
  it("does not carry a label into a column no lower row splits", () => {
    expect(columnLabels([["指标", "2023年", ""], ["", "绝对值", ""]], 3)).toEqual(["指标", "2023年 绝对值", ""]);
  });

  it("finds the cells stating a value, qualified or with thousands separators", () => {
    expect(cellsHolding(["地区生产总值", "亿元", "1,512.3", "4.1", "—", "5左右"], 1512.3)).toEqual([2]);
    expect(cellsHolding(["地区生产总值", "亿元", "512.3", "4.1", "—", "5左右"], 5)).toEqual([5]);
    expect(cellsHolding(["固定资产投资", "88.8", "-2.5"], -2.5)).toEqual([2]);
    expect(cellsHolding(["a", "1"], null)).toEqual([]);
  });
});
