// LibreOffice, driven the same way by every test that needs it. Two soffice processes started at
// once (vitest runs test files in parallel) can fail each other, and a first start on a new
// profile may end without converting anything. So: one conversion at a time across all test
// processes (a lock file), a private profile per test process made once with
// --terminate_after_init before any conversion, no time limit that kills a slow run on a busy
// machine, and a run counts as done only when its output file exists.
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";

const LOCK = path.join(tmpdir(), "zhibiao-soffice.lock");
let profile: string | null = null;
let queue: Promise<unknown> = Promise.resolve();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the machine-wide lock: waits while another live process holds it; a dead holder's lock is taken over. */
async function lock(): Promise<void> {
  for (;;) {
    try {
      const fd = openSync(LOCK, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const holder = Number(readFileSync(LOCK, { encoding: "utf8", flag: "r" }) || "0");
    if (holder && !alive(holder)) rmSync(LOCK, { force: true });
    else await sleep(100);
  }
}

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("soffice", args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`soffice ${args.join(" ")} exited with ${code}: ${out}`))));
  });
}

async function profileArg(): Promise<string> {
  if (!profile) {
    const dir = mkdtempSync(path.join(tmpdir(), "zhibiao-lo-profile-"));
    const url = pathToFileURL(dir).href;
    // The first start writes the profile and may ask for a restart; do it before any real work.
    await run([`-env:UserInstallation=${url}`, "--headless", "--terminate_after_init"]);
    profile = url;
  }
  return `-env:UserInstallation=${profile}`;
}

/**
 * Runs `soffice --headless ARGS` (a conversion) after every earlier one, and checks that each of
 * `outputs` was written; throws naming the command and what soffice printed otherwise.
 */
export function soffice(args: string[], outputs: string[]): Promise<void> {
  const job = queue.then(async () => {
    await lock();
    try {
      await run([await profileArg(), "--headless", ...args]);
    } finally {
      rmSync(LOCK, { force: true });
    }
    const missing = outputs.filter((f) => !existsSync(f));
    if (missing.length) throw new Error(`soffice ${args.join(" ")} wrote nothing to ${missing.join(", ")}`);
  });
  queue = job.catch(() => undefined);
  return job;
}
