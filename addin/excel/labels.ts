// What a loaded table's headers and code cells say: the contract's field names and codes in
// Chinese (the default) or English, from kit/lexicon/labels.json. Pure.
import labels from "../../kit/lexicon/labels.json" with { type: "json" };

export type Lang = "zh" | "en";
export const LANGS: readonly Lang[] = ["zh", "en"];

type Pair = { zh: string; en: string };
const FIELDS = labels.fields as Record<string, Pair>;
const CODES = labels.codes as Record<string, Record<string, Pair>>;

/** Fields whose values are codes, and the code list that names them. */
const CODE_LIST: Record<string, string> = {
  kind: "kind",
  value_qualifier: "qualifier",
  growth_qualifier: "qualifier",
  growth_basis: "growth_basis",
  period_part: "period_part",
  conflict: "boolean",
  verdict: "verdict",
};

/** A field's header; a field missing from labels.json is shown as itself. */
export const headerOf = (field: string, lang: Lang): string => FIELDS[field]?.[lang] ?? field;

/** A code's label ("actual" → 实际); codes the file does not name are shown as they are. */
export function codeLabel(list: string, code: string, lang: Lang): string {
  return CODES[list]?.[code]?.[lang] ?? code;
}

/** A cell of `field` as the analyst reads it: codes translated, everything else unchanged. */
export function cellLabel(field: string, value: string | number | boolean, lang: Lang): string | number | boolean {
  const list = CODE_LIST[field];
  if (!list) return value;
  if (typeof value === "boolean") return codeLabel(list, String(value), lang);
  return typeof value === "string" && value !== "" ? codeLabel(list, value, lang) : value;
}
