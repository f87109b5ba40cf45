#!/usr/bin/env node
// Executes the notebooks with the real tslab kernel through Jupyter's nbconvert.
//   node scripts/run-notebooks.mjs            every notebooks/*.ipynb, outputs written back
//   node scripts/run-notebooks.mjs a.ipynb    only those
// The kernel is declared in a temporary JUPYTER_PATH, so nothing is installed globally and
// the tslab of this checkout is the one that runs. The test imports the same functions.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const NOTEBOOKS = path.join(ROOT, "notebooks");
/** The name the notebooks' metadata asks for; also what `npx tslab install` registers. */
export const KERNEL = "tslab";

/** The nbconvert program, or null where Jupyter is not installed. */
export function findNbconvert() {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const file = path.join(dir, "jupyter-nbconvert");
    if (dir && existsSync(file)) return file;
  }
  return null;
}

/** notebooks/*.ipynb, in name order. */
export function notebookFiles() {
  return readdirSync(NOTEBOOKS)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => path.join(NOTEBOOKS, f));
}

/**
 * A temporary Jupyter data directory declaring the tslab kernel (kernels/tslab/kernel.json),
 * run by this Node with this checkout's tslab. Returns the environment for nbconvert and a
 * function that removes the directory.
 */
export function tslabEnvironment() {
  const dir = mkdtempSync(path.join(tmpdir(), "zhibiao-jupyter-"));
  mkdirSync(path.join(dir, "kernels", KERNEL), { recursive: true });
  const spec = {
    argv: [process.execPath, path.join(ROOT, "node_modules/tslab/bin/tslab"), "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript",
    language: "typescript",
  };
  writeFileSync(path.join(dir, "kernels", KERNEL, "kernel.json"), JSON.stringify(spec, null, 1));
  const jupyterPath = [dir, process.env.JUPYTER_PATH].filter(Boolean).join(path.delimiter);
  // The kernel's own files (connection files) go to the temporary directory too.
  const env = { ...process.env, JUPYTER_PATH: jupyterPath, JUPYTER_RUNTIME_DIR: path.join(dir, "runtime") };
  return { env, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function nbconvertArgs(file, timeoutSec, output) {
  return [
    "--to", "notebook", "--execute",
    `--ExecutePreprocessor.kernel_name=${KERNEL}`,
    `--ExecutePreprocessor.timeout=${timeoutSec}`,
    "--ClearOutputPreprocessor.enabled=True",
    ...output,
    file,
  ];
}

function run(args, env) {
  return new Promise((resolve) => {
    execFile(findNbconvert(), args, { env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => resolve({ ok: !err, stderr }));
  });
}

/**
 * tslab reports a failed cell on the cell's stderr only, which nbconvert does not print when
 * it stops. Running again with errors allowed recovers what the kernel said, for the message.
 */
async function kernelErrors(file, env, timeoutSec) {
  const dir = mkdtempSync(path.join(tmpdir(), "zhibiao-nb-errors-"));
  try {
    await run(nbconvertArgs(file, timeoutSec, ["--allow-errors", "--output-dir", dir]), env);
    const nb = JSON.parse(readFileSync(path.join(dir, path.basename(file)), "utf8"));
    return nb.cells
      .flatMap((c, i) => (c.outputs ?? []).filter((o) => o.name === "stderr").map((o) => `cell ${i}: ${[o.text].flat().join("")}`))
      .join("\n");
  } catch {
    return "";
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Executes one notebook from a fresh kernel (outputs cleared first). The kernel runs in the
 * notebook's own folder, so its relative paths (../dist, ../seeds, ./lib) hold. With
 * `outputDir` the executed copy goes there; without, the notebook is rewritten in place
 * (and left untouched if a cell fails). Rejects, with what the kernel said, when any cell fails.
 */
export async function executeNotebook(file, { env, outputDir, timeoutSec = 900 } = {}) {
  if (!findNbconvert()) throw new Error("jupyter-nbconvert is not installed");
  const { ok, stderr } = await run(nbconvertArgs(file, timeoutSec, outputDir ? ["--output-dir", outputDir] : ["--inplace"]), env);
  if (ok) return outputDir ? path.join(outputDir, path.basename(file)) : file;
  const said = await kernelErrors(file, env, timeoutSec);
  throw new Error(`${path.basename(file)}: a cell failed\n${stderr.split("\n").slice(-25).join("\n")}\n${said}`);
}

async function main() {
  if (!findNbconvert()) {
    console.error("run-notebooks: jupyter-nbconvert not found. Install Jupyter (Debian: apt-get install jupyter-nbconvert jupyter-notebook python3-ipykernel).");
    process.exit(1);
  }
  if (!existsSync(path.join(ROOT, "dist/kit/index.js"))) {
    console.error("run-notebooks: dist/ is missing; run `npm run build` first (`npm run notebooks` does).");
    process.exit(1);
  }
  const files = process.argv.length > 2 ? process.argv.slice(2).map((f) => path.resolve(f)) : notebookFiles();
  const { env, cleanup } = tslabEnvironment();
  let failed = 0;
  try {
    // One at a time: each kernel compiles every cell with TypeScript and they would compete for the CPU.
    for (const file of files) {
      const started = Date.now();
      try {
        await executeNotebook(file, { env });
        console.log(`run-notebooks: ${path.relative(ROOT, file)} executed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      } catch (err) {
        failed += 1;
        console.error(`run-notebooks: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  } finally {
    cleanup();
  }
  process.exit(failed > 0 ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
