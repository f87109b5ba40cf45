// A figure in its indicator's standard unit (value_std, unit_std), from the factors in
// units.json: 3.2 万人 → 32000 人 where the standard is 人. Pure and browser-safe.
import { CURRENCY_CLASSES, INDICATORS, UNITS, unitInfo, type UnitInfo } from "./lexicon.js";

export interface Standardised {
  value_std: number | null;
  unit_std: string | null;
}

const NONE: Standardised = { value_std: null, unit_std: null };
const standardUnits = new Map(INDICATORS.map((s) => [s.id, s.defaultUnit]));

/** The standard unit of a catalogued indicator (its `defaultUnit`); null for an uncatalogued one. */
export function standardUnit(indicatorId: string | null): string | null {
  return indicatorId === null ? null : standardUnits.get(indicatorId) ?? null;
}

/**
 * Factors are decimals (666.667, 0.001): 12 significant digits drop the binary noise of the
 * product (0.1 × 3 = 0.30000000000000004) and keep every digit a report writes.
 */
function clean(x: number): number {
  return Number(x.toPrecision(12));
}

/** The unit of currency class `cls` at the scale of `like` (亿元 → 亿美元); undefined if that currency has none. */
function sameScaleIn(cls: string, like: UnitInfo): UnitInfo | undefined {
  return UNITS.find((u) => u.class === cls && u.factor === like.factor);
}

/**
 * `value` in `unit` expressed in the standard unit of `indicatorId`:
 *  - same class (万人 and 人, 万元 and 亿元): rescaled by the factors;
 *  - another currency (美元 for an indicator kept in 元): rescaled within its own currency to the
 *    standard's scale (5000 万美元 → 0.5 亿美元 where the standard is 亿元), never converted: the
 *    exchange rate is not the kit's to choose;
 *  - no value, an uncatalogued indicator, an unknown unit, or a unit of another class (人 for a
 *    figure counted in 人次): null and null, so a wrong number is never shown as comparable.
 * The unit exactly as the standard (吨标准煤/万元, which units.json does not list) is kept as is.
 */
export function standardise(indicatorId: string | null, value: number | null, unit: string | null): Standardised {
  const std = standardUnit(indicatorId);
  if (value === null || std === null || unit === null) return NONE;
  if (unit === std) return { value_std: value, unit_std: std };
  const from = unitInfo(unit);
  const to = unitInfo(std);
  if (!from || !to) return NONE;
  if (from.class === to.class) return { value_std: clean((value * from.factor) / to.factor), unit_std: std };
  if (CURRENCY_CLASSES.has(from.class) && CURRENCY_CLASSES.has(to.class)) {
    const target = sameScaleIn(from.class, to);
    return target ? { value_std: clean((value * from.factor) / target.factor), unit_std: target.unit } : NONE;
  }
  return NONE;
}
