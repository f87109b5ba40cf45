// The seeds against their gold observations (test/fixtures/gold, copied from shared/gold).
import { describe as group, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { extractBytes } from "../kit/core.js";
import { FIELDS, fieldOk, match, describe, type GoldRow } from "../eval/score.js";

const root = path.resolve(import.meta.dirname, "..");
const goldDir = path.join(root, "test/fixtures/gold");

/**
 * Headline observations the kit reports and the gold leaves out, each with the reason the
 * kit's reading is kept. Anything else unmatched fails the test.
 */
const disagreements = JSON.parse(readFileSync(path.join(root, "test/fixtures/gold-disagreements.json"), "utf8")) as {
  doc: string;
  region: string;
  indicator_id: string;
  period: string;
  value: number;
  why: string;
}[];

const docs = readdirSync(goldDir).filter((f) => f.endsWith(".json")).sort();

group.each(docs)("%s", async (goldFile) => {
  const gold = JSON.parse(readFileSync(path.join(goldDir, goldFile), "utf8")) as { doc: string; observations: GoldRow[] };
  const text = readFileSync(path.join(root, "seeds", gold.doc));
  const result = await extractBytes(text, { name: gold.doc });
  const m = match(gold.observations, result.observations);
  // As the contract says: a byte-order mark, when there is one, is character 0.
  const raw = new TextDecoder("utf-8", { ignoreBOM: true }).decode(text);

  it("finds every tier-A observation with every field right", () => {
    const problems: string[] = [];
    for (const g of gold.observations.filter((x) => x.tier === "A")) {
      const p = m.found.get(g);
      if (!p) problems.push(`missing ${describe(g)}`);
      else for (const f of FIELDS) if (!fieldOk(f, g, p)) problems.push(`${f}: gold=${String(g[f])} got=${String(p[f])} for ${describe(g)}`);
    }
    expect(problems).toEqual([]);
  });

  it("reports no headline observation the gold does not have", () => {
    const unexplained = m.unmatchedHeadline.filter(
      (p) => !disagreements.some((d) => d.doc === p.doc && d.region === p.region && d.indicator_id === p.indicator_id && d.period === p.period && d.value === p.value),
    );
    expect(unexplained.map((p) => `${p.region} ${p.period} ${p.kind} ${p.indicator} ${p.value} «${p.quote.slice(0, 40)}»`)).toEqual([]);
  });

  it("finds at least 90% of tier-B observations", () => {
    const b = gold.observations.filter((x) => x.tier === "B");
    const found = b.filter((g) => m.found.has(g)).length;
    const recall = b.length ? found / b.length : 1;
    expect(recall, m.missing.filter((g) => g.tier === "B").map(describe).join("\n")).toBeGreaterThanOrEqual(0.9);
  });

  it("traces every mention to its exact characters", () => {
    expect(result.mentions.length).toBeGreaterThan(0);
    const bad = result.mentions.filter((x) => raw.slice(x.start, x.end) !== x.quote || x.quote.length === 0);
    expect(bad).toEqual([]);
    const ids = new Set(result.observations.map((o) => o.id));
    expect(result.mentions.every((x) => ids.has(x.observation_id))).toBe(true);
  });
});
