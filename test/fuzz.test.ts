// Random and adversarial text: extraction must end (the test timeout is the guard) and what
// it returns must hold together. A regex that backtracks badly hangs here long before the
// timeout on inputs of this size.
import { describe, expect, it } from "vitest";
import { extractText, ExtractError } from "../kit/core.js";
import { random as rng } from "../bench/random.js";

const PIECES = ["增长", "下降", "、", "%", "，", "。", "；", "：", "亿元", "万人", "第", "三", "居", "全市", "其中", "分别", "预计", "\t", "\n", "\n\n", "“", "”", "（", "）", "(", ")", "**", " ", "-", "—", "同比", "以上", "左右", "约", "超", "的", "年", "2023", "1,234", "0.5", "7", "地区生产总值", "固定资产投资", "等", "园区", "一、", "(一)", "⑴", "1.", "倍", ":", "个"];


function randomText(seed: number, pieces: number): string {
  const r = rng(seed);
  const out: string[] = ["关于某某县2023年国民经济和社会发展计划执行情况的报告\n\n一、2023年计划执行情况\n"];
  for (let i = 0; i < pieces; i++) {
    const x = r();
    if (x < 0.6) out.push(PIECES[Math.floor(r() * PIECES.length)]!);
    else if (x < 0.8) out.push(String(Math.floor(r() * 100000) / (r() < 0.5 ? 1 : 100)));
    else out.push(String.fromCharCode(0x4e00 + Math.floor(r() * 2000)));
  }
  return out.join("");
}

function holdsTogether(text: string): void {
  try {
    const r = extractText(text, { name: "fuzz.txt" });
    const ids = new Set(r.observations.map((o) => o.id));
    for (const m of r.mentions) {
      expect(ids.has(m.observation_id)).toBe(true);
      expect(text.slice(m.start, m.end)).toBe(m.quote);
      expect(m.end).toBeGreaterThan(m.start);
    }
    for (const o of r.observations) {
      expect(o.value === null || Number.isFinite(o.value)).toBe(true);
      expect(o.growth_pct === null || Number.isFinite(o.growth_pct)).toBe(true);
    }
  } catch (err) {
    expect(err).toBeInstanceOf(ExtractError);
  }
}

const TIMEOUT = 20_000;

describe("random text", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])("seed %i", (seed) => holdsTogether(randomText(seed, 40_000)), TIMEOUT);
});

describe("adversarial text", () => {
  const head = "关于某某县2023年国民经济和社会发展计划执行情况的报告\n\n一、2023年计划执行情况\n\n";
  it.each([
    ["a long run of digits", "地区生产总值" + "7".repeat(200_000) + "亿元"],
    ["comma-grouped digits", "总额" + "0,000".repeat(50_000) + "元"],
    ["a long run of 、", "产值" + "、".repeat(100_000) + "1亿元"],
    ["a long run of %", "增长" + "%".repeat(100_000)],
    ["增长 over and over", "增长".repeat(100_000) + "3%"],
    ["同比 over and over", "同比".repeat(100_000)],
    ["figures without separators", "增长3%".repeat(30_000)],
    ["values without separators", "1亿元2万人".repeat(30_000)],
    ["ranks without end", "增速居湛江市".repeat(30_000) + "第三"],
    ["quotes never closed", "“".repeat(100_000) + "1个"],
    ["one endless line", "全市完成地区生产总值386.42亿元、增长3.6%，".repeat(8_000)],
    ["many short lines", "1.\n".repeat(100_000)],
    ["tabs only", "\t\t\t\t1\n".repeat(50_000)],
    ["a table with endless columns", "指标名称" + "\t2023年".repeat(20_000) + "\n地区生产总值" + "\t1".repeat(20_000) + "\n"],
    ["enumerators", "一、执".repeat(50_000) + "行情况"],
    ["event words", "承办活".repeat(50_000) + ",1亿元"],
    ["years", "2023年".repeat(50_000)],
    ["zone suffixes", "园区".repeat(50_000) + "全年实现1亿元"],
  ])("%s", (_name, body) => holdsTogether(head + body), TIMEOUT);
});
