// Document metadata read from the seeds, and a page of several news articles.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { extractText } from "../kit/core.js";
import { toBlocks } from "../kit/text/blocks.js";

const seed = (f: string) => readFileSync(path.resolve(import.meta.dirname, "../seeds", f), "utf8");

describe("seed documents", () => {
  it.each([
    ["000_b3806004d9469c12.txt", { region: "雷州市", parent_region: "湛江市", type: "plan_report", report_period: "2023", plan_period: "2024", date: "2024-03-20" }],
    ["002_a368325aa71b38e9.txt", { region: "泉港区", parent_region: "泉州市", type: "plan_report", report_period: "2023", plan_period: "2024", date: "2023-12-27" }],
    ["003_49b85f368522afa1.txt", { region: "湛江市", parent_region: "广东省", type: "five_year_plan", report_period: "2016-2020", plan_period: "2021-2025", date: "2020-12-22" }],
    ["004_ceb362faf2888194.txt", { region: "湛河区", parent_region: "平顶山市", type: "plan_report", report_period: "2022", plan_period: "2023", date: "2023-10-17" }],
  ])("%s", (file, expected) => {
    const { documents } = extractText(seed(file), { name: file });
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({ doc: file, part: 0, ...expected });
    expect(documents[0]!.title).toMatch(/报告|建议/);
  });

  it("splits a page of news articles, each with its own region and years", () => {
    const file = "001_eeb6bb054d7c5bcb.txt";
    const { documents, observations } = extractText(seed(file), { name: file });
    expect(documents).toHaveLength(10);
    const report = documents.find((d) => d.type === "government_work_report")!;
    expect(report).toMatchObject({ region: "廉江市", parent_region: "湛江市", report_period: "2017", plan_period: "2018" });
    expect(report.title).toContain("2018年廉江市政府工作报告");
    expect(documents.find((d) => d.title?.includes("遂溪县招商"))!.region).toBe("遂溪县");
    expect(documents.filter((d) => d.type === "news").every((d) => d.region !== null)).toBe(true);
    // Articles cover the page without overlapping.
    for (let i = 1; i < documents.length; i++) expect(documents[i]!.start).toBe(documents[i - 1]!.end);
    expect(observations.filter((o) => o.indicator_id === "gdp" && o.region === "廉江市").map((o) => o.period).sort()).toEqual(["2017", "2018"]);
  });
});

describe("titles", () => {
  it("takes a bare 政府工作报告 line as the title, the year and the place from the lines under it", () => {
    const text = "政府工作报告\n——2024年1月10日在廉江市第十七届人民代表大会第四次会议上\n\n一、2023年工作回顾\n（二）招商引资成果丰硕。全年计划总投资326亿元，实际利用外资2150万美元。\n";
    const [doc] = extractText(text, { name: "gov.txt" }).documents;
    expect(doc).toMatchObject({ title: "政府工作报告", region: "廉江市", type: "government_work_report", report_period: "2023", plan_period: "2024", date: "2024-01-10" });
  });
});

describe("title notes", () => {
  it("leaves the meeting note under a title out of it", () => {
    const text = "关于麻章区2023年国民经济和社会发展计划执行情况及2024年计划草案的报告\n（2023年12月28日在麻章区第三届人民代表大会第四次会议上）\n\n一、2023年计划执行情况\n\n地区生产总值298.5亿元。\n";
    const [doc] = extractText(text, { name: "plan.txt" }).documents;
    expect(doc).toMatchObject({ title: "关于麻章区2023年国民经济和社会发展计划执行情况及2024年计划草案的报告", date: "2023-12-28", region: "麻章区" });
  });
});

describe("blocks", () => {
  it("joins a sentence broken by a page break and keeps titles apart", () => {
    const text = "标题一行\n\n标题二行\n\n" + "这是一段很长的正文，它在这里被分页符打断了，所以中海油乌".repeat(3) + "\n\n石油田群项目建设有序推进。\n";
    const blocks = toBlocks(text);
    expect(blocks.map((b) => b.type)).toEqual(["heading", "heading", "paragraph"]);
    const p = blocks[2]!;
    expect(p.type === "paragraph" && p.span.text.endsWith("中海油乌石油田群项目建设有序推进。")).toBe(true);
  });

  it("cleans full-width digits, markdown emphasis and spaces but maps back to the original", () => {
    const text = "工业投资**２６.２７** 亿元，增长 ３.２ 倍。";
    const r = extractText(`雷州市2023年国民经济和社会发展计划执行情况的报告\n\n一、2023年计划执行情况\n\n${text}\n`, { name: "t.txt" });
    const o = r.observations.find((x) => x.indicator_id === "industrial_investment")!;
    expect(o).toMatchObject({ value: 26.27, growth_pct: 320 });
    expect(o.quote).toBe("工业投资**２６.２７** 亿元，增长 ３.２ 倍");
  });
});

describe("whose report it is", () => {
  const doc = (text: string) => extractText(text, { name: "r.txt" }).documents[0]!;

  it("reads the meeting line under a bare title, not the most named word", () => {
    const text = "政府工作报告\n——2024年1月12日在武义县第十八届人民代表大会第三次会议上\n\n各位代表：\n城区改造加快，城区道路、城区绿化、城区照明全面提升。全县地区生产总值增长6.1%。\n";
    expect(doc(text)).toMatchObject({ region: "武义县", parent_region: "金华市", region_source: "meeting line", type: "government_work_report", report_period: "2023" });
  });

  it("takes the most specific place of a title, not its parent city", () => {
    expect(doc("金华市婺城区2023年国民经济和社会发展统计公报\n\n全区地区生产总值增长5%。\n")).toMatchObject({ region: "婺城区", parent_region: "金华市", region_source: "title" });
  });

  it("accepts a county's short name when its parent city is named too", () => {
    const text = "武义2023年国民经济和社会发展统计公报\n\n2023年，在金华市委市政府和县委县政府的领导下，全县经济平稳运行。全县地区生产总值增长5%，全县居民收入增长6%。\n";
    expect(doc(text)).toMatchObject({ region: "武义县", region_source: "short name and parent" });
  });

  it("resolves a county's old name to the district it became, beside its parent", () => {
    expect(doc("揭东县2012年国民经济和社会发展统计公报\n\n在揭阳市委的领导下，全县经济平稳运行。\n")).toMatchObject({ region: "揭东区", parent_region: "揭阳市" });
    // Without the parent, a name the list lacks stays as written.
    expect(doc("东兴县2023年国民经济和社会发展统计公报\n\n全县经济平稳运行，地区生产总值增长5%。\n")).toMatchObject({ region: "东兴县", parent_region: null });
  });

  it("reads an autonomous prefecture by the name it signs with (黔东南州统计局)", () => {
    const text = "黔东南州统计局\n2024年5月7日\n\n2023年，全州经济逐季向好。全州生产总值1329.65亿元，比上年增长4.0%。\n";
    expect(doc(text)).toMatchObject({ region: "黔东南苗族侗族自治州", region_source: "signature", type: "statistical_bulletin", report_period: "2023" });
  });

  it("says so, and holds back the figures, when nothing tells whose report it is", () => {
    const r = extractText("工作总结\n\n今年以来，经济运行平稳。地区生产总值增长5.2%，固定资产投资增长8%。\n", { name: "r.txt" });
    expect(r.documents[0]).toMatchObject({ region: null, region_source: null });
    expect(r.documents[0]!.warnings.join(" ")).toMatch(/does not say whose/);
    expect(r.documents[0]!.warnings.join(" ")).toMatch(/2 figures .* held back/);
    expect(r.observations).toEqual([]);
  });
});

describe("what kind of document it is", () => {
  const doc = (text: string) => extractText(text, { name: "r.txt" }).documents[0]!;

  it("finds a web copy's title under the site's navigation, and 统计公报 outweighs a passing 十四五", () => {
    const chrome = ["首页", "政务公开", "统计信息", "统计公报", "当前位置：首页 > 统计信息", "字号：大 中 小", "打印本页", "关闭窗口"].join("\n\n");
    const text = `${chrome}\n\n金华市2023年国民经济和社会发展统计公报\n\n2023年是“十四五”规划承上启下的关键之年。全市地区生产总值增长6%。\n`;
    expect(doc(text)).toMatchObject({ title: "金华市2023年国民经济和社会发展统计公报", type: "statistical_bulletin", region: "金华市", report_period: "2023" });
  });

  it("does not take a section heading that names 十四五 for the title", () => {
    const text = "政府工作报告\n\n——2026年1月20日在金华市第九届人民代表大会第五次会议上\n\n一、2025年和“十四五”时期工作回顾\n\n全市地区生产总值增长5.8%。\n";
    expect(doc(text)).toMatchObject({ title: "政府工作报告", type: "government_work_report", report_period: "2025", plan_period: "2026" });
  });
});

describe("data releases", () => {
  it("dates a monthly release by its own period, not the page's date", () => {
    const r = extractText("2024年1-12月武义县主要经济指标\n\n发布时间：2025年1月20日\n\n1-12月，全县规模以上工业增加值增长8.1%，固定资产投资增长5%。\n", { name: "r.txt" });
    expect(r.documents[0]).toMatchObject({ type: "statistical_release", region: "武义县", report_period: "2024" });
    expect(r.observations.map((o) => [o.indicator_id, o.period, o.period_part])).toEqual([
      ["industry_va_above_scale", "2024", null],
      ["fai", "2024", null],
    ]);
  });
});

describe("a report that does not say its year", () => {
  it("holds its figures back and says so", () => {
    const r = extractText("武义县经济运行情况\n\n全县地区生产总值增长5.2%，固定资产投资增长8%。\n", { name: "r.txt" });
    expect(r.documents[0]).toMatchObject({ region: "武义县", report_period: null });
    expect(r.documents[0]!.warnings.join(" ")).toMatch(/2 figures are held back: the report does not say which year/);
    expect(r.observations).toEqual([]);
  });
});

describe("a web page copied as plain text", () => {
  it("keeps the title line apart from the page's controls around it, and a control in brackets is no news column", () => {
    const text = "首页 > 政务公开 > 统计数据\n【字体：大 中 小】 打印\n2024年嘉兴市国民经济和社会发展统计公报\n发布时间：2025-03-18 来源：嘉兴市统计局\n一、综合\n初步核算，全年全市实现地区生产总值7356.1亿元，比上年增长5.8%。\n";
    const r = extractText(text, { name: "page.txt" });
    expect(r.documents).toHaveLength(1);
    expect(r.documents[0]).toMatchObject({ title: "2024年嘉兴市国民经济和社会发展统计公报", type: "statistical_bulletin", region: "嘉兴市", report_period: "2024" });
    expect(r.observations.find((o) => o.indicator_id === "gdp")).toMatchObject({ value: 7356.1, growth_pct: 5.8 });
  });
});
