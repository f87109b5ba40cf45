// Bytes → text. The platform's TextDecoder does the decoding (browser and Node alike);
// this module only decides which encoding a report uses: a BOM wins, then strict UTF-8,
// then UTF-16 by its zero bytes, then GB18030 (a superset of GBK and GB2312, the usual
// legacy encoding of government files).

export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

export type DecodeOutcome =
  | { ok: true; text: string; encoding: Encoding }
  | { ok: false; code: "empty" | "binary"; detail: string };

const SAMPLE = 64 * 1024;

function decoder(encoding: Encoding, fatal: boolean): TextDecoder {
  // ignoreBOM: true keeps a byte-order mark as character 0, as the data contract asks: offsets
  // then agree with any language's ordinary reading of the file.
  return new TextDecoder(encoding, { fatal, ignoreBOM: true });
}

function bomOf(bytes: Uint8Array): Encoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return null;
}

/** UTF-16 without a BOM shows as zero bytes in every other position. */
function utf16ByZeros(bytes: Uint8Array): Encoding | null {
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  // UTF-8 and GB18030 text has no zero bytes at all; UTF-16 has them on one side only
  // (the high byte of ASCII digits, spaces and line breaks). Binary data has them anywhere.
  const zeros = evenZeros + oddZeros;
  if (zeros < 2) return null;
  if (oddZeros / zeros > 0.95) return "utf-16le";
  if (evenZeros / zeros > 0.95) return "utf-16be";
  return null;
}

/** The text when the bytes are valid UTF-8 (the same string a lenient decoder gives), else null. */
function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return decoder("utf-8", true).decode(bytes);
  } catch {
    return null;
  }
}

/** Control characters other than tab, newline, carriage return and form feed. */
function controlRatio(text: string): number {
  const n = Math.min(text.length, SAMPLE);
  if (n === 0) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return bad / n;
}

export function decodeBytes(bytes: Uint8Array): DecodeOutcome {
  if (bytes.length === 0) return { ok: false, code: "empty", detail: "0 bytes" };
  let encoding: Encoding | null = bomOf(bytes) ?? utf16ByZeros(bytes);
  // Valid UTF-8 is decoded once: the strict pass that proves it is the text.
  let utf8: string | null = null;
  if (!encoding) {
    if (bytes.subarray(0, SAMPLE).includes(0)) {
      return { ok: false, code: "binary", detail: "contains NUL bytes" };
    }
    utf8 = strictUtf8(bytes);
    encoding = utf8 !== null ? "utf-8" : "gb18030";
  }
  const text = utf8 ?? decoder(encoding, false).decode(bytes);
  const ratio = controlRatio(text);
  if (ratio > 0.02) {
    return { ok: false, code: "binary", detail: `${(ratio * 100).toFixed(1)}% control or undecodable characters as ${encoding}` };
  }
  if (text.trim().length === 0) return { ok: false, code: "empty", detail: "only white space" };
  return { ok: true, text, encoding };
}
