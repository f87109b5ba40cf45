// Scores extracted observations against gold observations, in the terms of the gold's
// README: a gold row is found by a candidate of the same region, period (a five-year figure
// may sit on its span or its last year) and kind group, a similar name and one figure that
// agrees; a found row is exact when every field agrees; a catalogued (headline) prediction
// that no gold row takes is false. Pure: files and printing are in eval/run.ts.
import type { DocumentRow, Observation } from "../kit/types.js";

export interface GoldRow {
  tier: "A" | "B";
  region: string;
  period: string;
  kind: string;
  indicator: string;
  indicator_id: string | null;
  value: number | null;
  unit: string | null;
  growth_pct: number | null;
  growth_basis: string | null;
  value_qualifier: string | null;
  growth_qualifier: string | null;
  target_text: string | null;
  rank: number | null;
  rank_scope: string | null;
  quote: string;
}

export const HEADLINE_IDS = new Set([
  "gdp", "gdp_primary", "gdp_secondary", "gdp_tertiary", "gdp_per_capita", "industry_va", "industry_va_above_scale",
  "industry_output_above_scale", "construction_va", "agri_output", "fai", "industrial_investment", "retail_sales",
  "budget_revenue", "budget_revenue_total", "budget_expenditure", "trade_total", "exports", "fdi_actual",
  "income_per_capita", "income_urban", "income_rural", "new_urban_jobs", "population", "urbanization_rate", "deposits",
  "loans", "tourism_revenue", "tourist_visits", "grain_output", "pension_insured_urban_workers",
]);

export const FIELDS = ["kind", "value", "unit", "growth_pct", "growth_basis", "value_qualifier", "growth_qualifier", "target_text", "rank", "rank_scope"] as const;

const norm = (s: string | null | undefined) =>
  String(s ?? "").normalize("NFKC").replace(/\s+/g, "").replace(/^(其中[:：]?|全市|全区|全县|全年|完成|实现|累计)+/g, "").replace(/^[（(]?[一二三四五六七八九十\d]+[)）.、]\s*/g, "");

function bigrams(s: string): Set<string> {
  const b = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) b.add(s.slice(i, i + 2));
  return b;
}

export function nameSimilarity(g: GoldRow, p: Observation): number {
  if (g.indicator_id && p.indicator_id) return g.indicator_id === p.indicator_id ? 1 : 0;
  const a = norm(g.indicator);
  const b = norm(p.indicator);
  if (!a || !b) return 0;
  if (a === b) return 1;
  if (a.includes(b) || b.includes(a)) return 0.8;
  const A = bigrams(a);
  const B = bigrams(b);
  let n = 0;
  for (const x of A) if (B.has(x)) n++;
  const dice = (2 * n) / (A.size + B.size || 1);
  return dice >= 0.5 ? dice * 0.8 : 0;
}

const numEq = (a: number | null, b: number | null) =>
  a == null || b == null ? a == null && b == null : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

export function fieldOk(f: (typeof FIELDS)[number], g: GoldRow, p: Observation): boolean {
  const gv = g[f];
  const pv = p[f];
  if (f === "unit" && g.value == null) return true;
  if (f === "growth_basis") return g.growth_pct == null || (gv ?? "yoy") === (pv ?? "yoy");
  if (f === "value" || f === "growth_pct" || f === "rank") return numEq(gv as number | null, pv as number | null);
  // 全市 is what a report writes when it does not name the parent; either side may say it.
  if (f === "rank_scope") return gv == null ? pv == null : pv != null && (norm(String(gv)) === norm(String(pv)) || norm(String(pv)) === "全市" || norm(String(gv)) === "全市");
  // Words beside a numeric target (增长6%左右，与经济增长同步) may sit in target_text of the same row.
  if (f === "target_text")
    return gv == null ? pv == null || g.value != null || g.growth_pct != null : pv != null && (norm(String(gv)).includes(norm(String(pv))) || norm(String(pv)).includes(norm(String(gv))));
  return (gv ?? null) === (pv ?? null) || (gv != null && pv != null && norm(String(gv)) === norm(String(pv)));
}

const spanEnd = (x: string) => /^(\d{4})\s*[-–—至]\s*(\d{4})$/.exec(x)?.[2] ?? x;
function periodOk(g: GoldRow, p: Observation): boolean {
  if (g.period === p.period) return true;
  const span = /[-–—至]/.test(g.period) || /[-–—至]/.test(p.period) || g.growth_basis === "annual_avg" || p.growth_basis === "annual_avg";
  return span && spanEnd(g.period) === spanEnd(p.period);
}
const kindGroup = (k: string) => (k === "target" ? "target" : "result");

export function support(g: GoldRow, p: Observation): number {
  if (norm(g.region) !== norm(p.region) || !periodOk(g, p) || kindGroup(g.kind) !== kindGroup(p.kind)) return 0;
  const s = nameSimilarity(g, p);
  if (!s) return 0;
  const figures: boolean[] = [];
  if (g.value != null) figures.push(numEq(g.value, p.value));
  if (g.growth_pct != null) figures.push(numEq(g.growth_pct, p.growth_pct));
  if (g.target_text != null) figures.push(fieldOk("target_text", g, p));
  if (g.rank != null) figures.push(numEq(g.rank, p.rank));
  if (!figures.some(Boolean)) return 0;
  return s + figures.filter(Boolean).length + (g.kind === p.kind ? 0.5 : 0) + (g.period === p.period ? 0.25 : 0);
}

export interface Matching {
  found: Map<GoldRow, Observation>;
  missing: GoldRow[];
  /** Catalogued (headline) predictions that no gold row took. */
  unmatchedHeadline: Observation[];
}

/** Tier A first, then B; each gold row takes its best unused candidate. */
export function match(gold: GoldRow[], predicted: Observation[]): Matching {
  const used = new Set<Observation>();
  const found = new Map<GoldRow, Observation>();
  const missing: GoldRow[] = [];
  const ordered = [...gold].sort((a, b) => (a.tier === b.tier ? 0 : a.tier === "A" ? -1 : 1));
  for (const g of ordered) {
    let best: Observation | null = null;
    let bestScore = 0;
    for (const p of predicted) {
      if (used.has(p)) continue;
      const s = support(g, p);
      if (s > bestScore) {
        bestScore = s;
        best = p;
      }
    }
    if (best) {
      used.add(best);
      found.set(g, best);
    } else missing.push(g);
  }
  const unmatchedHeadline = predicted.filter((p) => p.indicator_id && HEADLINE_IDS.has(p.indicator_id) && !used.has(p));
  return { found, missing, unmatchedHeadline };
}

export function describe(g: GoldRow): string {
  return `${g.tier} ${g.region} ${g.period} ${g.kind} ${g.indicator} value=${g.value} growth=${g.growth_pct} «${g.quote.slice(0, 50)}»`;
}

export interface GoldFile {
  doc: string;
  observations: GoldRow[];
}

/** What a document should be read as: its region, type and the year it reports on. */
export interface MetaExpectation {
  region?: string;
  type?: string;
  report_period?: string;
  skip?: boolean;
}

export interface TierCount {
  n: number;
  found: number;
  exact: number;
}

export interface Totals {
  A: TierCount;
  B: TierCount;
  /** Catalogued predictions, and those no gold row took. */
  headline: number;
  falseHeadline: number;
  fields: number;
  fieldsRight: number;
}

export interface DocScore extends Totals {
  doc: string;
  misses: string[];
  wrongFields: string[];
  falseRows: string[];
}

const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : "n/a");

function describePrediction(p: Observation): string {
  return `${p.region} ${p.period} ${p.kind} ${p.indicator} value=${p.value} growth=${p.growth_pct} «${p.quote.slice(0, 50)}»`;
}

/** One document's gold against the predictions for it. */
export function scoreDocument(gold: GoldFile, predicted: readonly Observation[]): DocScore {
  const m = match(gold.observations, predicted as Observation[]);
  const score: DocScore = { doc: gold.doc, A: { n: 0, found: 0, exact: 0 }, B: { n: 0, found: 0, exact: 0 }, headline: 0, falseHeadline: m.unmatchedHeadline.length, fields: 0, fieldsRight: 0, misses: [], wrongFields: [], falseRows: [] };
  for (const g of gold.observations) {
    const tier = g.tier === "A" ? score.A : score.B;
    tier.n++;
    const p = m.found.get(g);
    if (!p) {
      score.misses.push(describe(g));
      continue;
    }
    tier.found++;
    const bad = FIELDS.filter((f) => !fieldOk(f, g, p));
    score.fields += FIELDS.length;
    score.fieldsRight += FIELDS.length - bad.length;
    if (bad.length === 0) tier.exact++;
    else score.wrongFields.push(`${describe(g)}: ${bad.map((f) => `${f} gold=${String(g[f])} got=${String(p[f])}`).join("; ")}`);
  }
  score.headline = predicted.filter((p) => p.indicator_id && HEADLINE_IDS.has(p.indicator_id)).length;
  score.falseRows = m.unmatchedHeadline.map(describePrediction);
  return score;
}

/** Whether a document was placed as expected; the reasons where not. */
export function metaProblems(want: MetaExpectation, parts: readonly DocumentRow[]): string[] {
  if (parts.length !== 1) return [`${parts.length} parts`];
  const d = parts[0]!;
  const bad: string[] = [];
  for (const k of ["region", "type", "report_period"] as const) if (want[k] !== undefined && String(want[k]) !== String(d[k])) bad.push(`${k} ${want[k]} got ${d[k]}`);
  return bad;
}

export function totals(scores: readonly DocScore[]): Totals {
  const t: Totals = { A: { n: 0, found: 0, exact: 0 }, B: { n: 0, found: 0, exact: 0 }, headline: 0, falseHeadline: 0, fields: 0, fieldsRight: 0 };
  for (const s of scores) {
    for (const tier of ["A", "B"] as const) for (const k of ["n", "found", "exact"] as const) t[tier][k] += s[tier][k];
    t.headline += s.headline;
    t.falseHeadline += s.falseHeadline;
    t.fields += s.fields;
    t.fieldsRight += s.fieldsRight;
  }
  return t;
}

export function docLine(s: DocScore): string {
  return `${s.doc}: A found ${s.A.found}/${s.A.n} (${pct(s.A.found, s.A.n)}%) exact ${s.A.exact}; B found ${s.B.found}/${s.B.n} (${pct(s.B.found, s.B.n)}%) exact ${s.B.exact}; headline false ${s.falseHeadline}/${s.headline}`;
}

export function totalLine(t: Totals): string {
  const precision = t.headline ? (100 * (t.headline - t.falseHeadline)) / t.headline : 0;
  return `TOTAL A recall ${pct(t.A.found, t.A.n)}% exact ${pct(t.A.exact, t.A.n)}% | headline precision ${precision.toFixed(1)}% | B recall ${pct(t.B.found, t.B.n)}% exact ${pct(t.B.exact, t.B.n)}%`;
}

export { pct };
