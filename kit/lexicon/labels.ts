// What analysts see for the contract's fields and codes: Chinese by default, English as an
// option (labels.json). The JSON and CSV outputs keep the contract's own names and codes; the
// workbook, the CLI summary and the notebooks show these. Pure and browser-safe.
import labelsData from "./labels.json" with { type: "json" };
import { P } from "../patterns.js";

export type Lang = "zh" | "en";
/** Analysts read Chinese; English is asked for. */
export const DEFAULT_LANG: Lang = "zh";

type Label = { zh: string; en: string };
const FIELDS = labelsData.fields as Record<string, Label>;
const CODES = labelsData.codes as Record<string, Record<string, Label>>;
const SHEETS = labelsData.sheets as Record<string, Label>;
const TEXT = labelsData.text as Record<string, Label>;

/** "zh", "zh-CN", "zh_Hans", "en", "en-GB" → the language; anything else (or nothing) → null. */
export function parseLang(value: string | null | undefined): Lang | null {
  const v = (value ?? "").trim().toLowerCase();
  if (v === "zh" || v.startsWith("zh-") || v.startsWith("zh_")) return "zh";
  if (v === "en" || v.startsWith("en-") || v.startsWith("en_")) return "en";
  return null;
}

/** A contract field's label (value → 数值); a field labels.json lacks is shown as itself. */
export function fieldLabel(field: string, lang: Lang = DEFAULT_LANG): string {
  return FIELDS[field]?.[lang] ?? field;
}

/**
 * A code's label within its group (kind: actual → 实际; qualifier: about → 左右; type, growth_basis,
 * period_part, failure_code, format, boolean); an unknown code is shown as itself, null stays null.
 */
export function codeLabel(group: string, code: string, lang?: Lang): string;
export function codeLabel(group: string, code: string | null, lang?: Lang): string | null;
export function codeLabel(group: string, code: string | null, lang: Lang = DEFAULT_LANG): string | null {
  if (code === null) return null;
  const label = CODES[group]?.[code]?.[lang];
  if (label !== undefined) return label;
  if (group === "period_part") {
    // Months as period_part writes them: "M1-M5" → 1-5月, "M6" → 6月 (a month's end).
    const m = P.monthPart.exec(code);
    if (m) return lang === "zh" ? (m[2] ? `${m[1]}-${m[2]}月` : `${m[1]}月`) : m[2] ? `months ${m[1]}–${m[2]}` : `month ${m[1]}`;
  }
  return code;
}

/** The code groups whose values a field holds: qualifier fields share one group. */
export const FIELD_CODES: Readonly<Record<string, string>> = {
  kind: "kind",
  value_qualifier: "qualifier",
  growth_qualifier: "qualifier",
  growth_basis: "growth_basis",
  period_part: "period_part",
  report_period_part: "period_part",
  type: "type",
  failure_code: "failure_code",
  format: "format",
};

/** A workbook sheet's name (observations → 指标). */
export function sheetLabel(sheet: string, lang: Lang = DEFAULT_LANG): string {
  return SHEETS[sheet]?.[lang] ?? sheet;
}

/** A sentence around the data, its {placeholders} filled: text("summary_total", "zh", { documents: 5, … }). */
export function text(key: string, lang: Lang = DEFAULT_LANG, vars: Record<string, string | number> = {}): string {
  const template = TEXT[key]?.[lang];
  if (template === undefined) throw new Error(`labels.json has no text "${key}"`);
  return template.replace(P.placeholder, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
