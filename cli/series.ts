// `zhibiao series`: one fact across reports — each report's figure (vintage), the one used and
// why, the revisions — and each year's targets against that year's results across reports.
import path from "node:path";
import { fileURLToPath } from "node:url";
import Table from "cli-table3";
import { extractPaths, periodLabel, planResultPairs, resolveIndicator, seriesView, skippedSummary } from "../kit/index.js";
import type { PlanResultPair, SeriesRow } from "../kit/index.js";
import type { Observation } from "../kit/types.js";
import { codeLabel, fieldLabel, type Lang } from "../kit/lexicon/labels.js";
import { colourWanted } from "./io.js";
import { resolveLang } from "./lang.js";
import { progressBar } from "./progress.js";

export interface SeriesCliOptions {
  region?: string[];
  indicator?: string[];
  json?: boolean;
  lang?: string;
  quiet?: boolean;
}

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Labels from kit/lexicon/labels.json; one it lacks is shown as itself. */
const field = (name: string, lang: Lang) => fieldLabel(name, lang);
const code = (group: string, value: string | null, lang: Lang) => codeLabel(group, value, lang) ?? "";

/** No lines between rows; bold headers and grey lines only where colour is wanted (a terminal, not a pipe). */
function compact(colour: boolean) {
  return {
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
    style: { head: colour ? ["bold"] : [], border: colour ? ["grey"] : [], "padding-left": 1, "padding-right": 1 },
  };
}

const docName = (doc: string, part: number | null) => (part !== null && part > 0 ? `${doc} #${part}` : doc);
const signed = (n: number) => `${n > 0 ? "+" : ""}${n}`;
const withUnit = (n: number, unit: string | null) => (unit === "%" ? `${n}%` : `${n}${unit ? ` ${unit}` : ""}`);
const inUnit = (n: number, unit: string | null, lang: Lang) => (unit === "%" ? `${signed(n)} ${field("percentage_points", lang)}` : `${signed(n)}${unit ? ` ${unit}` : ""}`);

/** Keeps the observations of the regions and indicators asked for (an indicator by id, name or alias). */
export function selectFigures(observations: readonly Observation[], regions: readonly string[] = [], indicators: readonly string[] = []): Observation[] {
  const wanted = new Set(indicators.flatMap((i) => [i, resolveIndicator(i, { unit: null, fromTable: false }).id ?? i]));
  return observations.filter((o) => (regions.length === 0 || regions.includes(o.region)) && (wanted.size === 0 || wanted.has(o.indicator) || (o.indicator_id !== null && wanted.has(o.indicator_id))));
}

/** The series as a terminal table: one line per vintage, the preferred one starred with its reason; then the revisions. */
export function seriesText(rows: readonly SeriesRow[], lang: Lang, colour = colourWanted(process.stdout)): string {
  const COMPACT = compact(colour);
  const head = ["region", "indicator", "period", "side", "doc", "type", "date", "kind", "figure", "preferred"].map((f) => field(f, lang));
  const table = new Table({ head, ...COMPACT });
  for (const r of rows) {
    r.vintages.forEach((v, i) => {
      const first = i === 0;
      table.push([
        first ? r.region : "",
        first ? r.indicator : "",
        first ? periodLabel(r) : "",
        first ? code("side", r.side, lang) : "",
        docName(v.doc, v.part),
        code("type", v.type, lang),
        v.date ?? "",
        code("kind", v.kind, lang),
        v.figure,
        v === r.preferred ? `★ ${code("reason", r.reason, lang)}` : "",
      ]);
    });
  }
  const revisions = rows.flatMap((r) => r.revisions.map((x) => ({ r, x })));
  const out = [`${field("series", lang)}\n${table.toString()}`];
  if (revisions.length > 0) {
    const rev = new Table({ head: ["region", "indicator", "period", "measure", "from", "to", "difference"].map((f) => field(f, lang)), ...COMPACT });
    for (const { r, x } of revisions) {
      rev.push([
        r.region,
        r.indicator,
        periodLabel(r),
        code("measure", x.measure, lang),
        `${withUnit(x.from, x.unit)} (${docName(x.from_doc, x.from_part)}, ${code("kind", x.from_kind, lang)})`,
        `${withUnit(x.to, x.unit)} (${docName(x.to_doc, x.to_part)}, ${code("kind", x.to_kind, lang)})`,
        inUnit(x.difference, x.unit, lang),
      ]);
    }
    out.push(`${field("revisions", lang)}\n${rev.toString()}`);
  }
  return out.join("\n\n");
}

/** Targets against results across reports as a terminal table, each side naming its document. */
export function pairsText(pairs: readonly PlanResultPair[], lang: Lang, colour = colourWanted(process.stdout)): string {
  const COMPACT = compact(colour);
  const head = ["region", "indicator", "period", "measure", "target", "target_doc", "result", "result_doc", "gap", "verdict"].map((f) => field(f, lang));
  const table = new Table({ head, ...COMPACT });
  for (const p of pairs) {
    table.push([
      p.region,
      p.indicator,
      periodLabel(p),
      code("measure", p.measure, lang),
      p.target_figure,
      `${docName(p.target_doc, p.target_part)} (${code("type", p.target_type, lang)})`,
      `${p.result_figure}${p.result_kind === "estimate" ? ` (${code("kind", "estimate", lang)})` : ""}`,
      `${docName(p.result_doc, p.result_part)} (${code("type", p.result_type, lang)})`,
      p.gap === null ? "" : inUnit(p.gap, p.unit, lang),
      code("verdict", p.verdict, lang),
    ]);
  }
  return `${field("plan_vs_result", lang)}\n${table.toString()}`;
}

/** Runs the command and returns the exit status: 1 if a file failed or nothing matched the selection. */
export async function runSeries(paths: string[], opts: SeriesCliOptions): Promise<number> {
  const lang = resolveLang(opts.lang);
  const bar = opts.quiet ? null : progressBar();
  let result;
  try {
    result = await extractPaths(paths.length > 0 ? paths : [path.join(packageRoot, "seeds")], { onProgress: (done, total, file) => bar?.update(done, total, file) });
  } finally {
    bar?.stop();
  }
  for (const f of result.failures) process.stderr.write(`zhibiao: ${f.file}: ${f.message}\n`);
  const skipped = skippedSummary(result.skipped);
  if (skipped) process.stderr.write(`zhibiao: skipped ${skipped} (not reports)\n`);

  const chosen = selectFigures(result.observations, opts.region, opts.indicator);
  const asked = [...(opts.region ?? []).map((r) => `--region ${r}`), ...(opts.indicator ?? []).map((i) => `--indicator ${i}`)];
  if (chosen.length === 0 && asked.length > 0) {
    const regions = [...new Set(result.observations.map((o) => o.region))];
    process.stderr.write(`zhibiao series: no figures for ${asked.join(" ")}; the reports have figures for ${regions.join(", ") || "no region"}\n`);
    return 1;
  }
  const series = seriesView(chosen, result.documents, result.mentions);
  const pairs = planResultPairs(chosen, result.documents, result.mentions);
  if (opts.json) process.stdout.write(JSON.stringify({ series, pairs }) + "\n");
  else process.stdout.write(`${seriesText(series, lang)}\n\n${pairsText(pairs, lang)}\n`);
  return result.failures.length > 0 ? 1 : 0;
}
