// Indicator names → catalogue entries. Matching is exact on a normalised name (never
// "ends with": 固定资产投资 must not swallow 工业固定资产投资); units narrow it further.
import { INDICATORS, unitInfo, type IndicatorSpec } from "./lexicon.js";
import { P } from "../patterns.js";

export interface Resolved {
  id: string | null;
  /** The name to report: canonical for catalogued indicators, the report's own for variants and the rest. */
  name: string;
}

interface Entry {
  spec: IndicatorSpec;
  unitClasses: string[];
  tableOnly: boolean;
  keepName: boolean;
}

const normalised = new Map<string, string>();

/** Normalised form used for lookups: no spaces, quotes or brackets around units. */
export function normaliseName(name: string): string {
  let n = normalised.get(name);
  if (n === undefined) {
    n = name.replace(P.nameNoise, "").replace(P.trailingBracket, "");
    if (normalised.size > 50_000) normalised.clear();
    normalised.set(name, n);
  }
  return n;
}

const index = new Map<string, Entry[]>();
function add(name: string, entry: Entry): void {
  const key = normaliseName(name);
  const list = index.get(key);
  if (list) list.push(entry);
  else index.set(key, [entry]);
}
for (const spec of INDICATORS) {
  add(spec.name, { spec, unitClasses: spec.unitClasses, tableOnly: false, keepName: false });
  for (const alias of spec.aliases) {
    if (typeof alias === "string") add(alias, { spec, unitClasses: spec.unitClasses, tableOnly: false, keepName: false });
    else add(alias.name, { spec, unitClasses: alias.unitClasses ?? spec.unitClasses, tableOnly: alias.tableOnly ?? false, keepName: false });
  }
  for (const variant of spec.variants ?? []) add(variant, { spec, unitClasses: spec.unitClasses, tableOnly: false, keepName: true });
}

export interface ResolveContext {
  /** Unit of the stated value, if there is one. */
  unit: string | null;
  fromTable: boolean;
}

export function resolveIndicator(name: string, ctx: ResolveContext): Resolved {
  const key = normaliseName(name);
  // "第一产业完成增加值": a verb inside the name does not change what it names.
  const entries = index.get(key) ?? index.get(key.replace(P.innerVerb, "")) ?? index.get(key.replace(P.nameModifier, ""));
  if (entries) {
    const cls = ctx.unit ? unitInfo(ctx.unit)?.class ?? null : null;
    for (const e of entries) {
      if (e.tableOnly && !ctx.fromTable) continue;
      // A value in a foreign unit (a GDP "of 5 个") means the name is not the indicator. An alias
      // with no unit classes (居民收入) names the indicator only for growth or a target in words.
      if (ctx.unit !== null && !(cls !== null && e.unitClasses.includes(cls))) continue;
      return { id: e.spec.id, name: e.keepName ? key : e.spec.name };
    }
  }
  return { id: null, name: name.replace(P.spaces, "") };
}

export function catalogueEntry(id: string): IndicatorSpec | undefined {
  return INDICATORS.find((s) => s.id === id);
}
