// Figures in their indicator's standard unit (value_std, unit_std), on invented figures.
import { describe, expect, it } from "vitest";
import { standardise, standardUnit } from "../kit/lexicon/standard.js";
import { extractText } from "../kit/core.js";

describe("standard units", () => {
  it("are the catalogue's defaultUnit", () => {
    expect(standardUnit("new_urban_jobs")).toBe("人");
    expect(standardUnit("gdp")).toBe("亿元");
    expect(standardUnit(null)).toBeNull();
    expect(standardUnit("no_such_indicator")).toBeNull();
  });
  it("rescale within a class", () => {
    expect(standardise("new_urban_jobs", 3.2, "万人")).toEqual({ value_std: 32000, unit_std: "人" });
    expect(standardise("gdp", 5000, "万元")).toEqual({ value_std: 0.5, unit_std: "亿元" });
    expect(standardise("gdp", 386.42, "亿元")).toEqual({ value_std: 386.42, unit_std: "亿元" });
    expect(standardise("population", 52630, "人")).toEqual({ value_std: 5.263, unit_std: "万人" });
    expect(standardise("grain_area", 3000, "亩")).toEqual({ value_std: 0.3, unit_std: "万亩" });
    expect(standardise("grain_output", 12000, "吨")).toEqual({ value_std: 1.2, unit_std: "万吨" });
  });
  it("never convert one currency into another, only rescale within it", () => {
    expect(standardise("trade_total", 1.2, "亿美元")).toEqual({ value_std: 1.2, unit_std: "亿美元" });
    expect(standardise("trade_total", 5000, "万美元")).toEqual({ value_std: 0.5, unit_std: "亿美元" });
    expect(standardise("fdi_actual", 3, "亿元")).toEqual({ value_std: 30000, unit_std: "万元" });
  });
  it("are null where a figure cannot be harmonised", () => {
    const none = { value_std: null, unit_std: null };
    expect(standardise("tourist_visits", 12, "万人")).toEqual(none); // people are not visits
    expect(standardise("gdp", 12, "个")).toEqual(none);
    expect(standardise("gdp", 12, "亿克朗")).toEqual(none); // a unit units.json does not know
    expect(standardise(null, 12, "亿元")).toEqual(none); // uncatalogued: no standard
    expect(standardise("gdp", null, "亿元")).toEqual(none);
    expect(standardise("gdp", 12, null)).toEqual(none);
  });
  it("keep a unit written exactly as the standard even where units.json lacks it", () => {
    expect(standardise("energy_intensity", 0.45, "吨标准煤/万元")).toEqual({ value_std: 0.45, unit_std: "吨标准煤/万元" });
  });
});

describe("observations carry value_std and unit_std", () => {
  const text = "示例县2023年国民经济和社会发展计划执行情况的报告\n一、2023年主要工作\n全县实现地区生产总值5000万元，增长5.1%。城镇新增就业3.2万人。外贸进出口总额1.2亿美元。";
  const { observations } = extractText(text, { name: "示例县.txt" });
  const by = (id: string) => observations.find((o) => o.indicator_id === id);
  it("beside the value as written", () => {
    expect(by("gdp")).toMatchObject({ value: 5000, unit: "万元", value_std: 0.5, unit_std: "亿元" });
    expect(by("new_urban_jobs")).toMatchObject({ value: 3.2, unit: "万人", value_std: 32000, unit_std: "人" });
    expect(by("trade_total")).toMatchObject({ value: 1.2, unit: "亿美元", value_std: 1.2, unit_std: "亿美元" });
  });
});

describe("the store keeps value_std and unit_std", () => {
  it("through zhibiao extract --store and back", async () => {
    const { execFile } = await import("node:child_process");
    const { promisify } = await import("node:util");
    const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-units-store-"));
    try {
      const report = path.join(dir, "遂溪县.txt");
      writeFileSync(report, "关于遂溪县2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n\n一、2023年计划执行情况\n\n全县完成地区生产总值 5000 万元、增长 3.1%。城镇新增就业 3.2 万人。\n");
      const cli = path.resolve(import.meta.dirname, "../dist/cli/main.js");
      const run = () => promisify(execFile)(process.execPath, [cli, "extract", report, "--store", path.join(dir, "t.duckdb"), "--json", "--quiet"], { maxBuffer: 16 * 1024 * 1024 });
      for (const pass of [1, 2]) {
        // The second run answers from the store without reading the file again.
        const { observations } = JSON.parse((await run()).stdout) as { observations: { indicator_id: string | null; value_std: number | null; unit_std: string | null }[] };
        expect(observations.find((o) => o.indicator_id === "new_urban_jobs"), `run ${pass}`).toMatchObject({ value_std: 32000, unit_std: "人" });
        expect(observations.find((o) => o.indicator_id === "gdp"), `run ${pass}`).toMatchObject({ value_std: 0.5, unit_std: "亿元" });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
