// No regular expression of the kit may backtrack catastrophically. Every one of them lives in
// kit/patterns.ts, or for an input reader in its own folder's patterns.ts (exporting PATTERNS).
// The verdict must not depend on the machine's load. recheck's automaton checker decides most
// patterns exactly; where it cannot (lookarounds, back-references) its fuzzer runs with a fixed
// seed and step limits only. A "vulnerable" verdict is then confirmed against the real RegExp:
// the attack string is matched in a worker that is stopped after a budget. A pattern truly
// vulnerable to recheck's attack runs for seconds or more; a false alarm finishes in microseconds,
// so the budget leaves a margin of thousands, far beyond what load changes.
import { describe, expect, it } from "vitest";
import { check, type Diagnostics } from "recheck";
import { Worker } from "node:worker_threads";
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

const ATTACK_BUDGET_MS = 5_000;

/** Whether matching `input` runs past the budget (true) or finishes (false), in a worker the test can stop. */
async function outlastsBudget(re: RegExp, input: string): Promise<boolean> {
  const worker = new Worker("const { workerData, parentPort } = require('node:worker_threads'); new RegExp(workerData.source, workerData.flags).exec(workerData.input); parentPort.postMessage('done');", {
    eval: true,
    workerData: { source: re.source, flags: re.flags, input },
  });
  let timer: NodeJS.Timeout | undefined;
  const finished = new Promise<boolean>((resolve, reject) => {
    worker.once("message", () => resolve(false));
    worker.once("error", reject);
  });
  const budget = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), ATTACK_BUDGET_MS)));
  try {
    return await Promise.race([finished, budget]);
  } finally {
    clearTimeout(timer);
    await worker.terminate();
  }
}

/** recheck's verdict: the automaton where it decides, else the fuzzer, reproducibly (fixed seed, no time limits). */
async function verdict(re: RegExp): Promise<Diagnostics> {
  const flags = re.flags.replace(/[gy]/g, "");
  const exact = await check(re.source, flags, { checker: "automaton", timeout: null });
  if (exact.status !== "unknown") return exact;
  return check(re.source, flags, { checker: "fuzz", timeout: null, incubationTimeout: null, attackTimeout: null, seedingTimeout: null, randomSeed: 20_240_320 });
}

describe.each([...allPatterns(), ...readerPatterns])("%s", (name, re) => {
  it("is safe", async () => {
    const result = await verdict(re);
    if (result.status === "vulnerable") {
      // The attack's shape (e.g. '\'a\'.repeat(31) + \'!\'') names the problem; the string itself can be huge.
      const confirmed = await outlastsBudget(re, result.attack.string);
      expect(confirmed, `${name}: recheck's attack ${result.attack.pattern} (${result.complexity.type}) ran past ${ATTACK_BUDGET_MS} ms`).toBe(false);
      return;
    }
    expect(result.status, `${name}: ${result.status === "unknown" ? result.error.kind : ""}`).toBe("safe");
  }, 120_000);
});

describe("the attack check", () => {
  it("catches a pattern that truly backtracks catastrophically", async () => {
    const evil = /^(a+)+$/;
    const result = await verdict(evil);
    expect(result.status).toBe("vulnerable");
    if (result.status === "vulnerable") expect(await outlastsBudget(evil, "a".repeat(40) + "!")).toBe(true);
  }, 60_000);
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
