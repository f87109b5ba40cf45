// Number formats and column widths: small pure functions over values.
import type { Qualifier } from "../../kit/types.js";
import type { Lang } from "../../kit/lexicon/labels.js";
import { FORMATS, QUALIFIER_WORDS } from "./spec.js";

/** Decimals of a number as JavaScript writes it shortest (386.42 → 2, 5263 → 0, 1e-7 → 7). */
export function decimalsOf(v: number): number {
  if (!Number.isFinite(v) || Number.isInteger(v)) return 0;
  const s = String(Math.abs(v));
  const exp = /e-(\d+)$/.exec(s);
  if (exp) return Number(exp[1]) + (s.split("e")[0]!.split(".")[1]?.length ?? 0);
  return s.split(".")[1]?.length ?? 0;
}

/** A literal inside a number format: quoted, with quotes and backslashes dropped (units never need them). */
function literal(text: string): string {
  return `"${text.replace(/["\\]/g, "")}"`;
}

function withWords(core: string, unit: string | null | undefined, qualifier: Qualifier | null | undefined, lang: Lang): string {
  const q = qualifier ? QUALIFIER_WORDS[lang][qualifier] : undefined;
  return (q?.prefix ? literal(q.prefix) : "") + core + (unit ? literal(` ${unit}`) : "") + (q?.suffix ? literal(q.suffix) : "");
}

/**
 * The format of a value as written: thousands separators and the decimals the report gave
 * (386.42 → "#,##0.00", 5263 → "#,##0"). With a unit or qualifier they are shown too
 * ("#,##0.00\" 亿元\""), while the cell keeps the bare number.
 */
export function valueFormat(v: number, unit?: string | null, qualifier?: Qualifier | null, lang: Lang = "zh"): string {
  const d = Math.min(decimalsOf(v), FORMATS.maxValueDecimals);
  return withWords(d === 0 ? "#,##0" : `#,##0.${"0".repeat(d)}`, unit, qualifier, lang);
}

/** Growth in percent as a number, one or two decimals (3.6 → "3.6"), with its qualifier if any. */
export function growthFormat(qualifier?: Qualifier | null, lang: Lang = "zh"): string {
  return withWords(FORMATS.growth, null, qualifier, lang);
}

/** Width of text in Excel column units: CJK and full-width characters take two, others one. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w += isWide(c) ? 2 : 1;
  }
  return w;
}

function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) || // Hangul Jamo
    (c >= 0x2e80 && c <= 0xa4cf) || // CJK radicals … Yi (includes CJK punctuation, kana, ideographs)
    (c >= 0xac00 && c <= 0xd7a3) || // Hangul syllables
    (c >= 0xf900 && c <= 0xfaff) || // CJK compatibility ideographs
    (c >= 0xfe30 && c <= 0xfe4f) || // CJK compatibility forms
    (c >= 0xff00 && c <= 0xff60) || // full-width forms
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x20000 && c <= 0x3fffd) // CJK extension planes
  );
}

/** About how wide a cell's value shows, to size its column (numbers with thousands separators). */
export function cellWidth(v: unknown): number {
  if (v == null) return 0;
  if (typeof v === "number") {
    const s = String(v);
    const digits = s.replace(/^-/, "").split(".")[0]!.length;
    return s.length + Math.floor((digits - 1) / 3);
  }
  if (typeof v === "boolean") return v ? 4 : 5;
  return displayWidth(String(v));
}

/**
 * A column width that fits the header (plus its filter button) and the widest cell, within
 * [min, max]. Widths of text grow by a tenth because Excel's unit is a digit, narrower than most glyphs.
 */
export function fitWidth(header: string, widest: number, max = 40, min = 6): number {
  const want = Math.max(displayWidth(header) + 4, Math.ceil(widest * 1.1) + 2);
  return Math.max(min, Math.min(max, want));
}

/** The literal text of a number format (units, qualifiers), to size a column for it. */
export function literalsOf(numFmt: string): string {
  return [...numFmt.matchAll(/"([^"]*)"/g)].map((m) => m[1]).join("");
}
