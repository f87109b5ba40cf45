// Zip archives (DOCX, XLSX are zips of XML parts), read with fflate: small, synchronous and
// browser-safe.
import { unzipSync, strFromU8 } from "fflate";
import { ExtractError } from "../errors.js";

/** The names of the entries of a zip archive (nothing is inflated). */
export function zipEntryNames(bytes: Uint8Array, file: string): string[] {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name);
        return false;
      },
    });
  } catch (err) {
    throw new ExtractError(file, "corrupt", `a damaged zip archive (${(err as Error).message})`);
  }
  return names;
}

/** The text of the entries whose names pass `want`, decoded as UTF-8. */
export function zipTexts(bytes: Uint8Array, file: string, want: (name: string) => boolean): Map<string, string> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (f) => want(f.name) });
  } catch (err) {
    throw new ExtractError(file, "corrupt", `a damaged zip archive (${(err as Error).message})`);
  }
  return new Map(Object.entries(entries).map(([k, v]) => [k, strFromU8(v)]));
}
