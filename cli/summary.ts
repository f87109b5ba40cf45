// The readable summary printed when no output format is asked for.
import Table from "cli-table3";
import { periodLabel } from "../kit/core.js";
import type { BatchResult, Observation } from "../kit/types.js";
import { colourWanted } from "./io.js";

const HEADLINE = ["gdp", "fai", "retail_sales", "budget_revenue", "income_per_capita", "industry_va_above_scale"];
const QUALIFIER_SIGN: Record<string, string> = { about: "≈", at_least: "≥", more_than: ">", at_most: "≤" };
/** No lines between rows, plain headers: a summary to read, not a grid to look at. Bold headers and grey lines only where colour is wanted. */
function compact(colour: boolean) {
  return {
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
    style: { head: colour ? ["bold"] : [], border: colour ? ["grey"] : [], "padding-left": 1, "padding-right": 1 },
  };
}

function figure(o: Observation | undefined): string {
  if (!o) return "";
  const parts: string[] = [];
  if (o.value !== null) parts.push(`${QUALIFIER_SIGN[o.value_qualifier ?? ""] ?? ""}${o.value}${o.unit ?? ""}`);
  if (o.growth_pct !== null) parts.push(`${QUALIFIER_SIGN[o.growth_qualifier ?? ""] ?? ""}${o.growth_pct > 0 ? "+" : ""}${o.growth_pct}%`);
  if (o.target_text) parts.push(o.target_text);
  if (o.conflict) parts.push("(!)");
  return parts.join(" ");
}

export function summaryTable(result: BatchResult, colour = colourWanted(process.stdout)): string {
  const COMPACT = compact(colour);
  const docs = new Table({ head: ["file", "region", "type", "report", "plan", "observations", "conflicts"], ...COMPACT });
  for (const d of result.documents) {
    if (d.observations === 0 && result.documents.filter((x) => x.doc === d.doc).length > 1) continue;
    docs.push([d.part > 0 ? `${d.doc} #${d.part}` : d.doc, d.region ?? "", d.type, d.report_period === null ? "" : periodLabel({ period: d.report_period, period_part: d.report_period_part }), d.plan_period ?? "", d.observations, d.conflicts]);
  }
  const heads = new Table({ head: ["region", "period", "kind", ...HEADLINE.map((id) => result.observations.find((o) => o.indicator_id === id)?.indicator ?? id)], ...COMPACT });
  const keys = new Map<string, Observation[]>();
  for (const o of result.observations) {
    if (!HEADLINE.includes(o.indicator_id ?? "")) continue;
    const k = `${o.region}\u0001${periodLabel(o)}\u0001${o.kind}`;
    keys.set(k, [...(keys.get(k) ?? []), o]);
  }
  for (const [k, list] of keys) {
    const [region, period, kind] = k.split("\u0001");
    heads.push([region!, period!, kind!, ...HEADLINE.map((id) => figure(list.find((o) => o.indicator_id === id)))]);
  }
  const warnings = result.documents.flatMap((d) => d.warnings.map((w) => `  ${d.part > 0 ? `${d.doc} #${d.part}` : d.doc}: ${w}`));
  const warned = warnings.length > 0 ? `\nWarnings\n${warnings.join("\n")}\n` : "";
  const total = `${result.documents.length} documents, ${result.observations.length} observations, ${result.mentions.length} mentions, ${result.failures.length} failed`;
  const legend = "≈ about, ≥ at least, > more than, ≤ at most; (!) the text and the annex table disagree (the table's figure is shown).";
  return `${docs.toString()}\n${warned}\nHeadline indicators\n${heads.toString()}\n${legend}\n${total}`;
}
