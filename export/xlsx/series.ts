// The sheets of figures across reports (kit/analysis/series.ts). 计划与实际 Plan vs result: each
// year's target, from the report that set it, against that year's result from the reports that
// state it, one row per target and measure, both documents named. 序列 Series: every fact stated
// by more than one report, one row per report's figure, the one used marked, with its revision.
// Pure: the writer turns the rows into cells.
import { periodLabel, seriesAndPairs, type PlanResultPair, type SeriesRow } from "../../kit/index.js";
import type { ExtractResult } from "../../kit/types.js";
import { DEFAULT_LANG, type Lang } from "../../kit/lexicon/labels.js";
import { shapeRow, type RowOut } from "./rows.js";
import type { ColumnSpec, TableSheetSpec } from "./spec.js";

const TEXT: ColumnSpec["kind"] = "text";
/** target, result and gap hold a level or a growth rate: each row's own decimals decide its format. */
export const PLAN_RESULT_COLUMNS: readonly ColumnSpec[] = [
  { key: "region", kind: TEXT },
  { key: "indicator", kind: TEXT, maxWidth: 30 },
  { key: "period", kind: TEXT },
  { key: "measure", kind: TEXT, codes: "measure" },
  { key: "qualifier", kind: TEXT, codes: "qualifier" },
  { key: "target", kind: "value" },
  { key: "result", kind: "value" },
  { key: "unit", kind: TEXT },
  { key: "gap", kind: "value" },
  { key: "verdict", kind: TEXT, codes: "verdict" },
  { key: "target_figure", kind: TEXT, maxWidth: 40 },
  { key: "result_figure", kind: TEXT, maxWidth: 40 },
  { key: "result_kind", kind: TEXT, codes: "kind" },
  { key: "target_doc", kind: TEXT, maxWidth: 30 },
  { key: "target_type", kind: TEXT, codes: "type" },
  { key: "target_date", kind: TEXT },
  { key: "result_doc", kind: TEXT, maxWidth: 30 },
  { key: "result_type", kind: TEXT, codes: "type" },
  { key: "result_date", kind: TEXT },
  { key: "result_reason", kind: TEXT, codes: "reason" },
];

export const PLAN_RESULT: TableSheetSpec = { key: "plan_result", table: "PlanResult", columns: PLAN_RESULT_COLUMNS };

/** The sheet's rows; a missed target is shaded like a conflict, so it stands out. */
export function planResultRows(pairs: readonly PlanResultPair[], lang: Lang = DEFAULT_LANG): RowOut[] {
  return pairs.map((p) => {
    const record = { ...p, period: periodLabel(p), target_doc: p.target_part ? `${p.target_doc} #${p.target_part}` : p.target_doc, result_doc: p.result_part ? `${p.result_doc} #${p.result_part}` : p.result_doc };
    return shapeRow(record, PLAN_RESULT_COLUMNS, p.verdict === "missed", lang);
  });
}

export const SERIES_COLUMNS: readonly ColumnSpec[] = [
  { key: "region", kind: TEXT },
  { key: "indicator", kind: TEXT, maxWidth: 30 },
  { key: "period", kind: TEXT },
  { key: "side", kind: TEXT, codes: "side" },
  { key: "doc", kind: TEXT, maxWidth: 30 },
  { key: "type", kind: TEXT, codes: "type" },
  { key: "date", kind: TEXT },
  { key: "kind", kind: TEXT, codes: "kind" },
  { key: "value", kind: "value" },
  { key: "unit", kind: TEXT },
  { key: "growth_pct", kind: "growth" },
  { key: "figure", kind: TEXT, maxWidth: 40 },
  { key: "preferred", kind: "bool" },
  { key: "reason", kind: TEXT, codes: "reason" },
  { key: "value_revision", kind: "value" },
  { key: "growth_revision", kind: "value" },
  { key: "observation_id", kind: TEXT },
];

export const SERIES_SHEET: TableSheetSpec = { key: "series", table: "Series", columns: SERIES_COLUMNS };

/**
 * One row per vintage of each fact that more than one report states (a fact stated once has no
 * series to show; the other sheets hold it), oldest first. value_revision and growth_revision are
 * this figure minus the one before it (in that one's unit; growth in percentage points).
 */
export function seriesRows(series: readonly SeriesRow[], lang: Lang = DEFAULT_LANG): RowOut[] {
  const out: RowOut[] = [];
  for (const r of series) {
    if (r.vintages.length < 2) continue;
    const revision = (id: string, measure: string) => r.revisions.find((x) => x.to_observation_id === id && x.measure === measure)?.difference ?? null;
    for (const v of r.vintages) {
      const record = {
        ...v,
        region: r.region,
        indicator: r.indicator,
        period: periodLabel(r),
        side: r.side,
        doc: v.part ? `${v.doc} #${v.part}` : v.doc,
        preferred: v === r.preferred,
        reason: v === r.preferred ? r.reason : null,
        value_revision: revision(v.observation_id, "value"),
        growth_revision: revision(v.observation_id, "growth_pct"),
      };
      out.push(shapeRow(record, SERIES_COLUMNS, false, lang));
    }
  }
  return out;
}

/** Both sheets' rows, the reports grouped once. */
export function seriesSheetRows(result: ExtractResult, lang: Lang = DEFAULT_LANG): { planResult: RowOut[]; series: RowOut[] } {
  const { series, pairs } = seriesAndPairs(result.observations, result.documents, result.mentions);
  return { planResult: planResultRows(pairs, lang), series: seriesRows(series, lang) };
}
