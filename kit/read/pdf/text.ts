// Characters as the PDF layout sees them: which glyphs are wide (a Chinese character, full-width
// punctuation), which are ASCII letters and digits, and how two runs of text are put together
// (no space between Chinese glyphs, one space between two ASCII words).
import { isWide } from "../../text/chars.js";

export function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b) || c === 0xfeff;
}

export function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A Chinese (or Japanese, Korean) character or a CJK punctuation mark. */
export function isCjkCode(c: number): boolean {
  return isWide(c);
}

/** A glyph that is one em wide in a Chinese font (for estimating where a glyph of a run sits). */
export function isWideCode(c: number): boolean {
  return isCjkCode(c) || c === 0x2014 || c === 0x2015 || c === 0x2026 || c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d || c === 0x2030 || c === 0x2103 || c === 0x2116 || (c >= 0x2460 && c <= 0x24ff) || c === 0x25cb || c === 0x25a1;
}

export function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpaceCode(s.charCodeAt(i))) return false;
  return true;
}

/** Estimated advance of the string in ems: wide glyphs 1, others 0.5. */
export function emWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += isWideCode(ch.codePointAt(0)!) ? 1 : 0.5;
  return w;
}

function lastCode(s: string): number {
  const cp = s.codePointAt(s.length - 1) ?? 0;
  return cp >= 0xdc00 && cp <= 0xdfff && s.length >= 2 ? s.codePointAt(s.length - 2)! : cp;
}

/** True when two runs are two ASCII words (or numbers) that a space must keep apart. */
export function needsSpace(left: string, right: string): boolean {
  return left.length > 0 && right.length > 0 && isAsciiAlnum(lastCode(left)) && isAsciiAlnum(right.charCodeAt(0));
}

/** Two runs of text one after the other: a space only between two ASCII words. */
export function joinRuns(left: string, right: string, spaced = true): string {
  if (left.length === 0) return right;
  if (right.length === 0) return left;
  return spaced && needsSpace(left, right) ? `${left} ${right}` : left + right;
}

/** The single wide glyph a run is made of (a letter-spaced title is drawn one glyph at a time). */
export function isSingleWide(s: string): boolean {
  const cp = s.codePointAt(0);
  return cp !== undefined && isCjkCode(cp) && s.length === (cp > 0xffff ? 2 : 1);
}

export function startsWide(s: string): boolean {
  const cp = s.codePointAt(0);
  return cp !== undefined && isCjkCode(cp);
}

export function endsWide(s: string): boolean {
  return s.length > 0 && isCjkCode(lastCode(s));
}
