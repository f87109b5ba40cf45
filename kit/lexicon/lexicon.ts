// Typed views over the lexicon data files. Nothing here decides anything; rules do.
import indicatorsData from "./indicators.json" with { type: "json" };
import unitsData from "./units.json" with { type: "json" };
import wordsData from "./words.json" with { type: "json" };
import messagesData from "./messages.json" with { type: "json" };
import type { Qualifier, FailureCode } from "../types.js";

export interface UnitInfo {
  unit: string;
  class: string;
  factor: number;
  countable?: boolean;
  measure?: string;
  activity?: boolean;
}

export interface AliasSpec {
  name: string;
  unitClasses?: string[];
  tableOnly?: boolean;
}

export interface IndicatorSpec {
  id: string;
  name: string;
  unitClasses: string[];
  /** The standard unit: every figure of this indicator is also given in it (value_std, unit_std). */
  defaultUnit: string;
  /** A short definition in Chinese, in the National Bureau of Statistics' words. */
  definition?: string;
  aliases: (string | AliasSpec)[];
  variants?: string[];
  /** The indicator this one is a part of (第一产业增加值 of 地区生产总值): a table of the whole may list it by its short name. */
  partOf?: string;
}

export const INDICATORS: readonly IndicatorSpec[] = indicatorsData.indicators as IndicatorSpec[];
export const UNITS: readonly UnitInfo[] = unitsData.units as UnitInfo[];
/** Unit classes that are currencies: never converted into one another (元 ↔ 美元), only rescaled within one. */
export const CURRENCY_CLASSES: ReadonlySet<string> = new Set(unitsData.currencyClasses);

const unitIndex = new Map(UNITS.map((u) => [u.unit, u]));
export function unitInfo(unit: string | null): UnitInfo | undefined {
  return unit == null ? undefined : unitIndex.get(unit);
}

type Words = typeof wordsData;
export const WORDS: Words = wordsData;

export const QUALIFIER_PREFIX = WORDS.qualifierPrefix as Record<string, Qualifier>;
export const QUALIFIER_SUFFIX = WORDS.qualifierSuffix as Record<string, Qualifier>;

export type Locale = "en" | "zh";
export function failureMessage(code: FailureCode, detail: string, locale: Locale = "en"): string {
  const table = messagesData[locale] as Record<FailureCode, string>;
  return table[code].replace("{detail}", detail);
}

/** Longest first, so an alternation prefers "亿元" over "元". */
export function longestFirst(words: Iterable<string>): string[] {
  return [...new Set(words)].filter((w) => w.length > 0).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}
