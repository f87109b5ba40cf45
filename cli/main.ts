#!/usr/bin/env node
// zhibiao: the command line. Thin wiring over the kit's public API.
import { Command } from "commander";
import { runExtract } from "./extract.js";
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

const program = new Command();
program
  .name("zhibiao")
  .description("Turn Chinese local-government economic reports into tidy indicator tables.")
  .version(pkg.version);

program
  .command("extract")
  .description("extract observations and mentions from report files or folders")
  .argument("<paths...>", "report files (.txt, .md) or folders holding them")
  .option("--json", "print {documents, observations, mentions} as one JSON object to stdout")
  .option("--csv <dir>", "write observations.csv, mentions.csv and documents.csv (UTF-8 with BOM) to DIR")
  .option("--xlsx <file>", "write an Excel workbook with the tables, notes and links to FILE")
  .option("--quiet", "no progress bar")
  .addHelpText(
    "after",
    `
Without --json, --csv or --xlsx a summary table is printed. A file that cannot be read is
reported on stderr with the reason; the others are still extracted, and the exit status is 1.

Examples:
  zhibiao extract seeds
  zhibiao extract seeds --json > out.json
  zhibiao extract reports/ --csv tables/ --xlsx tables/zhibiao.xlsx`,
  )
  .action(async (paths: string[], opts: { json?: boolean; csv?: string; xlsx?: string; quiet?: boolean }) => {
    process.exitCode = await runExtract(paths, opts);
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`zhibiao: ${(err as Error).message}\n`);
  process.exitCode = 2;
});
