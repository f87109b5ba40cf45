// Bytes → text. The platform's TextDecoder does the decoding (browser and Node alike);
// this module only decides which encoding a report uses, by weighing evidence rather than
// by the first byte that fails: a BOM wins; zero bytes mean UTF-16 (the byte order whose
// characters are plausible Chinese report text) or binary; otherwise UTF-8 against GB18030
// (a superset of GBK and GB2312, the usual legacy encoding of government files), each by the
// share of its multi-byte sequences that are well formed and plausible. One bad byte (a file
// cut mid-character) is then one U+FFFD and a warning, never a whole file of mojibake; text
// that decodes plausibly in no encoding is refused, so no rows come from garbage.

export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

export type DecodeOutcome =
  | { ok: true; text: string; encoding: Encoding; warnings: string[] }
  | { ok: false; code: "empty" | "binary" | "garbled"; detail: string };

const SAMPLE = 64 * 1024;
/** Below this share of plausible multi-byte sequences (or characters) a decoding is mojibake. */
const MIN_PLAUSIBLE = 0.8;
/** Fewer non-ASCII sequences than this are too little evidence to call a text garbled. */
const MIN_EVIDENCE = 20;

function decoder(encoding: Encoding, fatal: boolean): TextDecoder {
  // ignoreBOM: true keeps a byte-order mark as character 0, as the data contract asks: offsets
  // then agree with any language's ordinary reading of the file.
  return new TextDecoder(encoding, { fatal, ignoreBOM: true });
}

const utf8Strict = decoder("utf-8", true);

function bomOf(bytes: Uint8Array): Encoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return null;
}

/** How well the bytes read in one encoding: well-formed plausible sequences against bad ones. */
export interface Evidence {
  good: number;
  bad: number;
}

function share(e: Evidence): number {
  return e.good + e.bad === 0 ? 1 : e.good / (e.good + e.bad);
}

/**
 * UTF-8: well-formed multi-byte sequences against invalid bytes (each maximal invalid subpart
 * once, as a decoder replaces them). ASCII bytes are no evidence either way.
 */
export function utf8Evidence(bytes: Uint8Array): Evidence {
  let good = 0;
  let bad = 0;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let len = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    }
    if (len === 0) {
      bad++;
      i++;
      continue;
    }
    let k = 1;
    for (; k < len && i + k < n; k++) {
      const c = bytes[i + k]!;
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) break;
    }
    if (k === len) good++;
    else bad++;
    i += k;
  }
  return { good, bad };
}

/**
 * GB18030: double-byte characters of GB2312's symbols and hanzi (the repertoire reports use)
 * against everything else that is not ASCII: GBK's rare extensions, four-byte sequences and
 * invalid bytes. UTF-8 read as GB18030 decodes without errors into rare characters, so
 * well-formedness alone would say nothing; plausibility does.
 */
export function gb18030Evidence(bytes: Uint8Array): Evidence {
  let good = 0;
  let bad = 0;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const t = i + 1 < n ? bytes[i + 1]! : -1;
    if (b >= 0x81 && b <= 0xfe && t >= 0x30 && t <= 0x39 && i + 3 < n) {
      bad++; // a four-byte sequence: valid, but rare in reports
      i += 4;
    } else if (b >= 0x81 && b <= 0xfe && t >= 0x40 && t <= 0xfe && t !== 0x7f) {
      const common = ((b >= 0xa1 && b <= 0xa9) || (b >= 0xb0 && b <= 0xf7)) && t >= 0xa1;
      if (common) good++;
      else bad++;
      i += 2;
    } else {
      bad++;
      i++;
    }
  }
  return { good, bad };
}

/** A UTF-16 code unit a Chinese report plausibly holds. */
function plausibleUnit(u: number): boolean {
  return (
    u === 9 || u === 10 || u === 13 || u === 12 ||
    (u >= 0x20 && u <= 0x7e) ||
    (u >= 0xa0 && u <= 0xff) ||
    (u >= 0x2000 && u <= 0x206f) || // general punctuation: — … ‘ ’ “ ”
    (u >= 0x2100 && u <= 0x21ff) || // ℃, Roman numerals, arrows
    (u >= 0x2460 && u <= 0x25ff) || // ①, box drawing, ■ ●
    (u >= 0x3000 && u <= 0x303f) || // 、。《》【】
    (u >= 0x3200 && u <= 0x33ff) || // ㈠, ㎡
    (u >= 0x4e00 && u <= 0x9fff) ||
    (u >= 0xfe30 && u <= 0xfe4f) ||
    (u >= 0xff00 && u <= 0xffef) ||
    u === 0xfeff
  );
}

/** UTF-16 in one byte order: plausible code units against the others, over the sample. */
export function utf16Evidence(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be"): Evidence {
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  const le = encoding === "utf-16le";
  let good = 0;
  let bad = 0;
  for (let i = 0; i < n; i += 2) {
    const u = le ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!;
    if (plausibleUnit(u)) good++;
    else bad++;
  }
  return { good, bad };
}

/**
 * UTF-16 without a BOM: text in UTF-8 or GB18030 has no zero bytes, UTF-16 has them (the high
 * byte of ASCII, the low byte of 一 U+4E00 and its kin), and so does binary data. The byte
 * order whose code units read as plausible text over the whole sample wins; where both do
 * (text that is nearly all ASCII) the side the zeros fall on decides.
 */
function utf16ByZeros(bytes: Uint8Array): Encoding | null {
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  if (evenZeros + oddZeros === 0) return null;
  const le = share(utf16Evidence(bytes, "utf-16le"));
  const be = share(utf16Evidence(bytes, "utf-16be"));
  if (le >= MIN_PLAUSIBLE && be >= MIN_PLAUSIBLE) return oddZeros >= evenZeros ? "utf-16le" : "utf-16be";
  if (le >= MIN_PLAUSIBLE) return "utf-16le";
  if (be >= MIN_PLAUSIBLE) return "utf-16be";
  return null;
}

/** Control characters other than tab, newline, carriage return and form feed. */
function controlRatio(text: string): number {
  const n = Math.min(text.length, SAMPLE);
  if (n === 0) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) bad++;
  }
  return bad / n;
}

const NAMES: Record<Encoding, string> = { "utf-8": "UTF-8", "utf-16le": "UTF-16LE", "utf-16be": "UTF-16BE", gb18030: "GB18030" };

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** The warning for bytes a decoder replaced, with where the first one is (an offset into the text). */
function replacedWarning(text: string, count: number, encoding: Encoding): string | null {
  if (count === 0) return null;
  const first = text.indexOf("\ufffd");
  const where = first >= 0 ? `, the first at character ${first} of the decoded file` : "";
  return `${count} byte sequence${count === 1 ? " is" : "s are"} not valid ${NAMES[encoding]} (a damaged file, or one cut mid-character): read as U+FFFD (�)${where}`;
}

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\ufffd"); i >= 0; i = text.indexOf("\ufffd", i + 1)) n++;
  return n;
}

function finish(bytes: Uint8Array, encoding: Encoding, replaced: (text: string) => number, decoded?: string): DecodeOutcome {
  const text = decoded ?? decoder(encoding, false).decode(bytes);
  const ratio = controlRatio(text);
  if (ratio > 0.02) {
    return { ok: false, code: "binary", detail: `${(ratio * 100).toFixed(1)}% control characters as ${NAMES[encoding]}` };
  }
  if (text.trim().length === 0) return { ok: false, code: "empty", detail: "only white space" };
  const warning = replacedWarning(text, replaced(text), encoding);
  return { ok: true, text, encoding, warnings: warning ? [warning] : [] };
}

function garbled(detail: string): DecodeOutcome {
  return { ok: false, code: "garbled", detail };
}

export function decodeBytes(bytes: Uint8Array): DecodeOutcome {
  if (bytes.length === 0) return { ok: false, code: "empty", detail: "0 bytes" };
  const bom = bomOf(bytes);
  if (bom === "utf-8") {
    // A BOM says what the file meant to be, not that its bytes are still whole.
    const u = utf8Evidence(bytes);
    if (u.good + u.bad >= MIN_EVIDENCE && share(u) < MIN_PLAUSIBLE) return garbled(`it starts with a UTF-8 byte-order mark, but only ${percent(share(u))} of its non-ASCII byte sequences are valid UTF-8`);
    return finish(bytes, bom, () => u.bad);
  }
  if (bom) return finish(bytes, bom, countReplacements);

  const utf16 = utf16ByZeros(bytes);
  if (utf16) return finish(bytes, utf16, countReplacements);
  if (bytes.subarray(0, SAMPLE).includes(0)) return { ok: false, code: "binary", detail: "contains NUL bytes" };

  // The usual case, decided at the platform's speed: the whole file is valid UTF-8.
  try {
    const text = utf8Strict.decode(bytes);
    return finish(bytes, "utf-8", () => 0, text);
  } catch {
    // weigh the evidence below
  }
  const u = utf8Evidence(bytes);
  const g = gb18030Evidence(bytes);
  const su = share(u);
  const sg = share(g);
  const evidence = Math.max(u.good + u.bad, g.good + g.bad);
  const encoding: Encoding = u.good > 0 && su >= sg ? "utf-8" : "gb18030";
  const best = Math.max(su, sg);
  if (evidence >= MIN_EVIDENCE && best < MIN_PLAUSIBLE) {
    return garbled(`only ${percent(su)} of its non-ASCII byte sequences are valid UTF-8 and ${percent(sg)} read as common GB18030 characters; it is damaged or in another encoding (save it as UTF-8)`);
  }
  return finish(bytes, encoding, encoding === "utf-8" ? () => u.bad : countReplacements);
}
