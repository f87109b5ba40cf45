// The command line's edges, run as a user runs them (the built CLI, spawned): a pipe closed
// early, colour only where wanted, empty option values, FIFOs and devices named as inputs.
import { describe, expect, it, beforeAll } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { colourWanted } from "../cli/io.js";

const root = path.resolve(import.meta.dirname, "..");
const cli = path.join(root, "dist/cli/main.js");
const ESC = "\u001b[";

function zhibiao(args: string[], env: NodeJS.ProcessEnv = {}) {
  // A bound so a hang fails the test instead of stalling the run (not a timing assertion).
  const base = { ...process.env };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: "utf8", env: { ...base, ...env }, timeout: 150_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

const NO_TRACE = /^\s+at |Error: |node:internal|Unhandled/m;

beforeAll(() => {
  if (!existsSync(cli)) throw new Error("dist/cli/main.js is missing: run `npm run build` first (npm test does)");
});

describe("the command line's edges", () => {
  it("ends quietly, with no trace, when the reader of its output goes away (| head -c 100)", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-pipe-"));
    const err = path.join(dir, "err");
    const run = spawnSync("bash", ["-c", `"${process.execPath}" "${cli}" extract seeds --json --quiet 2>"${err}" | head -c 100 >/dev/null; echo "\${PIPESTATUS[0]}"`], { cwd: root, encoding: "utf8", timeout: 150_000 });
    expect(run.stdout.trim()).toBe("0");
    const stderr = readFileSync(err, "utf8");
    expect(stderr).not.toMatch(NO_TRACE);
    expect(stderr).not.toMatch(/EPIPE/);
  }, 600_000);

  it("writes colour codes only where colour is wanted", () => {
    // TERM says the terminal could show colour, but the output is a pipe (as a file would be).
    const piped = zhibiao(["extract", "seeds", "--quiet"], { TERM: "xterm-256color" });
    expect(piped.code).toBe(0);
    expect(piped.stdout).toContain("雷州市");
    expect(piped.stdout).not.toContain(ESC);
    expect(zhibiao(["extract", "seeds", "--quiet"], { TERM: "xterm-256color", FORCE_COLOR: "1" }).stdout).toContain(ESC);
    expect(zhibiao(["extract", "seeds", "--quiet"], { TERM: "xterm-256color", FORCE_COLOR: "1", NO_COLOR: "1" }).stdout).not.toContain(ESC);
  }, 600_000);

  it("honours NO_COLOR and FORCE_COLOR on a terminal", () => {
    expect(colourWanted({ isTTY: true }, {})).toBe(true);
    expect(colourWanted({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(colourWanted({ isTTY: true }, { NO_COLOR: "" })).toBe(true); // an empty NO_COLOR is unset (no-color.org)
    expect(colourWanted({ isTTY: false }, {})).toBe(false);
    expect(colourWanted({ isTTY: false }, { FORCE_COLOR: "1" })).toBe(true);
    expect(colourWanted({ isTTY: true }, { FORCE_COLOR: "0" })).toBe(false);
  }, 600_000);

  it.each([["--xlsx"], ["--csv"]])("refuses an empty %s instead of ignoring it", (option) => {
    const r = zhibiao(["extract", "seeds", option, "", "--quiet"]);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe(""); // no summary: nothing was run
    expect(r.stderr).toMatch(new RegExp(`option '${option} <\\w+>' argument '' is invalid\\. an empty name`));
  }, 600_000);

  it("names a FIFO and /dev/zero given on the command line instead of hanging on them", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-fifo-"));
    const fifo = path.join(dir, "report.txt");
    try {
      execFileSync("mkfifo", [fifo]);
    } catch {
      return; // no mkfifo here: /dev/zero is still tried by the test below
    }
    const r = zhibiao(["extract", fifo, "/dev/zero", "seeds/000_b3806004d9469c12.txt", "--json", "--quiet"]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`zhibiao: ${fifo}: cannot be read: a FIFO (named pipe), not a regular file`);
    expect(r.stderr).toContain("zhibiao: /dev/zero: cannot be read: a character device, not a regular file");
    expect((JSON.parse(r.stdout) as { documents: unknown[] }).documents.length).toBe(1);
    const t = zhibiao(["text", fifo]);
    expect(t.code).toBe(1);
    expect(t.stderr).toBe(`zhibiao: ${fifo}: cannot be read: a FIFO (named pipe), not a regular file\n`);
  }, 600_000);

  it("names /dev/zero for `zhibiao text` too", () => {
    const t = zhibiao(["text", "/dev/zero"]);
    expect(t.signal).toBeNull();
    expect(t.stderr).toBe("zhibiao: /dev/zero: cannot be read: a character device, not a regular file\n");
  }, 600_000);

  it("says on stderr what `zhibiao text` mended in a file cut mid-character", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "zhibiao-cut-"));
    const cut = path.join(dir, "cut.txt");
    const bytes = Buffer.from("雷州市2023年国民经济和社会发展计划执行情况。增长", "utf8");
    writeFileSync(cut, bytes.subarray(0, bytes.length - 1));
    const t = zhibiao(["text", cut]);
    expect(t.code).toBe(0);
    expect(t.stdout.endsWith("增\ufffd")).toBe(true);
    expect(t.stderr).toMatch(/^zhibiao: .*cut\.txt: 1 byte sequence is not valid UTF-8 .*the first at character 25 of the decoded file\n$/);
  }, 600_000);
});
