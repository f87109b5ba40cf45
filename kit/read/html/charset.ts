// A page's bytes → its text. The bytes decide where they can (a byte-order mark; text that is
// valid UTF-8; UTF-16 by its zero bytes): a page saved or stored as UTF-8 often still carries
// the <meta charset="gbk"> of the site it came from. Otherwise the encoding the page declares
// in a <meta> tag near its start, else GB18030 (a superset of GBK and GB2312, the legacy
// encoding of Chinese government sites).
import { decodeBytes } from "../../decode/decode.js";
import { ExtractError } from "../../errors.js";
import { PATTERNS } from "./patterns.js";

/** How far into the file the <meta> tag may sit (saved pages put scripts and styles before it). */
const PRESCAN = 16 * 1024;

/** Labels of the Chinese legacy encodings, all read as GB18030 (a superset of each). */
const GB_LABELS = new Set(["gb2312", "gbk", "x-gbk", "gb18030", "cp936", "ms936", "windows-936", "euc-cn", "csgb2312", "chinese", "iso-ir-58", "gb_2312-80", "gb_2312"]);

/** The encoding a <meta> tag declares in the first bytes of the page, or null. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, PRESCAN)).toLowerCase();
  let at = head.indexOf("<meta");
  while (at >= 0) {
    const end = head.indexOf(">", at);
    const tag = head.slice(at, end < 0 ? head.length : end);
    const m = PATTERNS.metaCharset.exec(tag);
    if (m) return m[1]!;
    at = head.indexOf("<meta", at + 5);
  }
  return null;
}

/** A TextDecoder label for a declared charset, or null when the platform knows no such encoding. */
function decoderLabel(declared: string): string | null {
  if (GB_LABELS.has(declared)) return "gb18030";
  try {
    return new TextDecoder(declared).encoding;
  } catch {
    return null;
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function decodeHtml(bytes: Uint8Array, file: string): { text: string; encoding: string; warnings: string[] } {
  // The usual case, decoded once: UTF-8 (a byte-order mark dropped), no NUL bytes.
  if (!bytes.subarray(0, 64 * 1024).includes(0)) {
    try {
      const text = utf8.decode(bytes);
      if (text.trim().length > 0) return { text, encoding: "utf-8", warnings: [] };
    } catch {
      // not UTF-8: decodeBytes below tells what it is
    }
  }
  // Bytes that are neither UTF-16 nor UTF-8: the page's own word wins for an encoding other
  // than the Chinese legacy ones and Unicode (Big5, Shift_JIS, windows-1252…). A page that says
  // UTF-8 but is not is weighed as any text is (mostly UTF-8 with a bad byte, or GB18030).
  const decoded = decodeBytes(bytes);
  let text: string;
  let encoding: string;
  let warnings: string[] = [];
  if (decoded.ok && decoded.encoding.startsWith("utf-16")) ({ text, encoding, warnings } = decoded);
  else {
    const declared = declaredCharset(bytes);
    const label = declared ? decoderLabel(declared) : null;
    if (label && label !== "gb18030" && label !== "utf-8" && !label.startsWith("utf-16")) {
      text = new TextDecoder(label).decode(bytes);
      encoding = label;
    } else if (decoded.ok) ({ text, encoding, warnings } = decoded);
    else throw new ExtractError(file, decoded.code, decoded.detail);
  }
  // A byte-order mark is not part of the page.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding, warnings };
}
