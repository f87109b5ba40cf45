// The 计划与实际 Plan vs result sheet: each year's target, from the report that set it, against
// that year's result from the reports that state it (kit/analysis/series.ts planResultPairs), one
// row per target and measure, both documents named. Pure: the writer turns the rows into cells.
import { periodLabel, planResultPairs } from "../../kit/index.js";
import type { ExtractResult } from "../../kit/types.js";
import { shapeRow, type RowOut } from "./rows.js";
import type { ColumnSpec, TableSheetSpec } from "./spec.js";

const TEXT: ColumnSpec["kind"] = "text";
/** target, result and gap hold a level or a growth rate: each row's own decimals decide its format. */
export const PLAN_RESULT_COLUMNS: readonly ColumnSpec[] = [
  { key: "region", kind: TEXT },
  { key: "indicator", kind: TEXT, maxWidth: 30 },
  { key: "period", kind: TEXT },
  { key: "measure", kind: TEXT },
  { key: "qualifier", kind: TEXT },
  { key: "target", kind: "value" },
  { key: "result", kind: "value" },
  { key: "unit", kind: TEXT },
  { key: "gap", kind: "value" },
  { key: "verdict", kind: TEXT },
  { key: "target_figure", kind: TEXT, maxWidth: 40 },
  { key: "result_figure", kind: TEXT, maxWidth: 40 },
  { key: "result_kind", kind: TEXT },
  { key: "target_doc", kind: TEXT, maxWidth: 30 },
  { key: "target_type", kind: TEXT },
  { key: "target_date", kind: TEXT },
  { key: "result_doc", kind: TEXT, maxWidth: 30 },
  { key: "result_type", kind: TEXT },
  { key: "result_date", kind: TEXT },
  { key: "result_reason", kind: TEXT },
];

export const PLAN_RESULT: TableSheetSpec = { sheet: "计划与实际 Plan vs result", table: "PlanResult", columns: PLAN_RESULT_COLUMNS };

/** The sheet's rows; a missed target is shaded like a conflict, so it stands out. */
export function planResultRows(result: ExtractResult): RowOut[] {
  return planResultPairs(result.observations, result.documents, result.mentions).map((p) => {
    const record = { ...p, period: periodLabel(p), target_doc: p.target_part ? `${p.target_doc} #${p.target_part}` : p.target_doc, result_doc: p.result_part ? `${p.result_doc} #${p.result_part}` : p.result_doc };
    return shapeRow(record, PLAN_RESULT_COLUMNS, p.verdict === "missed");
  });
}
