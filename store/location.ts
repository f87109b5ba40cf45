// Where a store file lives when none is named: one per set of folders, under ~/.zhibiao/stores
// (or $ZHIBIAO_HOME/stores). One per folder set, not one for everything: DuckDB lets one process
// write a file at a time, so two `zhibiao serve` of different folders must not share one; and
// `zhibiao add reports/` then `zhibiao serve reports/` meet in the same file.
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";

export function zhibiaoHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.ZHIBIAO_HOME ? path.resolve(env.ZHIBIAO_HOME) : path.join(os.homedir(), ".zhibiao");
}

/** e.g. ~/.zhibiao/stores/reports-1a2b3c4d.duckdb for the folders given (order and spelling do not matter). */
export function defaultStorePath(paths: string[], env: NodeJS.ProcessEnv = process.env): string {
  const resolved = [...new Set(paths.map((p) => path.resolve(p)))].sort();
  const hash = createHash("sha256").update(resolved.join("\0")).digest("hex").slice(0, 8);
  const first = resolved[0] ? path.basename(resolved[0]) : "store";
  const name = first.replace(/[^\p{L}\p{N}_.-]+/gu, "_").slice(0, 40) || "store";
  return path.join(zhibiaoHome(env), "stores", `${name}-${hash}.duckdb`);
}
