// Preloaded into a CLI the bench spawns (node --import): on exit, the process's peak resident
// memory — every worker thread included — is written to the file ZHIBIAO_BENCH_RSS names (KB).
import { writeFileSync } from "node:fs";

const out = process.env.ZHIBIAO_BENCH_RSS;
if (out) process.on("exit", () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
