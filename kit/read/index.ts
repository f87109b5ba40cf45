// Bytes → a Reading, whatever the format. The format is told by the bytes where they say it
// (a PDF or a zip signature, an HTML document), else by the file's extension; every reader
// returns the same Reading (reading.ts), so the rest of the kit never sees a format.
import { decodeBytes } from "../decode/decode.js";
import { ExtractError } from "../errors.js";
import formats from "./formats.json" with { type: "json" };
import { readCsv } from "./csv.js";
import { wholeText, type Format, type Reading } from "./reading.js";
import { readHtml, looksLikeHtml } from "./html/html.js";
import { readDocx } from "./docx/docx.js";
import { readPdf, type PdfOptions } from "./pdf/pdf.js";
import { readXlsx } from "./xlsx/xlsx.js";
import { zipEntryNames } from "./zip.js";

export type { Reading, Format, Segment, TextSegment, TableSegment, SourceRange } from "./reading.js";
export { pageAt, ReadingBuilder, wholeText } from "./reading.js";
export type { PdfOptions } from "./pdf/pdf.js";

export interface ReadOptions {
  /** The file's name (for its extension and for error messages). */
  name: string;
  /** Where pdf.js finds its CMaps and standard fonts (Node passes the package's folders). */
  pdf?: PdfOptions;
}

const EXTENSIONS = formats.extensions as Record<Format, string[]>;
const REFUSED = formats.refused as Record<string, string>;
const byExtension = new Map<string, Format>(Object.entries(EXTENSIONS).flatMap(([f, exts]) => exts.map((e) => [e, f as Format])));

export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot).toLowerCase() : "";
}

/** The format a file of this name is read as; null when no reader takes it. */
export function formatByName(name: string): Format | null {
  return byExtension.get(extensionOf(name)) ?? null;
}

/** Why a file of this name is not read, for the formats reports come in that no reader takes. */
export function refusedByName(name: string): string | null {
  return REFUSED[extensionOf(name)] ?? null;
}

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  return sig.every((b, i) => bytes[at + i] === b);
}

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

// A .docx or .xlsx saved with a password is an OLE2 compound file holding the encrypted zip
// as a stream named "EncryptedPackage". Directory entries are 128 bytes, 128-aligned in the
// file: the UTF-16LE name, its byte length (with the terminating nul) at 0x40, the entry's
// type at 0x42 (2: a stream).
const ENCRYPTED_PACKAGE = Array.from("EncryptedPackage").flatMap((ch) => [ch.charCodeAt(0), 0]);
const DIR_ENTRY = 128;

function isEncryptedPackage(bytes: Uint8Array): boolean {
  for (let at = 512; at + DIR_ENTRY <= bytes.length; at += DIR_ENTRY) {
    if (bytes[at] !== 0x45 || bytes[at + 0x42] !== 2) continue;
    if (bytes[at + 0x40] === ENCRYPTED_PACKAGE.length + 2 && bytes[at + 0x41] === 0 && startsWith(bytes, ENCRYPTED_PACKAGE, at)) return true;
  }
  return false;
}

/** The format the bytes themselves announce, or null for text (decided by name and content). */
export function sniffFormat(bytes: Uint8Array, name: string): Format | null {
  // A PDF may carry a few bytes of junk before its header; readers accept it within 1 KB.
  const head = bytes.subarray(0, 1024);
  for (let i = 0; i + PDF.length <= head.length; i++) if (startsWith(head, PDF, i)) return "pdf";
  if (startsWith(bytes, ZIP)) {
    const names = zipEntryNames(bytes, name);
    if (names.includes("word/document.xml")) return "docx";
    if (names.includes("xl/workbook.xml")) return "xlsx";
    throw new ExtractError(name, "unsupported_format", "a zip archive that is neither a Word (.docx) nor an Excel (.xlsx) file");
  }
  if (startsWith(bytes, OLE2)) {
    if (isEncryptedPackage(bytes)) throw new ExtractError(name, "encrypted", "a Word or Excel file saved with a password (an encrypted package)");
    throw new ExtractError(name, "unsupported_format", refusedByName(name) ?? "an Office 97-2003 file (.doc or .xls): save it as .docx or .xlsx");
  }
  return null;
}

/** Read a file's bytes into the text the kit reads. Throws ExtractError naming the problem. */
export async function readBytes(bytes: Uint8Array, options: ReadOptions): Promise<Reading> {
  const { name } = options;
  const refused = refusedByName(name);
  const sniffed = sniffFormat(bytes, name);
  if (sniffed === "pdf") return readPdf(bytes, name, options.pdf);
  if (sniffed === "docx") return readDocx(bytes, name);
  if (sniffed === "xlsx") return readXlsx(bytes, name);
  if (refused) throw new ExtractError(name, "unsupported_format", refused);
  const byName = formatByName(name);
  if (byName === "html" || (byName !== "csv" && looksLikeHtml(bytes))) return readHtml(bytes, name);
  if (byName === "pdf" || byName === "docx" || byName === "xlsx") {
    throw new ExtractError(name, "corrupt", `not a ${byName.toUpperCase()} file: its first bytes are not a ${byName === "pdf" ? "PDF header" : "zip archive"}`);
  }
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) throw new ExtractError(name, decoded.code, decoded.detail);
  const reading = byName === "csv" ? readCsv(decoded.text, decoded.encoding) : wholeText(decoded.text, "text", decoded.encoding);
  return decoded.warnings.length > 0 ? { ...reading, warnings: decoded.warnings } : reading;
}

