// `zhibiao indicators [paths…]`: the catalogue (definition, standard unit, aliases) and, with
// paths, where the reports hold each indicator (documents, regions, years).
import { extractPaths, indicatorCatalogue, type IndicatorInfo } from "../kit/index.js";
import { codeLabel, fieldLabel, text, type Lang } from "../kit/lexicon/labels.js";
import { resolveLang } from "./lang.js";

export interface IndicatorsCliOptions {
  json?: boolean;
  lang?: string;
}

const SEP = { zh: "、", en: ", " } as const;
const COLON = { zh: "：", en: ": " } as const;

/** A list to read: at most `max` items, then how many more. */
function list(items: readonly string[], lang: Lang, max = 8): string {
  if (items.length === 0) return text("indicators_none", lang);
  const shown = items.slice(0, max).join(SEP[lang]);
  return items.length > max ? `${shown}${SEP[lang]}… (+${items.length - max})` : shown;
}

/** One indicator as a few lines: name, id and unit; definition; names; coverage when documents were read. */
export function indicatorLines(info: IndicatorInfo, lang: Lang, withCoverage: boolean): string[] {
  const f = (k: string) => fieldLabel(k, lang) + COLON[lang];
  const lines = [`${info.name} (${info.id}) · ${f("unit_std")}${info.defaultUnit}`];
  if (info.definition) lines.push(`  ${f("definition")}${info.definition}`);
  const names = [...info.aliases, ...info.variants];
  if (names.length > 0) lines.push(`  ${f("aliases")}${list(names, lang, 12)}`);
  if (withCoverage) {
    const c = info.coverage;
    if (c.observations === 0) lines.push(`  ${f("coverage")}${text("indicators_none", lang)}`);
    else {
      const kinds = (Object.entries(c.kinds) as [string, number][]).filter(([, n]) => n > 0).map(([k, n]) => `${codeLabel("kind", k, lang)} ${n}`);
      lines.push(lang === "zh" ? `  ${f("coverage")}${c.observations} 条（${kinds.join(SEP.zh)}）` : `  ${f("coverage")}${c.observations} (${kinds.join(SEP.en)})`);
      lines.push(`    ${f("regions")}${list(c.regions, lang)}`);
      lines.push(`    ${f("years")}${list(c.years, lang, 12)}`);
      lines.push(`    ${f("documents")}${list(c.documents.map((d) => d.title ?? d.doc), lang, 5)}`);
    }
  }
  return lines;
}

export async function runIndicators(paths: string[], opts: IndicatorsCliOptions): Promise<number> {
  const lang = resolveLang(opts.lang);
  const withCoverage = paths.length > 0;
  const result = withCoverage ? await extractPaths(paths) : null;
  if (result) for (const f of result.failures) process.stderr.write(`zhibiao: ${f.file}: ${f.message}\n`);
  const catalogue = indicatorCatalogue(result?.observations, result?.documents, result?.mentions);
  if (opts.json) {
    process.stdout.write(JSON.stringify(withCoverage ? catalogue : catalogue.map(({ coverage: _coverage, ...rest }) => rest)) + "\n");
  } else {
    const out = [text("indicators_title", lang), ""];
    for (const info of catalogue) out.push(...indicatorLines(info, lang, withCoverage), "");
    const covered = catalogue.filter((i) => i.coverage.observations > 0).length;
    out.push(withCoverage ? text("indicators_total", lang, { n: catalogue.length, covered }) : `${catalogue.length}`);
    process.stdout.write(out.join("\n") + "\n");
  }
  return result && result.failures.length > 0 ? 1 : 0;
}
