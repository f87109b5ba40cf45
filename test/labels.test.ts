// Labels for analysts (labels.json): Chinese by default, English on request, codes and fields
// shown as themselves where labels.json has nothing.
import { describe, expect, it } from "vitest";
import labels from "../kit/lexicon/labels.json" with { type: "json" };
import { codeLabel, fieldLabel, parseLang, sheetLabel, text } from "../kit/lexicon/labels.js";
import { checkHeaders } from "../export/xlsx/write.js";
import { CONFLICTS, DOCUMENTS, MENTIONS, OBSERVATIONS } from "../export/xlsx/spec.js";

describe("labels", () => {
  it("read the language from --lang or ZHIBIAO_LANG values", () => {
    expect(parseLang("zh")).toBe("zh");
    expect(parseLang("zh-CN")).toBe("zh");
    expect(parseLang("EN_us")).toBe("en");
    expect(parseLang("fr")).toBeNull();
    expect(parseLang(undefined)).toBeNull();
  });
  it("name fields and codes in Chinese by default, in English on request, and unknown ones as themselves", () => {
    expect(fieldLabel("value")).toBe("数值");
    expect(fieldLabel("value", "en")).toBe("Value");
    expect(fieldLabel("no_such_field")).toBe("no_such_field");
    expect(codeLabel("kind", "actual")).toBe("实际");
    expect(codeLabel("qualifier", "about")).toBe("左右");
    expect(codeLabel("type", "government_work_report")).toBe("政府工作报告");
    expect(codeLabel("kind", "actual", "en")).toBe("actual");
    expect(codeLabel("kind", "unheard_of")).toBe("unheard_of");
    expect(codeLabel("kind", null)).toBeNull();
    expect(sheetLabel("observations")).toBe("指标");
    expect(sheetLabel("observations", "en")).toBe("Observations");
  });
  it("read months of a year in period_part", () => {
    expect(codeLabel("period_part", "H1")).toBe("上半年");
    expect(codeLabel("period_part", "M1-M5")).toBe("1-5月");
    expect(codeLabel("period_part", "M6")).toBe("6月");
    expect(codeLabel("period_part", "M1-M5", "en")).toBe("months 1–5");
  });
  it("fill a sentence's placeholders and refuse a key labels.json lacks", () => {
    expect(text("summary_total", "zh", { documents: 2, observations: 3, mentions: 4, failed: 0 })).toBe("2 篇文档，3 条观测，4 处来源，0 个文件读取失败");
    expect(() => text("no_such_text")).toThrow(/no text "no_such_text"/);
  });
  it("give every entry both languages", () => {
    const groups = [labels.fields, labels.sheets, labels.text, ...Object.values(labels.codes)] as Record<string, { zh?: string; en?: string }>[];
    for (const g of groups) for (const [k, v] of Object.entries(g)) expect([k, typeof v.zh, typeof v.en]).toEqual([k, "string", "string"]);
  });
  it("name each workbook table's columns apart in both languages (a table refuses two alike)", () => {
    for (const spec of [OBSERVATIONS, MENTIONS, DOCUMENTS, CONFLICTS]) for (const lang of ["zh", "en"] as const) expect(() => checkHeaders(spec, lang)).not.toThrow();
    expect(() => checkHeaders({ key: "observations", table: "T", columns: [{ key: "id", kind: "text" }, { key: "observation_id", kind: "text" }] }, "zh")).toThrow(/both labelled "观测编号"/);
  });
});
