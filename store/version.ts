// The kit's version as the store keys extractions by: the package version plus a hash of the
// kit's own code and data (rules, readers, lexicons) as loaded. A hash rather than a constant to
// bump by hand: a rule or lexicon change that forgot the bump would otherwise keep serving rows
// the new kit would not produce. The build is deterministic, so an unchanged kit keeps its version
// and nothing is re-read; kit/analysis (helpers over the tables, not extraction) is left out.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
/** The kit beside this folder: dist/kit when built, kit/ when run from the sources. */
const KIT_DIR = path.resolve(here, "../kit");
const PACKAGE_JSON = [path.resolve(here, "../package.json"), path.resolve(here, "../../package.json")];

const counted = (name: string) => /\.(js|ts|json)$/.test(name) && !/\.d\.ts$/.test(name);

function kitFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "analysis") out.push(...kitFiles(p));
    } else if (counted(e.name)) out.push(p);
  }
  return out;
}

function packageVersion(): string {
  for (const p of PACKAGE_JSON) {
    try {
      const pkg = JSON.parse(readFileSync(p, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "zhibiao" && pkg.version) return pkg.version;
    } catch {
      // not this one
    }
  }
  return "0.0.0";
}

let cached: string | null = null;

/** e.g. "0.1.0+3f9c2a1b7d40": computed once per process (about a hundred small files). */
export function kitVersion(): string {
  if (cached) return cached;
  const h = createHash("sha256");
  for (const f of kitFiles(KIT_DIR)) {
    h.update(path.relative(KIT_DIR, f));
    h.update("\0");
    h.update(readFileSync(f));
    h.update("\0");
  }
  cached = `${packageVersion()}+${h.digest("hex").slice(0, 12)}`;
  return cached;
}
