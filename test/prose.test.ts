// The prose rules on sentences written the way reports write them.
import { describe, expect, it } from "vitest";
import { planReport, extract, one, none } from "./helpers/docs.js";

describe("headline results", () => {
  const r = extract(
    planReport(
      "雷州市",
      2023,
      "全市完成地区生产总值 386.42 亿元、增长 3.6%，增速居湛江市第三；固定资产投资 97.45 亿元、增长 5.1%，增速居湛江市第三。全年接待游客 333.78 万人次、增长 124.6%；实现旅游收入 19.69 亿元、增长 47.4%。",
    ),
  );

  it("reads name, value, unit, growth, rank and scope, and quotes the clause", () => {
    const o = one(r, { indicator_id: "gdp", period: "2023" });
    expect(o).toMatchObject({ region: "雷州市", kind: "actual", indicator: "地区生产总值", value: 386.42, unit: "亿元", growth_pct: 3.6, growth_basis: "yoy", rank: 3, rank_scope: "湛江市", conflict: false });
    expect(o.quote).toBe("全市完成地区生产总值 386.42 亿元、增长 3.6%，增速居湛江市第三");
  });

  it("maps aliases to the catalogue (接待游客 → 接待游客人次, 旅游收入 → 旅游总收入)", () => {
    expect(one(r, { indicator_id: "tourist_visits" })).toMatchObject({ indicator: "接待游客人次", value: 333.78, unit: "万人次", growth_pct: 124.6 });
    expect(one(r, { indicator_id: "tourism_revenue" })).toMatchObject({ indicator: "旅游总收入", value: 19.69 });
  });

  it("gives every observation a stable id", () => {
    const again = extract(r.text);
    expect(again.observations.map((o) => o.id)).toEqual(r.observations.map((o) => o.id));
    expect(new Set(r.observations.map((o) => o.id)).size).toBe(r.observations.length);
  });
});

describe("targets", () => {
  const r = extract(
    planReport(
      "泉港区",
      2023,
      "全区经济运行企稳回升。",
      "主要预期目标是：地区生产总值增长6%左右，固定资产投资增长10%以上，城镇新增就业2500人以上，城镇登记失业率控制在3.5%以内，居民人均可支配收入与经济增长同步，实际使用外资与去年同期持平。",
    ),
  );

  it("reads growth targets with their qualifiers for the plan year", () => {
    expect(one(r, { indicator_id: "gdp" })).toMatchObject({ period: "2024", kind: "target", growth_pct: 6, growth_qualifier: "about", value: null });
    expect(one(r, { indicator_id: "fai" })).toMatchObject({ growth_pct: 10, growth_qualifier: "at_least" });
  });

  it("reads value targets with their qualifiers", () => {
    expect(one(r, { indicator_id: "new_urban_jobs" })).toMatchObject({ value: 2500, unit: "人", value_qualifier: "at_least", kind: "target" });
    expect(one(r, { indicator: "城镇登记失业率" })).toMatchObject({ value: 3.5, unit: "%", value_qualifier: "at_most" });
  });

  it("reads targets stated in words", () => {
    expect(one(r, { indicator_id: "income_per_capita" }).target_text).toBe("与经济增长同步");
    expect(one(r, { indicator_id: "fdi_actual" }).target_text).toBe("与去年同期持平");
  });
});

describe("estimates", () => {
  it("takes 预计 for the sentence and 下同 for the rest of the passage, and 其中 after it", () => {
    const r = extract(
      planReport(
        "泉港区",
        2023,
        "全年预计实现地区生产总值623.68亿元，下降9.6%（预计数，下同）；固定资产投资98亿元，增长1%。社会消费品零售总额158.24亿元，增长2.5%。\n\n全年完成土地征收8850.58亩。",
      ),
    );
    expect(one(r, { indicator_id: "gdp" })).toMatchObject({ kind: "estimate", value: 623.68, growth_pct: -9.6 });
    expect(one(r, { indicator_id: "fai" }).kind).toBe("estimate");
    expect(one(r, { indicator_id: "retail_sales" }).kind).toBe("estimate");
    expect(one(r, { indicator: "土地征收" }).kind).toBe("actual");
  });

  it("ends a plain 预计 with its sentence, but not before the 其中 that details it", () => {
    const r = extract(
      planReport(
        "廉江市",
        2017,
        "预计全市生产总值达521.5亿元，增长9%。其中，第一产业增加值113.7亿元，增长4.2%。完成固定资产投资500亿元，增长6.5%。",
      ),
    );
    expect(one(r, { indicator_id: "gdp" }).kind).toBe("estimate");
    expect(one(r, { indicator_id: "gdp_primary" }).kind).toBe("estimate");
    expect(one(r, { indicator_id: "fai" }).kind).toBe("actual");
  });
});

describe("how things are named", () => {
  const r = extract(
    planReport(
      "雷州市",
      2023,
      [
        "全年新增规上工业企业 4 家；10 家企业通过高新技术认定，新建3个长者食堂。",
        "全年新引进大毛牛、伟嘉晶创等签约项目 35 个，协议投资额 240.77 亿元。",
        "全市粮食生产面积 103.05 万亩，产量 38.49 万吨、增长 1.4%。",
        "城市、农村低保对象最低生活保障标准分别提高到每人每月 857 元、600 元。",
        "城镇、农村居民人均可支配收入分别增长6.1%、7.2%。",
        "建设移民新村5条360户。",
        "全年民生投入62亿元，占全市公共财政支出86.5%。",
        "三次产业比重由22.6:44:33.4调整为21.8:45.3:32.9。",
      ].join(""),
    ),
  );

  it("name first, number first, and the verb that makes the count", () => {
    expect(one(r, { indicator: "新增规上工业企业" })).toMatchObject({ value: 4, unit: "家" });
    expect(one(r, { indicator: "企业通过高新技术认定" })).toMatchObject({ value: 10 });
    expect(one(r, { indicator: "新建长者食堂" })).toMatchObject({ value: 3, unit: "个" });
  });

  it("drops the examples before 等, and gives measure words their subject", () => {
    expect(one(r, { indicator: "签约项目" }).value).toBe(35);
    expect(one(r, { indicator: "签约项目协议投资额" }).value).toBe(240.77);
    expect(one(r, { indicator_id: "grain_output" })).toMatchObject({ indicator: "粮食产量", value: 38.49, unit: "万吨", growth_pct: 1.4 });
  });

  it("distributes 分别 over the listed names", () => {
    expect(one(r, { indicator: "城市低保对象最低生活保障标准" }).value).toBe(857);
    expect(one(r, { indicator: "农村低保对象最低生活保障标准" }).value).toBe(600);
    expect(one(r, { indicator_id: "income_urban" }).growth_pct).toBe(6.1);
    expect(one(r, { indicator_id: "income_rural" }).growth_pct).toBe(7.2);
  });

  it("gives a second figure of a different unit its own measure (户数), and shares their own name", () => {
    expect(one(r, { indicator: "建设移民新村" })).toMatchObject({ value: 5, unit: "条" });
    expect(one(r, { indicator: "建设移民新村户数" })).toMatchObject({ value: 360, unit: "户" });
    expect(one(r, { indicator: "民生投入占公共财政支出比重" })).toMatchObject({ value: 86.5, unit: "%" });
  });

  it("reads the 三次产业 structure after 调整为", () => {
    expect(one(r, { indicator: "第一产业比重" })).toMatchObject({ value: 21.8, unit: "%" });
    expect(one(r, { indicator: "第三产业比重" }).value).toBe(32.9);
  });
});

describe("places and scopes", () => {
  it("gives a development zone's figures to the zone", () => {
    const r = extract(planReport("雷州市", 2023, "“四区合一”成效初显，雷州经济开发区全年实现规上工业总产值45.83亿元、增长21.5%，工业固定资产投资26.27亿元、增长3.2倍；累计入园企业40家。"));
    expect(one(r, { region: "雷州经济开发区", indicator_id: "industry_output_above_scale" })).toMatchObject({ value: 45.83, growth_pct: 21.5 });
    expect(one(r, { region: "雷州经济开发区", indicator_id: "industrial_investment" })).toMatchObject({ value: 26.27, growth_pct: 320 });
    none(r, { region: "雷州市", indicator_id: "industry_output_above_scale" });
  });

  it("never takes a verb for the start of a place: 推动…产业园 is an action, not a zone speaking", () => {
    const r = extract(planReport("示例区", 2024, "推进园区提质增效。推动示例区新能源装备产业园（二期）、某某机械、某某新材料3000吨技改等项目尽快开工。加快建设示例区物流园区，全年完成投资5亿元。"));
    expect(r.observations.length).toBeGreaterThan(0);
    for (const o of r.observations) expect(o.region, o.quote).not.toMatch(/^(?:推动|推进|加快|建设)/);
    expect(r.observations.find((o) => o.value === 3000)?.region).toBe("示例区");
    // A zone that itself opens a clause still speaks for itself.
    const zone = extract(planReport("示例区", 2023, "示例经济开发区全年实现规上工业总产值12.5亿元、增长8%。"));
    expect(one(zone, { region: "示例经济开发区", indicator_id: "industry_output_above_scale" })).toMatchObject({ value: 12.5 });
  });

  it("keeps an event's figures apart from the region's headline", () => {
    const r = extract(planReport("雷州市", 2023, "全年接待游客 333.78 万人次、增长 124.6%。成功举办 2023 年文化旅游节系列活动，接待游客 48.69 万人次、增长 279.2%。"));
    expect(one(r, { indicator_id: "tourist_visits" })).toMatchObject({ value: 333.78, conflict: false });
    expect(r.observations.find((o) => o.value === 48.69)).toMatchObject({ indicator_id: null });
  });

  it("resolves 全省 to the province and keeps 全市 as written", () => {
    const r = extract(planReport("泉港区", 2023, "研发经费投入10.18亿元、比增44.7%，位居全市第2名；区域信用监测综合指数位居全省第一。"));
    expect(one(r, { indicator: "研发经费投入" })).toMatchObject({ rank: 2, rank_scope: "全市" });
    expect(one(r, { indicator: "区域信用监测综合指数" })).toMatchObject({ rank: 1, rank_scope: "福建省" });
  });
});

describe("what is not an observation", () => {
  it("skips administrative activity, list counts, names with numbers and hypothetical figures", () => {
    const r = extract(
      planReport(
        "雷州市",
        2023,
        "开展应急演练 1535 场，侦破电诈类案件 195 宗。精心办好8类31件为民办实事项目。全域旅游1236交通体系基础设施项目完成投资12亿元。项目建成后，年上网电量超5亿千瓦时。",
      ),
    );
    expect(r.observations.map((o) => o.value)).toEqual([12]);
  });
});

describe("merging prose and tables", () => {
  it("keeps the table's figure on disagreement and flags the conflict", () => {
    const r = extract(
      planReport("雷州市", 2023, "全市完成地区生产总值 386.42 亿元、增长 3.6%。") +
        "\n附件：雷州市2024年经济社会发展主要预期目标（草案）\n\n指标名称\t2023年完成情况\t\t2024年计划目标\t\n\t绝对值\t增长(%)\t绝对值\t增长(%)\n地区生产总值(亿元)\t386.50\t3.6\t-\t5.0 左右\n",
    );
    const o = one(r, { indicator_id: "gdp", period: "2023" });
    expect(o).toMatchObject({ value: 386.5, conflict: true });
    expect(r.mentions.filter((m) => m.observation_id === o.id).map((m) => m.from_table).sort()).toEqual([false, true]);
    expect(one(r, { indicator_id: "gdp", period: "2024" })).toMatchObject({ kind: "target", growth_pct: 5, growth_qualifier: "about" });
  });

  it("agrees when one figure rounds the other (2.4亿元 in the text, 24290万元 in the table)", () => {
    const r = extract(
      planReport("湛河区", 2022, "实现外贸进出口总额2.4亿元。") +
        "\n指标名称\t计量单位\t2022年实际完成\t\n\t\t绝对值\t增长%\n外贸进出口总额\t万元\t24290\t—\n",
    );
    expect(one(r, { indicator_id: "trade_total" })).toMatchObject({ value: 24290, unit: "万元", conflict: false });
  });
});

describe("statistical bulletins", () => {
  const r = extract(
    "某某县2022年国民经济和社会发展统计公报\n\n一、综 合\n人口年末常住人口94.9万人，比上年末增加0.1万人。常住人口城镇化率43.6%，比上年末提高0.7个百分点。城镇调查失业率平均为5.1%。\n国民经济全年实现地区生产总值(GDP)439.19亿元，按可比价格计算，比上年增长3.3%。\n畜牧全年出栏生猪116.0万头，比上年增长4.9%。\n",
  );

  it("drops the topic label a bulletin puts before the name", () => {
    expect(one(r, { indicator_id: "population" })).toMatchObject({ value: 94.9, unit: "万人", period: "2022" });
    expect(one(r, { indicator_id: "gdp" })).toMatchObject({ value: 439.19, growth_pct: 3.3 });
    expect(one(r, { indicator: "出栏生猪" })).toMatchObject({ value: 116, growth_pct: 4.9 });
  });

  it("reads 比上年末 as year on year (a stock against last year's end), and skips absolute changes", () => {
    expect(one(r, { indicator_id: "urbanization_rate" })).toMatchObject({ value: 43.6, growth_pct: 0.7, growth_basis: "yoy" });
    expect(r.observations.find((o) => o.value === 0.1)).toBeUndefined();
    expect(one(r, { indicator_id: "surveyed_unemployment_rate" }).value).toBe(5.1);
  });
});

describe("counties in a city's report", () => {
  it("gives a county's figures to the county", () => {
    const r = extract(planReport("湛江市", 2023, "全市完成地区生产总值3793亿元，增长3.1%。其中，雷州市完成地区生产总值386.42亿元，增长3.6%；廉江市地区生产总值590亿元。"));
    expect(one(r, { region: "湛江市", indicator_id: "gdp" })).toMatchObject({ value: 3793, conflict: false });
    expect(one(r, { region: "雷州市", indicator_id: "gdp" })).toMatchObject({ value: 386.42, growth_pct: 3.6 });
    expect(one(r, { region: "廉江市", indicator_id: "gdp" }).value).toBe(590);
  });
});

describe("a government work report looking back five years", () => {
  const r = extract(
    "2021年南城区政府工作报告\n\n一、过去五年工作回顾\n\n全区地区生产总值由2015年的320亿元增加到2020年的468亿元，年均增长6.8%；一般公共预算收入年均增长8.2%；五年累计完成固定资产投资1560亿元。\n\n二、2021年主要目标\n\n地区生产总值增长7%以上。\n",
  );

  it("names the region from the title even when the region list lacks it", () => {
    expect(r.documents[0]).toMatchObject({ region: "南城区", type: "government_work_report", report_period: "2020", plan_period: "2021" });
  });

  it("puts five-year figures on the span and keeps the starting year's figure", () => {
    expect(one(r, { indicator_id: "fai" })).toMatchObject({ period: "2016-2020", value: 1560 });
    expect(one(r, { indicator_id: "budget_revenue" })).toMatchObject({ period: "2016-2020", growth_pct: 8.2, growth_basis: "annual_avg" });
    expect(one(r, { indicator_id: "gdp", period: "2015" }).value).toBe(320);
    expect(one(r, { indicator_id: "gdp", period: "2020" })).toMatchObject({ value: 468, growth_pct: 6.8, growth_basis: "annual_avg" });
    expect(one(r, { indicator_id: "gdp", period: "2021" })).toMatchObject({ kind: "target", growth_pct: 7 });
  });
});

describe("distinct facts stay distinct", () => {
  it("gives a zone that opens a sentence the sentence's figures", () => {
    const r = extract(planReport("廉江市", 2017, "全市经济平稳。", "争取年内引进企业20家。沙塘工业集聚区着重抓好360亩工业用地的“五通一平”，争取年内引进企业8家。"));
    expect(one(r, { region: "廉江市", indicator: "引进企业" })).toMatchObject({ value: 20, conflict: false });
    expect(one(r, { region: "沙塘工业集聚区", indicator: "引进企业" }).value).toBe(8);
  });

  it("reads a count whose 个 was left out, and keeps 计划投资 apart from 总投资", () => {
    const r = extract(planReport("泉港区", 2023, "全区经济运行企稳回升。", "安排2024年区级重点项目271总投资1873.19亿元2024年度计划投资323.04亿元。"));
    expect(one(r, { indicator: "区级重点项目" })).toMatchObject({ value: 271, unit: "个" });
    expect(one(r, { indicator: "区级重点项目总投资" }).value).toBe(1873.19);
    expect(one(r, { indicator: "区级重点项目计划投资" }).value).toBe(323.04);
    expect(r.observations.filter((o) => o.conflict)).toEqual([]);
  });

  it("names each completion rate after what it completes", () => {
    const r = extract(planReport("湛河区", 2022, "免费“两癌”筛查900人，完成全年任务的100%。实施康复救助110人，完成全年任务的157%。"));
    expect(one(r, { indicator: "免费“两癌”筛查任务完成率" }).value).toBe(100);
    expect(one(r, { indicator: "康复救助任务完成率" }).value).toBe(157);
  });
});

describe("more ways of writing", () => {
  const r = extract(
    "安福县2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划（草案）的报告\n\n第一部分 2023年经济社会发展情况\n\n全县地区生产总值完成185.6亿元（增长4.1%）。城镇、农村居民人均可支配收入分别达到42115元、19870元，分别增长4.8%、7.1%。\n\n第二部分 2024年国民经济和社会发展计划（草案）\n\n2024年主要预期目标：地区生产总值增长5.5%左右；城镇调查失业率控制在5.5%以内。\n",
  );

  it("reads growth in brackets and a second 分别 that names nothing", () => {
    expect(one(r, { indicator_id: "gdp", period: "2023" })).toMatchObject({ value: 185.6, growth_pct: 4.1 });
    expect(one(r, { indicator_id: "income_urban" })).toMatchObject({ value: 42115, growth_pct: 4.8 });
    expect(one(r, { indicator_id: "income_rural" })).toMatchObject({ value: 19870, growth_pct: 7.1 });
  });

  it("takes 第二部分 … 计划（草案） as the plan", () => {
    expect(r.documents[0]).toMatchObject({ region: "安福县", parent_region: "吉安市" });
    expect(one(r, { indicator_id: "gdp", period: "2024" })).toMatchObject({ kind: "target", growth_pct: 5.5, growth_qualifier: "about" });
    expect(one(r, { indicator_id: "surveyed_unemployment_rate" })).toMatchObject({ kind: "target", value: 5.5, value_qualifier: "at_most" });
  });
});

describe("parts of a year", () => {
  it("dates a half-year report's figures to the half, and a month's end to the month", () => {
    const r = extract(
      "2024年1-6月南城区经济运行情况\n\n上半年，全区实现地区生产总值256.3亿元，同比增长5.2%，增速比一季度提高0.4个百分点。社会消费品零售总额82.7亿元，增长6.3%。6月末，金融机构本外币各项存款余额612.4亿元，增长6.1%。\n",
    );
    expect(r.documents[0]).toMatchObject({ region: "南城区", report_period: "2024", report_period_part: "H1", plan_period: null });
    expect(one(r, { indicator_id: "gdp" })).toMatchObject({ period: "2024", period_part: "H1", kind: "actual", value: 256.3, growth_pct: 5.2 });
    expect(one(r, { indicator: "社会消费品零售总额" }).period_part).toBe("H1");
    expect(one(r, { indicator: "金融机构各项存款余额" })).toMatchObject({ period: "2024", period_part: "M6", value: 612.4 });
    // "增速比一季度提高0.4个百分点" compares two growth rates; it is not a figure of its own.
    expect(r.observations).toHaveLength(3);
    // The part is part of what the figure is about: its id differs from the whole year's.
    const annual = extract(planReport("南城区", 2024, "全区实现地区生产总值512.6亿元，同比增长5.0%。"));
    expect(one(annual, { indicator_id: "gdp", period: "2024" }).id).not.toBe(one(r, { indicator_id: "gdp" }).id);
  });

  it("reads 三季度 in a 前三季度 report as the year so far, like the breakdown that follows", () => {
    const r = extract(
      "江口县2020年前三季度经济运行情况\n\n三季度，全县实现地区生产总值125.95亿元，同比增长3.6%。其中，第一产业完成增加值18.33亿元，同比增长2.2%。\n",
    );
    expect(one(r, { indicator_id: "gdp" })).toMatchObject({ period: "2020", period_part: "Q1-Q3" });
    expect(one(r, { indicator: "第一产业增加值" }).period_part).toBe("Q1-Q3");
  });

  it("dates news by its publication, and a 力争全年 target to the whole year for every clause it governs", () => {
    const r = extract(
      "【招商动态】徐闻县一季度招商引资成效明显\n2024-04-12\n今年一季度，徐闻县共签约项目18个，总投资86.5亿元，同比增长32.1%。全县实际利用外资1250万美元，增长15.6%。该县将力争全年签约项目60个以上，实际到位资金超100亿元。\n",
    );
    expect(one(r, { indicator: "签约项目", kind: "actual" })).toMatchObject({ region: "徐闻县", period: "2024", period_part: "Q1", value: 18 });
    expect(one(r, { indicator: "实际利用外资" })).toMatchObject({ period: "2024", period_part: "Q1", value: 1250, unit: "万美元" });
    expect(one(r, { indicator: "签约项目", kind: "target" })).toMatchObject({ period: "2024", period_part: null, value: 60, value_qualifier: "at_least" });
    expect(one(r, { indicator: "实际到位资金" })).toMatchObject({ period: "2024", period_part: null, kind: "target", value: 100, value_qualifier: "more_than" });
  });

  it("counts figures for the months already past, though an estimate's 下同 covers the passage", () => {
    const r = extract(
      planReport("麻章区", 2023, "预计全年地区生产总值完成298.5亿元，同比增长4.8%（下同）。1-11月，全区外贸进出口总额45.6亿元，增长12.8%，其中出口32.1亿元。"),
    );
    expect(one(r, { indicator_id: "gdp" })).toMatchObject({ kind: "estimate", period: "2023", period_part: null });
    expect(one(r, { indicator_id: "trade_total" })).toMatchObject({ kind: "actual", period: "2023", period_part: "M1-M11", value: 45.6 });
    expect(one(r, { indicator_id: "exports" })).toMatchObject({ kind: "actual", period_part: "M1-M11", value: 32.1 });
  });

  it("ends what 力争 governs at a semicolon", () => {
    const r = extract(planReport("遂溪县", 2023, "重点项目加快推进，力争年底前建成投产；全年完成投资12.5亿元。"));
    expect(one(r, { value: 12.5 })).toMatchObject({ kind: "actual", period: "2023" });
  });

  it("keeps 1-12月 and 全年 figures annual", () => {
    const r = extract(planReport("雷州市", 2023, "1-12月，全市完成固定资产投资97.45亿元，增长5.1%。全年接待游客333.78万人次。"));
    expect(one(r, { indicator_id: "fai" })).toMatchObject({ period: "2023", period_part: null });
    expect(one(r, { indicator_id: "tourist_visits" })).toMatchObject({ period: "2023", period_part: null });
  });
});

describe("budget and price sentences", () => {
  const r = extract(
    planReport(
      "遂溪县",
      2024,
      "一般公共预算收入完成12.87亿元，同口径增长5.9%；税收收入8.02亿元，占一般公共预算收入比重为62.3%，占全县财政收入55.1%。居民消费价格指数（CPI）上涨0.3%。",
      "居民消费价格涨幅控制在2%左右；单位地区生产总值能耗完成市下达任务；主要污染物排放总量完成省定目标。",
    ),
  );

  it("reads 同口径增长 as the growth of the figure before it", () => {
    expect(one(r, { indicator_id: "budget_revenue" })).toMatchObject({ value: 12.87, growth_pct: 5.9, growth_basis: "yoy" });
    none(r, { indicator: "同口径" });
  });

  it("names a share once, and a second share after the same base", () => {
    expect(one(r, { indicator: "税收收入占一般公共预算收入比重" })).toMatchObject({ value: 62.3, unit: "%" });
    expect(one(r, { indicator: "税收收入占财政收入比重" })).toMatchObject({ value: 55.1 });
  });

  it("catalogues the price index and energy intensity under the report's own words", () => {
    expect(one(r, { indicator_id: "cpi", kind: "actual" })).toMatchObject({ indicator: "居民消费价格指数", growth_pct: 0.3 });
    expect(one(r, { indicator_id: "cpi", kind: "target" })).toMatchObject({ indicator: "居民消费价格", growth_pct: 2, growth_qualifier: "about" });
    expect(one(r, { indicator_id: "energy_intensity" })).toMatchObject({ kind: "target", target_text: "完成市下达任务", value: null });
    expect(one(r, { indicator: "主要污染物排放" }).target_text).toBe("完成省定目标");
  });
});

describe("a government work report's review", () => {
  const r = extract(
    planReport(
      "廉江市",
      2023,
      "固定资产投资增长11.3%，增速居湛江各县（市、区）第一；城乡居民人均可支配收入分别达到38960元和23450元，分别增长4.3%和6.8%。第一、二、三产业增加值分别增长4.1%、3.2%、5.5%。新增规模以上工业企业21家，总数达到285家。全年引进项目52个，计划总投资326亿元，其中超10亿元项目9个。",
    ),
  );

  it("keeps a rank scope with a bracketed list", () => {
    expect(one(r, { indicator_id: "fai" })).toMatchObject({ growth_pct: 11.3, rank: 1, rank_scope: "湛江各县(市、区)" });
  });

  it("splits 城乡 into 城镇 and 农村, and 第一、二、三产业 into three industries", () => {
    expect(one(r, { indicator_id: "income_urban" })).toMatchObject({ value: 38960, growth_pct: 4.3 });
    expect(one(r, { indicator_id: "income_rural" })).toMatchObject({ value: 23450, growth_pct: 6.8 });
    none(r, { indicator_id: "income_per_capita" });
    expect([1, 2, 3].map((i) => one(r, { indicator_id: ["gdp_primary", "gdp_secondary", "gdp_tertiary"][i - 1] }).growth_pct)).toEqual([4.1, 3.2, 5.5]);
  });

  it("names a stock after what was counted as new, and keeps a threshold inside a name", () => {
    expect(one(r, { indicator: "新增规模以上工业企业" }).value).toBe(21);
    expect(one(r, { indicator: "规模以上工业企业总数" })).toMatchObject({ indicator_id: "enterprises_above_scale", value: 285 });
    expect(one(r, { indicator: "超10亿元项目" })).toMatchObject({ value: 9, value_qualifier: null });
  });
});

describe("a five-year plan's levels and rates", () => {
  const r = extract(
    "中共赤坎区委关于制定赤坎区国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议\n\n一、决胜全面建成小康社会取得决定性成就\n\n“十三五”时期，全区地区生产总值年均增长6.8%，2020年达到526.3亿元；一般公共预算收入年均增长5.2%，2019年达到9.1亿元。\n\n二、“十四五”时期经济社会发展的主要目标\n\n地区生产总值年均增长6%左右，到2025年突破700亿元。\n",
  );

  it("keeps the span's last year with the span's growth, as one fact", () => {
    expect(one(r, { indicator_id: "gdp", period: "2016-2020" })).toMatchObject({ growth_pct: 6.8, growth_basis: "annual_avg", value: 526.3 });
    expect(one(r, { indicator_id: "gdp", period: "2021-2025" })).toMatchObject({ kind: "target", growth_pct: 6, growth_qualifier: "about", value: 700, value_qualifier: "more_than" });
    none(r, { indicator: "到2025年" });
  });

  it("dates a level the clause gives another year apart from the span's growth", () => {
    expect(one(r, { indicator_id: "budget_revenue", period: "2016-2020" })).toMatchObject({ growth_pct: 5.2, value: null });
    expect(one(r, { indicator_id: "budget_revenue", period: "2019" })).toMatchObject({ kind: "actual", value: 9.1, growth_pct: null });
  });
});

describe("figures named before a shared 分别, and a measure at two dates", () => {
  const r = extract(
    planReport(
      "霞山区",
      2022,
      "全区实现地区生产总值512.6亿元，比上年增长3.1%。城镇居民人均可支配收入42115元，农村居民人均可支配收入19870元，分别增长4.8%和7.1%。全年共接待游客1200万人次，实现旅游总收入98亿元，分别增长12%和15%。过去五年，地区生产总值年均增长5.2%，由2017年的398亿元增加到2022年的512.6亿元。",
    ),
  );

  it("gives a 分别 with no names to the figures just named one by one", () => {
    expect(one(r, { indicator_id: "income_urban" })).toMatchObject({ value: 42115, growth_pct: 4.8 });
    expect(one(r, { indicator_id: "income_rural" })).toMatchObject({ value: 19870, growth_pct: 7.1 });
    expect(one(r, { indicator_id: "tourist_visits" })).toMatchObject({ value: 1200, growth_pct: 12 });
    expect(one(r, { indicator_id: "tourism_revenue" })).toMatchObject({ value: 98, growth_pct: 15 });
  });

  it("dates each end of 由…增加到… by its own year", () => {
    expect(one(r, { indicator_id: "gdp", period: "2017" })).toMatchObject({ kind: "actual", value: 398, unit: "亿元" });
    const latest = one(r, { indicator_id: "gdp", period: "2022" });
    expect(latest).toMatchObject({ value: 512.6, growth_pct: 3.1, conflict: false });
    expect(r.mentions.filter((m) => m.observation_id === latest.id)).toHaveLength(2);
    expect(one(r, { indicator_id: "gdp", growth_basis: "annual_avg" }).growth_pct).toBe(5.2);
  });
});

describe("ranges and linking verbs in targets", () => {
  const r = extract(planReport("遂溪县", 2024, "全年地区生产总值256.3亿元，增速为5.2%。", "一般公共预算收入增长5%-6%；固定资产投资增长8-10%。"));

  it("reads 增速为 as growth", () => {
    expect(one(r, { indicator_id: "gdp", kind: "actual" })).toMatchObject({ value: 256.3, growth_pct: 5.2 });
  });

  it("keeps a range target as its floor, with the range as written in words", () => {
    expect(one(r, { indicator_id: "budget_revenue" })).toMatchObject({ kind: "target", growth_pct: 5, growth_qualifier: null, target_text: "增长5%-6%", value: null });
    expect(one(r, { indicator_id: "fai" })).toMatchObject({ growth_pct: 8, target_text: "增长8-10%" });
  });
});
