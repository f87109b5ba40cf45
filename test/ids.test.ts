// Observation ids: unique by construction (a hash of everything that makes an observation
// itself, the same key that groups its mentions) and the same on every run.
import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import path from "node:path";
import { extractPaths } from "../kit/files/files.js";
import { mergeDrafts, observationId, observationKey } from "../kit/merge/merge.js";
import type { Draft } from "../kit/draft.js";
import type { Observation } from "../kit/types.js";

const seeds = path.resolve(import.meta.dirname, "../seeds");
const devDocs = path.resolve(import.meta.dirname, "../../shared/dev/docs");

function duplicates(observations: Observation[]): string[] {
  const seen = new Map<string, Observation>();
  const dupes: string[] = [];
  for (const o of observations) {
    const first = seen.get(o.id);
    if (first) dupes.push(`${o.id}: ${JSON.stringify([first.doc, first.region, first.indicator, first.indicator_id, first.period, first.kind])} and ${JSON.stringify([o.doc, o.region, o.indicator, o.indicator_id, o.period, o.kind])}`);
    else seen.set(o.id, o);
  }
  return dupes;
}

function draft(over: Partial<Draft>): Draft {
  return {
    doc: "a.txt", part: 0, region: "雷州市", period: "2023", period_part: null, kind: "actual", name: "地区生产总值",
    value: 386.42, unit: "亿元", value_qualifier: null, growth_pct: null, growth_basis: "yoy", growth_qualifier: null,
    target_text: null, rank: null, rank_scope: null, start: 0, end: 6, section: null, from_table: false, order: 0, ...over,
  };
}

describe("observation ids", () => {
  it("tells apart a catalogued indicator and an uncatalogued figure that bear the same name", () => {
    // An event's figure named like a catalogued indicator (held apart with `uncatalogued`) was
    // given the catalogued one's id: the id hashed the name, the grouping the catalogue id.
    const raw = "地区生产总值386.42亿元。地区生产总值3个。";
    const merged = mergeDrafts([draft({}), draft({ uncatalogued: true, value: 3, unit: "个", start: 14, end: 20, order: 1 })], raw);
    expect(merged.observations).toHaveLength(2);
    expect(new Set(merged.observations.map((o) => o.id)).size).toBe(2);
  });

  it("hashes the whole key, and the same key always to the same id", () => {
    const key = observationKey({ doc: "a.txt", region: "雷州市", period: "2023", period_part: null, kind: "actual" }, { id: "gdp", name: "地区生产总值" });
    expect(observationId(key)).toBe(observationId(key));
    expect(observationId(key)).toMatch(/^[0-9a-f]{16}$/);
    // Pinned: ids must not change between runs, machines or versions without a reason.
    expect(observationId(key)).toBe(PINNED);
    const other = (over: object) => observationId(observationKey({ doc: "a.txt", region: "雷州市", period: "2023", period_part: null, kind: "actual", ...over }, { id: "gdp", name: "地区生产总值" }));
    const ids = [observationId(key), other({ period_part: "H1" }), other({ kind: "target" }), other({ period: "2024" }), other({ region: "湛江市" }), other({ doc: "b.txt" })];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("is unique over every seed report, and the same on a second run", async () => {
    const a = await extractPaths([seeds]);
    const b = await extractPaths([seeds]);
    expect(a.observations.length).toBeGreaterThan(500);
    expect(duplicates(a.observations)).toEqual([]);
    expect(b.observations.map((o) => o.id)).toEqual(a.observations.map((o) => o.id));
    // Every mention points at an observation of its own document.
    const byId = new Map(a.observations.map((o) => [o.id, o]));
    expect(a.mentions.every((m) => byId.get(m.observation_id)?.doc === m.doc)).toBe(true);
  }, 120_000);

  it.skipIf(!existsSync(devDocs))("is unique over every report of the development corpus", async () => {
    const r = await extractPaths([devDocs]);
    expect(r.observations.length).toBeGreaterThan(1000);
    expect(duplicates(r.observations)).toEqual([]);
  }, 300_000);
  if (!existsSync(devDocs)) it.skip(`skipped: the development corpus ${devDocs} is not here`, () => {});
});
const PINNED = "801755b7e92d4004";
