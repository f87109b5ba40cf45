// No regular expression of the kit may backtrack catastrophically. Every one of them lives in
// kit/patterns.ts, or for an input reader in its own folder's patterns.ts (exporting PATTERNS);
// recheck (automaton analysis, fuzzing where that cannot decide) checks each.
import { describe, expect, it } from "vitest";
import { check } from "recheck";
import ts from "typescript";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { allPatterns } from "../kit/patterns.js";

const kitDir = path.resolve(import.meta.dirname, "../kit");

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}
const kitPatterns = path.join(kitDir, "patterns.ts");
const readerPatternFiles = tsFiles(kitDir).filter((f) => path.basename(f) === "patterns.ts" && f !== kitPatterns);
const readerPatterns: [string, RegExp][] = [];
for (const f of readerPatternFiles) {
  const mod = (await import(f)) as { PATTERNS: Record<string, RegExp> };
  for (const [k, re] of Object.entries(mod.PATTERNS)) readerPatterns.push([`${path.relative(kitDir, path.dirname(f))}.${k}`, re]);
}

describe.each([...allPatterns(), ...readerPatterns])("%s", (_name, re) => {
  it("is safe", async () => {
    // The verdict must not depend on the machine's load: a fixed seed, and step limits only (no
    // time limits on incubation, attack or the whole check), make the fuzzing part reproducible.
    const result = await check(re.source, re.flags.replace(/[gy]/g, ""), { timeout: null, incubationTimeout: null, attackTimeout: null, seedingTimeout: null, randomSeed: 20_240_320 });
    expect(result.status, JSON.stringify(result.status === "vulnerable" ? result.attack : result)).toBe("safe");
  }, 120_000);
});

describe("where the regular expressions are", () => {
  it("has none outside the patterns.ts modules", () => {
    const files = tsFiles(kitDir).filter((f) => path.basename(f) !== "patterns.ts");
    const found: string[] = [];
    for (const f of files) {
      const src = ts.createSourceFile(f, readFileSync(f, "utf8"), ts.ScriptTarget.Latest, true);
      const visit = (n: ts.Node): void => {
        if (n.kind === ts.SyntaxKind.RegularExpressionLiteral || (ts.isNewExpression(n) && n.expression.getText() === "RegExp")) {
          found.push(`${path.relative(kitDir, f)}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1} ${n.getText()}`);
        }
        ts.forEachChild(n, visit);
      };
      visit(src);
    }
    expect(found).toEqual([]);
  });
});
