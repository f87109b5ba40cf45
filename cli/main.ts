#!/usr/bin/env node
// zhibiao: the command line. Thin wiring over the kit's public API.
import { Command, InvalidArgumentError } from "commander";
import { runExtract } from "./extract.js";
import { pathValue, quietOnClosedPipes } from "./io.js";
import { readFileSync } from "node:fs";

quietOnClosedPipes();

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

/** --threads: a whole number of at least 1. */
function threadCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("a whole number of threads, 1 or more");
  return n;
}

const program = new Command();
program
  .name("zhibiao")
  .description("Turn Chinese local-government economic reports into tidy indicator tables.")
  .version(pkg.version);

program
  .command("extract")
  .description("extract observations and mentions from report files or folders")
  .argument("<paths...>", "report files (.txt, .md, .csv, .html, .docx, .pdf, .xlsx) or folders holding them")
  .option("--json", "print {documents, observations, mentions} as one JSON object to stdout")
  .option("--csv <dir>", "write observations.csv, mentions.csv and documents.csv (UTF-8 with BOM) to DIR", pathValue("the folder to write the CSV files to"))
  .option("--xlsx <file>", "write an Excel workbook with the tables, notes and links to FILE", pathValue("the workbook's file name (.xlsx)"))
  .option("--quiet", "no progress bar")
  .option("--lang <zh|en>", "labels of the summary and the workbook: zh (Chinese, the default) or en; also ZHIBIAO_LANG")
  .option("--threads <n>", "worker threads to extract with (default: one per core for large inputs; 1: none)", threadCount)
  .option("--store <file>", "keep the tables in this store file (DuckDB); files unchanged since the last run are not read again")
  .addHelpText(
    "after",
    `
Without --json, --csv or --xlsx a summary table is printed. The summary and the workbook show
Chinese labels (地区, 指标, 实际, 左右…) unless --lang en or ZHIBIAO_LANG=en; JSON and CSV keep
the data contract's field names and codes. A file that cannot be read is
reported on stderr with the reason; the others are still extracted, and the exit status is 1.
Files in the folders that are not reports (images, scripts) are counted in one line on stderr.

Examples:
  zhibiao extract seeds
  zhibiao extract seeds --json > out.json
  zhibiao extract reports/ --json --threads 4 > out.json
  zhibiao extract reports/ --csv tables/ --xlsx tables/zhibiao.xlsx`,
  )
  .action(async (paths: string[], opts: { json?: boolean; csv?: string; xlsx?: string; quiet?: boolean; lang?: string; threads?: number; store?: string }) => {
    process.exitCode = await runExtract(paths, opts);
  });

program
  .command("indicators")
  .description("list the indicator catalogue: definitions, standard units, aliases; with paths, where the reports hold each")
  .argument("[paths...]", "report files or folders: adds each indicator's coverage (documents, regions, years)")
  .option("--json", "print the catalogue as JSON (id, name, definition, defaultUnit, aliases, variants, coverage)")
  .option("--lang <zh|en>", "labels: zh (Chinese, the default) or en; also ZHIBIAO_LANG")
  .addHelpText(
    "after",
    `
Definitions are in Chinese, as the National Bureau of Statistics words them. The standard unit is
the one every observation's value_std is given in.

Examples:
  zhibiao indicators
  zhibiao indicators seeds
  zhibiao indicators reports/ --json > catalogue.json`,
  )
  .action(async (paths: string[], opts: { json?: boolean; lang?: string }) => {
    const { runIndicators } = await import("./indicators.js");
    process.exitCode = await runIndicators(paths, opts);
  });

program
  .command("add")
  .description("read report files or folders into a store (DuckDB), each file once per content and kit version")
  .argument("<paths...>", "report files or folders holding them")
  .option("--store <file>", "the store file (default: one per folder set in ~/.zhibiao/stores, the one zhibiao serve uses for the same folders)")
  .option("--quiet", "no progress bar")
  .addHelpText(
    "after",
    `
A file whose content is unchanged is not read again (even if its time changed); a changed file's
rows are replaced and a removed file's rows deleted, each in one transaction. A file that cannot
be read is reported on stderr (exit status 1); rows of an earlier good reading are kept.

Examples:
  zhibiao add reports/
  zhibiao add reports/ more/ --store tables.duckdb`,
  )
  .action(async (paths: string[], opts: { store?: string; quiet?: boolean }) => {
    const { runAdd } = await import("./add.js");
    process.exitCode = await runAdd(paths, opts);
  });

program
  .command("sql")
  .description("run SQL over a store (read-only) and print the rows")
  .argument("<query>", "SQL; tables: observations, mentions, documents, failures, files")
  .option("--store <file>", "the store file (default: the only one in ~/.zhibiao/stores)")
  .option("--json", "print the rows as a JSON array of objects")
  .addHelpText(
    "after",
    `
Examples:
  zhibiao sql "SELECT region, period, value, unit FROM observations WHERE indicator_id = 'gdp' ORDER BY region, period"
  zhibiao sql "SELECT type, count(*) FROM documents GROUP BY type" --store tables.duckdb --json`,
  )
  .action(async (query: string, opts: { store?: string; json?: boolean }) => {
    const { runSqlCommand } = await import("./sql.js");
    process.exitCode = await runSqlCommand(query, opts);
  });

program
  .command("export")
  .description("write a store's tables as Parquet files")
  .requiredOption("--parquet <dir>", "write observations.parquet, mentions.parquet and documents.parquet to DIR")
  .option("--store <file>", "the store file (default: the only one in ~/.zhibiao/stores)")
  .action(async (opts: { parquet?: string; store?: string }) => {
    const { runExport } = await import("./export.js");
    process.exitCode = await runExport(opts);
  });

program
  .command("text")
  .description("print the reading text of a report: the text every offset of its mentions indexes")
  .argument("<file>", "a report file (text, CSV, HTML, DOCX, PDF or XLSX)")
  .option("--pages", "mark where each page of a PDF starts with a line \"\\f page N\" (offsets then no longer match)")
  .addHelpText(
    "after",
    `
The output is the same on every run, so a mention's quote is text.slice(start, end) of it.
For plain-text formats (.txt, .md, .csv) it is the file as decoded, a byte-order mark included.

Examples:
  zhibiao text report.pdf > report.txt
  zhibiao text page.html | less`,
  )
  .action(async (file: string, opts: { pages?: boolean }) => {
    const { runText } = await import("./text.js");
    process.exitCode = await runText(file, opts);
  });

program
  .command("eval")
  .description("score the kit against gold observations: recall, exactness, headline precision, metadata, provenance")
  .argument("[docs]", "folder of reports", "seeds")
  .argument("[gold]", "folder of gold files (<report>.json)", "test/fixtures/gold")
  .argument("[meta]", "JSON of each document's expected region, type and report_period")
  .option("--verbose", "list every miss, wrong field, false headline row and bad offset")
  .addHelpText(
    "after",
    `
Without arguments the bundled seeds are scored against their gold (test/fixtures/gold).

Examples:
  zhibiao eval
  zhibiao eval ../shared/dev/docs ../shared/dev/gold ../shared/dev/meta.json --verbose`,
  )
  .action(async (docs: string, gold: string, meta: string | undefined, opts: { verbose?: boolean }) => {
    const { runEval } = await import("../eval/run.js");
    const report = await runEval(docs, gold, meta, opts);
    process.stdout.write(report.lines.join("\n") + "\n");
    process.exitCode = report.failures.length > 0 ? 1 : 0;
  });

program
  .command("series")
  .description("one fact across reports: each report's figure, the one used and why, revisions; targets against results")
  .argument("[paths...]", "report files or folders; default: the bundled seeds/")
  .option("--region <name>", "only this region (repeatable)", (v: string, all: string[] = []) => [...all, v])
  .option("--indicator <name>", "only this indicator: id, name or alias (repeatable)", (v: string, all: string[] = []) => [...all, v])
  .option("--json", "print {series, pairs} as one JSON object to stdout")
  .option("--lang <zh|en>", "labels: zh (Chinese, the default) or en; also ZHIBIAO_LANG")
  .option("--quiet", "no progress bar")
  .addHelpText(
    "after",
    `
Each report's statement of a figure is a vintage. The figure used (★) is the statistics bureau's
over a report's, a later report's over an earlier one's, an actual over an estimate (预计); a target
is taken from the report that set it. Weights: kit/lexicon/series.json.

Examples:
  zhibiao series reports/ --region 遂溪县 --indicator gdp
  zhibiao series reports/ --json > series.json`,
  )
  .action(async (paths: string[], opts: { region?: string[]; indicator?: string[]; json?: boolean; lang?: string; quiet?: boolean }) => {
    const { runSeries } = await import("./series.js");
    process.exitCode = await runSeries(paths, opts);
  });

program
  .command("serve")
  .description("serve the Excel add-in and a JSON API over the reports in FOLDERS, re-reading them as they change")
  .argument("[folders...]", "folders (or files) of reports; default: the bundled seeds/")
  .option("--port <n>", "port on localhost", "3000")
  .option("--http", "plain HTTP instead of HTTPS (tests and scripts; Office needs HTTPS)")
  .option("--store <file>", "the store file (default: one per folder set in ~/.zhibiao/stores)")
  .addHelpText(
    "after",
    `
The service listens on localhost only. It serves the add-in (taskpane.html, manifest.xml, icons)
and the API: /api/health, /api/documents, /api/regions, /api/indicators, /api/periods, /api/kinds,
/api/observations?region=雷州市&indicator=地区生产总值 (repeatable; paged with offset and limit),
/api/observations/ID/mentions, /api/series?region=雷州市&indicator=gdp (vintages, revisions, plan vs result).

The folders' tables are kept in a store file (--store, or one per folder set in ~/.zhibiao/stores,
the one zhibiao add uses): a restart reads only the files that changed.

HTTPS uses the certificate of office-addin-dev-certs when installed (npx office-addin-dev-certs install),
otherwise a self-signed one kept in ~/.zhibiao/certs (the README says how to trust it).

Examples:
  zhibiao serve
  zhibiao serve reports/ --port 3100
  zhibiao serve seeds --http --port 0`,
  )
  .action(async (folders: string[], opts: { port: string; http?: boolean; store?: string }) => {
    // Loaded only for this command: the HTTP server and watcher would slow every other one.
    const { runServe } = await import("./serve.js");
    await runServe(folders, opts, pkg.version);
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`zhibiao: ${(err as Error).message}\n`);
  process.exitCode = 2;
});
