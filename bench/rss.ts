// Preloaded into a CLI the bench spawns (node --import): on exit, the process's peak resident
// memory (KB) and CPU time (µs) — every worker thread included — are written as JSON to the
// file ZHIBIAO_BENCH_RSS names. CPU time says more than wall time on a machine others share.
import { writeFileSync } from "node:fs";

const out = process.env.ZHIBIAO_BENCH_RSS;
if (out)
  process.on("exit", () => {
    const u = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ maxRSS: u.maxRSS, cpu: u.userCPUTime + u.systemCPUTime }));
  });
