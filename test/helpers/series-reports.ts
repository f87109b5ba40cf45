// Invented reports of one county over two years, for the series across reports
// (test/series.test.ts, test/series-cli.test.ts, test/series-xlsx.test.ts).
import { extractText } from "../../kit/core.js";
import type { ExtractResult } from "../../kit/types.js";

// 遂溪县, five reports over two years: the 2023 work report (2022 estimates, 2023 targets) and
// plan report (the same estimates, GDP in 万元; the same targets, revenue in 万元), the 2022
// bulletin (2022 actuals, GDP revised), the 2024 work report (2023 actuals) and the 2023
// bulletin (2023 GDP revised once more).
export const REPORTS: Record<string, string> = {
  "gwr-2023.txt": `遂溪县2023年政府工作报告
——2023年1月10日在遂溪县第十六届人民代表大会第三次会议上
遂溪县人民政府县长

一、2022年工作回顾
2022年，预计全县实现地区生产总值320亿元，增长4.5%；固定资产投资增长8%；社会消费品零售总额150亿元，增长3%；一般公共预算收入11.5亿元，增长2%。

二、2023年主要目标
2023年全县经济社会发展的主要预期目标是：地区生产总值增长6%左右；固定资产投资增长10%以上；社会消费品零售总额增长超过7%；一般公共预算收入12亿元左右。
`,
  "plan-2023.txt": `关于遂溪县2022年国民经济和社会发展计划执行情况与2023年国民经济和社会发展计划草案的报告
——2023年1月12日在遂溪县第十六届人民代表大会第三次会议上
遂溪县发展和改革局

一、2022年国民经济和社会发展计划执行情况
预计全县实现地区生产总值3200000万元，增长4.5%；一般公共预算收入11.5亿元，增长2%。

二、2023年国民经济和社会发展的主要预期目标
地区生产总值增长6%左右；一般公共预算收入120000万元左右。
`,
  "bulletin-2022.txt": `遂溪县2022年国民经济和社会发展统计公报
遂溪县统计局
2023年3月20日

一、综合
2022年全县实现地区生产总值318.6亿元，比上年增长4.2%。全年固定资产投资比上年增长8.4%。全年社会消费品零售总额151.2亿元，比上年增长3.1%。
`,
  "gwr-2024.txt": `遂溪县2024年政府工作报告
——2024年1月12日在遂溪县第十六届人民代表大会第四次会议上
遂溪县人民政府县长

一、2023年工作回顾
2023年，全县实现地区生产总值338.5亿元，增长5.6%；固定资产投资增长9.5%；社会消费品零售总额161.3亿元，增长6.8%；一般公共预算收入11.8亿元，增长2.6%。

二、2024年主要目标
2024年全县经济社会发展的主要预期目标是：地区生产总值增长5.5%左右；固定资产投资增长8%。
`,
  "bulletin-2023.txt": `遂溪县2023年国民经济和社会发展统计公报
遂溪县统计局
2024年3月18日

一、综合
2023年全县实现地区生产总值339.1亿元，比上年增长5.7%。全年固定资产投资比上年增长9.5%。全年社会消费品零售总额161.3亿元，比上年增长6.8%。全年一般公共预算收入11.8亿元，增长2.6%。
`,
};


/** The reports through the real kit, concatenated as one batch would hold them. */
export function extractReports(names: readonly string[]): ExtractResult {
  const out: ExtractResult = { documents: [], observations: [], mentions: [] };
  for (const name of names) {
    const r = extractText(REPORTS[name]!, { name });
    out.documents.push(...r.documents);
    out.observations.push(...r.observations);
    out.mentions.push(...r.mentions);
  }
  return out;
}
