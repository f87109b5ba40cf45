// Walking folders and reading files: every file is extracted or named, never dropped without
// a word; only regular files are read, within the size cap, checked before a byte is read.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { extractPaths, listReportFiles, readFileReading } from "../kit/files/files.js";

// Tests often run as root, where chmod 000 denies nothing: a folder named "a_denied" fails to
// list as an unreadable one does, so the walk's handling is tested everywhere.
vi.mock("node:fs/promises", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs/promises")>();
  const readdir = (async (p: string, ...rest: unknown[]) => {
    if (path.basename(String(p)) === "a_denied") throw Object.assign(new Error(`EACCES: permission denied, scandir '${p}'`), { code: "EACCES" });
    return (fs.readdir as (...a: unknown[]) => unknown)(p, ...rest);
  }) as typeof fs.readdir;
  return { ...fs, readdir, default: { ...fs, readdir } };
});

const seeds = path.resolve(import.meta.dirname, "../seeds");
const seed = path.join(seeds, "000_b3806004d9469c12.txt");

/** chmod 000 denies nothing to root: then the unreadable-folder case cannot be made. */
function canDenyReads(dir: string): boolean {
  try {
    readdirSync(dir);
    return false;
  } catch {
    return true;
  }
}

describe("walking folders", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "zhibiao-files-"));
  });
  afterAll(() => {
    for (const d of readdirSync(dir)) if (d.startsWith("a_locked")) chmodSync(path.join(dir, d), 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  it("names an unreadable subfolder and still extracts every file after it", async (ctx) => {
    const root = path.join(dir, "locked");
    mkdirSync(path.join(root, "a_locked"), { recursive: true });
    copyFileSync(seed, path.join(root, "a_locked", "inside.txt"));
    mkdirSync(path.join(root, "b"));
    copyFileSync(seed, path.join(root, "b", "after.txt"));
    copyFileSync(seed, path.join(root, "c.txt"));
    chmodSync(path.join(root, "a_locked"), 0);
    if (!canDenyReads(path.join(root, "a_locked"))) {
      chmodSync(path.join(root, "a_locked"), 0o755);
      ctx.skip("skipped: running as root, chmod 000 does not deny reads");
      return;
    }
    const listed = await listReportFiles([root]);
    chmodSync(path.join(root, "a_locked"), 0o755);
    expect(listed.files.map((f) => path.relative(root, f))).toEqual([path.join("b", "after.txt"), "c.txt"]);
    expect(listed.failures).toEqual([{ file: path.join(root, "a_locked"), code: "unreadable", message: expect.stringMatching(/folder cannot be read \(EACCES\)/) }]);
  });

  it("names a folder that cannot be listed and walks on (as any user)", async () => {
    const root = path.join(dir, "denied");
    mkdirSync(path.join(root, "a_denied"), { recursive: true });
    copyFileSync(seed, path.join(root, "a_denied", "inside.txt"));
    mkdirSync(path.join(root, "b"));
    copyFileSync(seed, path.join(root, "b", "after.txt"));
    copyFileSync(seed, path.join(root, "c.txt"));
    const r = await extractPaths([root]);
    expect(r.documents.map((d) => d.doc)).toEqual(["after.txt", "c.txt"]);
    expect(r.failures).toEqual([{ file: path.join(root, "a_denied"), code: "unreadable", message: "cannot be read: the folder cannot be read (EACCES); its files were not extracted" }]);
  });

  it("follows links, and names a broken link and a link that loops", async () => {
    const root = path.join(dir, "links");
    mkdirSync(path.join(root, "real"), { recursive: true });
    copyFileSync(seed, path.join(root, "real", "report.txt"));
    symlinkSync(path.join(root, "real", "report.txt"), path.join(root, "linked.txt"));
    symlinkSync(path.join(root, "nowhere.txt"), path.join(root, "broken.txt"));
    symlinkSync(root, path.join(root, "real", "up")); // a loop back to the root
    symlinkSync(path.join(root, "self"), path.join(root, "self")); // a link to itself
    symlinkSync(path.join(root, "real"), path.join(root, "alias")); // a second way into a folder: followed
    const listed = await listReportFiles([root]);
    expect(listed.files.map((f) => path.relative(root, f)).sort()).toEqual([path.join("alias", "report.txt"), "linked.txt", path.join("real", "report.txt")]);
    const byFile = Object.fromEntries(listed.failures.map((f) => [path.relative(root, f.file), f.message]));
    expect(byFile).toEqual({
      "broken.txt": expect.stringMatching(/broken link/),
      self: expect.stringMatching(/loops/),
      [path.join("real", "up")]: `cannot be read: a link that loops back to the folder ${root}; not followed`,
      [path.join("alias", "up")]: `cannot be read: a link that loops back to the folder ${root}; not followed`,
    });
  });

  it("names a FIFO, in a folder or on the command line, and a device, without reading them", async () => {
    const root = path.join(dir, "special");
    mkdirSync(root);
    try {
      execFileSync("mkfifo", [path.join(root, "pipe.txt")]);
    } catch {
      return; // no mkfifo: the device case below still runs
    }
    copyFileSync(seed, path.join(root, "good.txt"));
    const r = await extractPaths([root, path.join(root, "pipe.txt"), "/dev/zero"]);
    expect(r.documents.map((d) => d.doc)).toEqual(["good.txt"]);
    expect(r.failures).toEqual([
      { file: path.join(root, "pipe.txt"), code: "unreadable", message: "cannot be read: a FIFO (named pipe), not a regular file" },
      { file: path.join(root, "pipe.txt"), code: "unreadable", message: "cannot be read: a FIFO (named pipe), not a regular file" },
      { file: "/dev/zero", code: "unreadable", message: "cannot be read: a character device, not a regular file" },
    ]);
    // `zhibiao text` reads through the same door.
    await expect(readFileReading(path.join(root, "pipe.txt"))).rejects.toThrowError(/a FIFO \(named pipe\), not a regular file/);
    await expect(readFileReading("/dev/zero")).rejects.toThrowError(/a character device/);
  });

  it("refuses a file over the size cap before reading it", async () => {
    const big = path.join(dir, "big.txt");
    writeFileSync(big, "");
    execFileSync("truncate", ["-s", "65M", big]); // sparse: no 65 MB written
    const r = await extractPaths([big]);
    expect(r.failures).toEqual([{ file: big, code: "too_large", message: expect.stringMatching(/too large to extract \(65 MB; the limit is 64 MB\)/) }]);
  });
});
