// What the task pane's pickers list (addin/pane/listing.ts): catalogued indicators first,
// uncatalogued names only when they read like measures and behind 更多指标, zones under their region.
import { describe, expect, it } from "vitest";
import { isZone, listIndicators, listRegions, looksLikeMeasure } from "../addin/pane/listing.js";
import type { FacetItem } from "../server/api.js";

const item = (label: string, count = 1, id: string | null = null): FacetItem => ({ value: id ?? label, label, count, id, aliases: [], unit: null });

describe("looksLikeMeasure", () => {
  it.each(["签约项目总投资", "商品房销售面积", "外贸进出口总额", "城镇登记失业率", "年发电量", "新增就业人数", "数字经济增加值", "工业总产值", "文旅收入", "游客人次"])("lists %s", (name) => {
    expect(looksLikeMeasure(name)).toBe(true);
  });
  it.each(["解决", "刻制", "划投资额", "推动工业投资", "引进企业", "口袋公园", "项目", "开展技能培训", "国道207线雷州邦塘至白沙段改线工程累计完成投资"])("leaves out %s", (name) => {
    expect(looksLikeMeasure(name)).toBe(false);
  });
});

describe("isZone", () => {
  it.each(["雷州经济开发区", "芒果产业园", "高铁片区", "沙塘工业集聚区", "推动湛河区智能装备制造产业园"])("%s is a zone", (n) => expect(isZone(n)).toBe(true));
  it.each(["雷州市", "湛河区", "徐闻县", "开发区"])("%s is not", (n) => expect(isZone(n)).toBe(false));
});

describe("listIndicators", () => {
  const items = [item("地区生产总值", 9, "gdp"), item("固定资产投资", 0, "fai"), item("签约项目总投资", 4), item("解决", 3), item("刻制", 1), item("商品房销售面积", 2)];

  it("lists catalogued indicators only, until 更多指标 is on, and counts the names left out", () => {
    const off = listIndicators(items, false);
    expect(off.rows.map((r) => r.item.label)).toEqual(["地区生产总值", "固定资产投资"]);
    expect(off.more).toBe(2);
    expect(off.hidden).toBe(2);
    const on = listIndicators(items, true);
    expect(on.rows.map((r) => r.item.label)).toEqual(["地区生产总值", "固定资产投资", "签约项目总投资", "商品房销售面积"]);
  });

  it("keeps a chosen value listed whatever it looks like", () => {
    const rows = listIndicators(items, false, new Set(["解决", "签约项目总投资"])).rows.map((r) => r.item.label);
    expect(rows).toContain("解决");
    expect(rows).toContain("签约项目总投资");
  });
});

describe("listRegions", () => {
  it("puts each zone right under the region of its report, not among the regions", () => {
    const items = [item("湛河区", 50), item("雷州市", 40), item("雷州经济开发区", 5), item("推动湛河区智能装备制造产业园", 1), item("徐闻县", 1)];
    const parents = new Map([
      ["雷州经济开发区", "雷州市"],
      ["推动湛河区智能装备制造产业园", "湛河区"],
    ]);
    const rows = listRegions(items, parents).rows.map((r) => `${"  ".repeat(r.depth)}${r.item.label}`);
    expect(rows).toEqual(["湛河区", "  推动湛河区智能装备制造产业园", "雷州市", "  雷州经济开发区", "徐闻县"]);
  });

  it("adds a row for a zone's region that has no figures of its own, and leaves a zone of unknown region flat", () => {
    const rows = listRegions([item("沙塘工业集聚区", 2), item("高铁片区", 1)], new Map([["沙塘工业集聚区", "廉江市"]])).rows;
    expect(rows.map((r) => [r.item.label, r.depth, r.item.count])).toEqual([
      ["高铁片区", 0, 1],
      ["廉江市", 0, 0],
      ["沙塘工业集聚区", 1, 2],
    ]);
  });
});
