// The development corpus of real reports (../shared/dev, beside the repository; not part of a
// user's clone): the kit must read them as the real-reports issue asks. Skipped with a message
// where the folder is absent.
import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import path from "node:path";
import { runEval, type EvalReport } from "../eval/run.js";
import { totals } from "../eval/score.js";

const dev = path.resolve(import.meta.dirname, "../../shared/dev");
const present = existsSync(path.join(dev, "docs")) && existsSync(path.join(dev, "gold"));
const SKIP = `skipped: the development corpus ${dev} is not here (it sits beside the repository in CI and development only)`;

describe.skipIf(!present)("the development corpus of real reports", () => {
  let report: EvalReport;
  const run = async () => (report ??= await runEval(path.join(dev, "docs"), path.join(dev, "gold"), path.join(dev, "meta.json"), { verbose: true }));

  it("reads every file", async () => {
    expect((await run()).failures).toEqual([]);
  }, 300_000);

  it("places every document right: one part, its region, type and year", async () => {
    const r = await run();
    expect(r.lines.filter((l) => l.startsWith("  META"))).toEqual([]);
    expect(r.meta!.right).toBe(r.meta!.of);
  }, 300_000);

  it("finds at least 90% of the tier-A observations, at least 98% of its headline rows right", async () => {
    const t = totals((await run()).scores);
    const misses = report.lines.filter((l) => l.startsWith("  MISS") || l.startsWith("  FALSE")).join("\n");
    expect(t.A.found / t.A.n, misses).toBeGreaterThanOrEqual(0.9);
    expect((t.headline - t.falseHeadline) / t.headline, misses).toBeGreaterThanOrEqual(0.98);
  }, 300_000);

  it("traces every mention to its reading text", async () => {
    const { provenance } = await run();
    expect(provenance.of).toBeGreaterThan(0);
    expect(provenance.right).toBe(provenance.of);
  }, 300_000);
});

if (!present) describe("the development corpus of real reports", () => it.skip(SKIP, () => {}));
