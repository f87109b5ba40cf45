// The readable summary printed when no output format is asked for: Chinese labels by default,
// English with --lang en (labels.json); figures as written either way.
import Table from "cli-table3";
import { periodLabel } from "../kit/core.js";
import { codeLabel, DEFAULT_LANG, fieldLabel, text, type Lang } from "../kit/lexicon/labels.js";
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

/** A title to read beside the file name, cut to about `width` columns (a Chinese character is two). */
export function shortTitle(title: string | null, width = 40): string {
  if (!title) return "";
  let w = 0;
  let out = "";
  for (const ch of title) {
    w += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1;
    if (w > width) return out + "…";
    out += ch;
  }
  return out;
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

export function summaryTable(result: BatchResult, lang: Lang = DEFAULT_LANG, colour = colourWanted(process.stdout)): string {
  const COMPACT = compact(colour);
  const f = (field: string) => fieldLabel(field, lang);
  // The title is what a person reads; the file name (often a hash) is kept for finding the file.
  const docs = new Table({ head: [f("file"), f("title"), f("region"), f("type"), f("report_period"), f("plan_period"), f("observations"), f("conflicts")], ...COMPACT });
  for (const d of result.documents) {
    if (d.observations === 0 && result.documents.filter((x) => x.doc === d.doc).length > 1) continue;
    docs.push([
      d.part > 0 ? `${d.doc} #${d.part}` : d.doc,
      shortTitle(d.title),
      d.region ?? "",
      codeLabel("type", d.type, lang),
      d.report_period === null ? "" : periodLabel({ period: d.report_period, period_part: d.report_period_part }),
      d.plan_period ?? "",
      d.observations,
      d.conflicts,
    ]);
  }
  const heads = new Table({ head: [f("region"), f("period"), f("kind"), ...HEADLINE.map((id) => result.observations.find((o) => o.indicator_id === id)?.indicator ?? id)], ...COMPACT });
  const keys = new Map<string, Observation[]>();
  for (const o of result.observations) {
    if (!HEADLINE.includes(o.indicator_id ?? "")) continue;
    const k = `${o.region}\u0001${periodLabel(o)}\u0001${o.kind}`;
    keys.set(k, [...(keys.get(k) ?? []), o]);
  }
  for (const [k, list] of keys) {
    const [region, period, kind] = k.split("\u0001");
    heads.push([region!, period!, codeLabel("kind", kind!, lang), ...HEADLINE.map((id) => figure(list.find((o) => o.indicator_id === id)))]);
  }
  const warnings = result.documents.flatMap((d) => d.warnings.map((w) => `  ${d.part > 0 ? `${d.doc} #${d.part}` : d.doc}: ${w}`));
  const warned = warnings.length > 0 ? `\n${text("summary_warnings", lang)}\n${warnings.join("\n")}\n` : "";
  const total = text("summary_total", lang, {
    documents: result.documents.length,
    observations: result.observations.length,
    mentions: result.mentions.length,
    failed: result.failures.length,
  });
  return `${docs.toString()}\n${warned}\n${text("summary_headline", lang)}\n${heads.toString()}\n${text("summary_legend", lang)}\n${total}`;
}
