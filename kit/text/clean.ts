// Clean text for reading, keep offsets for provenance. A Span is a cleaned string and, for
// every character of it, the offset of the original character it came from, so any range
// of the clean text maps back to the exact characters of the source.

export interface Span {
  text: string;
  /** map[i] = offset in the original text of clean character i. */
  map: Int32Array;
}

import { WORDS } from "../lexicon/lexicon.js";
import { NO_REPAIRS, type Repairs } from "./repair.js";

const UTF16 = new TextDecoder("utf-16le");
/** Sequences that stand for white space in damaged text: &nbsp;, a literal \r\n. */
const NOISE = [...WORDS.textNoise].sort((a, b) => b.length - a.length);
const AMP = 38;
const BACKSLASH = 92;
const QUESTION = 63;

/** The length of a noise sequence at i (an entity, a literal line break, ?? for a lost space), or 0. */
function noiseAt(raw: string, i: number, end: number): number {
  const c = raw.charCodeAt(i);
  if (c === QUESTION) {
    let j = i;
    while (j < end && raw.charCodeAt(j) === QUESTION) j++;
    return j - i >= 2 ? j - i : 0;
  }
  if (c !== AMP && c !== BACKSLASH) return 0;
  for (const w of NOISE) if (raw.startsWith(w, i) && i + w.length <= end) return w.length;
  return 0;
}
const FULLWIDTH_FIRST = 0xff01;
const FULLWIDTH_LAST = 0xff5e;
const IDEOGRAPHIC_SPACE = 0x3000;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xa0 || c === IDEOGRAPHIC_SPACE || c === 0x2002 || c === 0x2003 || c === 0x200b || c === 0xfeff;
}

const LENTICULAR_OPEN = 0x3010; // 【

function isCjk(c: number): boolean {
  return c >= 0x4e00 && c <= 0x9fa5;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The end of a footnote marker starting at i — ① … ⒇, [1] … [999], 【1】 … — or 0 when there is
 * none. The caller only asks right after a Chinese character, where enumerators never stand.
 */
export function footnoteEnd(raw: string, i: number, end: number): number {
  const c = raw.charCodeAt(i);
  if (c >= 0x2460 && c <= 0x2487) return i + 1;
  const close = c === 91 ? 93 : c === LENTICULAR_OPEN ? 0x3011 : -1;
  if (close < 0) return 0;
  let j = i + 1;
  while (j < end && j - i <= 3 && isDigit(raw.charCodeAt(j))) j++;
  return j > i + 1 && raw.charCodeAt(j) === close ? j + 1 : 0;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Full-width ASCII (０-９, ％, （, ，…) to ASCII; a few look-alikes too. */
export function foldChar(c: number): number {
  if (c >= FULLWIDTH_FIRST && c <= FULLWIDTH_LAST) return c - 0xfee0;
  if (c === 0xfe6a) return 37; // small percent sign
  if (c === 0x2236) return 58; // ratio colon
  return c;
}

/**
 * Clean raw[start, end): fold full-width characters, drop markdown emphasis (**) and
 * line breaks, and drop spaces except one between two ASCII letters or digits
 * ("386.42 亿元" → "386.42亿元", "EPC 总承包" → "EPC总承包", "Port Klang" stays).
 */
export function cleanRange(raw: string, start: number, end: number, repairs: Repairs = NO_REPAIRS): Span {
  const codes = new Uint16Array(end - start);
  const map = new Int32Array(end - start + 1);
  let n = 0;
  let i = start;
  while (i < end) {
    const c = raw.charCodeAt(i);
    // Most characters are CJK or CJK punctuation: nothing to fold, nothing to drop.
    if (c > FULLWIDTH_LAST || (c > IDEOGRAPHIC_SPACE && c < FULLWIDTH_FIRST && c !== 0xfe6a && c !== 0xfeff && c !== LENTICULAR_OPEN)) {
      codes[n] = c;
      map[n++] = i++;
      continue;
    }
    // A footnote marker after a word (生产总值②达到, 外商直接投资[7]金额, 增长【3】) is read through.
    const note = n > 0 && isCjk(codes[n - 1]!) ? footnoteEnd(raw, i, end) : 0;
    if (note > 0) {
      i = note;
      continue;
    }
    if (c === 42 && raw.charCodeAt(i + 1) === 42) {
      i += 2; // markdown bold
      continue;
    }
    if (repairs.percent !== null && c === repairs.percent.charCodeAt(0) && raw.startsWith(repairs.percent, i)) {
      codes[n] = 37; // the stand-in read as the % it replaced; mapped to its last character, so a
      map[n++] = i + repairs.percent.length - 1; // quote that ends on it takes all of it
      i += repairs.percent.length;
      continue;
    }
    const noise = noiseAt(raw, i, end);
    if (isSpace(c) || noise > 0) {
      let j = i + Math.max(1, noise);
      for (;;) {
        if (j >= end) break;
        const cj = raw.charCodeAt(j);
        if (isSpace(cj)) j++;
        else if (cj === 42 && raw.charCodeAt(j + 1) === 42) j += 2;
        else {
          const k = noiseAt(raw, j, end);
          if (k === 0) break;
          j += k;
        }
      }
      const prev = n > 0 ? codes[n - 1]! : 0;
      const next = j < end ? foldChar(raw.charCodeAt(j)) : 0;
      if (n > 0 && j < end && isAsciiAlnum(prev) && isAsciiAlnum(next) && c !== 10 && c !== 13) {
        codes[n] = 32;
        map[n++] = i;
      }
      i = j;
      continue;
    }
    codes[n] = foldChar(c);
    map[n++] = i;
    i++;
  }
  map[n] = end;
  // Decoding the UTF-16 code units natively is much faster than String.fromCharCode over them.
  // (Lone surrogates cannot occur: each one is copied with its pair.)
  const text = UTF16.decode(codes.subarray(0, n));
  return { text, map: map.subarray(0, n + 1) };
}

/** Original offsets of the clean range [a, b): the characters a reader sees, markup included. */
export function rawRange(span: Span, a: number, b: number): [number, number] {
  const start = span.map[a]!;
  const last = span.map[Math.max(a, b - 1)]!;
  return [start, b > a ? last + 1 : start];
}
