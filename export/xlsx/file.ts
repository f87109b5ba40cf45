// The workbook's file: checked before any work, written to a temporary file in the same
// folder and renamed into place, so a failure never leaves a partial workbook behind.
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";

export class WorkbookFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot write the workbook ${file}: ${reason}`, options);
    this.name = "WorkbookFileError";
  }
}

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied (or the file is open in another program)",
  EBUSY: "the file is in use (open in Excel?)",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is exceeded",
  ENOENT: "the folder does not exist",
  ENOTDIR: "a part of the path is not a folder",
  EISDIR: "it is a folder",
  ENAMETOOLONG: "the name is too long",
};

/** A short reason for a failed file operation, by its error code. */
export function reasonOf(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return (e?.code && REASONS[e.code]) || (e instanceof Error ? e.message : String(err));
}

async function statOrNull(p: string) {
  try {
    return await stat(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new WorkbookFileError(p, reasonOf(e), { cause: e });
  }
}

/** Checks what can be checked before writing: the name, the folder, an existing file. */
export async function checkTarget(file: string): Promise<string> {
  if (!file.trim()) throw new WorkbookFileError(JSON.stringify(file), "no file name given");
  const target = path.resolve(file);
  if (!/\.xlsx$/i.test(target)) throw new WorkbookFileError(file, "the name must end in .xlsx (Excel refuses a workbook under another extension)");
  const dir = path.dirname(target);
  const d = await statOrNull(dir);
  if (!d) throw new WorkbookFileError(file, `the folder ${dir} does not exist`);
  if (!d.isDirectory()) throw new WorkbookFileError(file, `${dir} is not a folder`);
  const t = await statOrNull(target);
  if (t?.isDirectory()) throw new WorkbookFileError(file, "it is a folder");
  // Renaming would replace a read-only file without asking; respect its protection instead.
  if (t) await access(target, constants.W_OK).catch((e: unknown) => { throw new WorkbookFileError(file, `the existing file is read-only (${reasonOf(e)})`, { cause: e }); });
  return target;
}

/**
 * Runs `write` on a stream to a temporary file next to `file`, then renames it to `file`.
 * On any failure the temporary file is removed and a WorkbookFileError names the file.
 */
export async function writeAtomically(file: string, write: (out: Writable) => Promise<void>): Promise<void> {
  const target = await checkTarget(file);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  let handle;
  try {
    handle = await open(tmp, "wx");
  } catch (e) {
    throw new WorkbookFileError(file, reasonOf(e), { cause: e });
  }
  const out = handle.createWriteStream();
  try {
    await write(out);
    // The writer ends the stream; wait until the file is closed, so the rename moves all of it.
    if (!out.closed) await finished(out);
    if (!out.closed) await new Promise<void>((resolve) => out.once("close", () => resolve()));
    await rename(tmp, target);
  } catch (e) {
    out.destroy();
    await handle.close().catch(() => {});
    await rm(tmp, { force: true });
    if (e instanceof WorkbookFileError) throw e;
    throw new WorkbookFileError(file, reasonOf(e), { cause: e });
  }
}
