// `zhibiao text FILE`: the reading text of a report, exactly as the kit reads it, so that any
// mention can be checked with text.slice(start, end).
import { readFileReading, ExtractError, failureMessage } from "../kit/index.js";

export async function runText(file: string, opts: { pages?: boolean }): Promise<number> {
  try {
    const reading = await readFileReading(file);
    let text = reading.text;
    if (opts.pages && reading.pageStarts) {
      const starts = reading.pageStarts;
      text = starts.map((s, i) => `\f page ${i + 1}\n` + reading.text.slice(s, starts[i + 1] ?? reading.text.length)).join("");
      if (starts[0]! > 0) text = reading.text.slice(0, starts[0]) + text;
    }
    // What the reader mended (bytes not valid in the file's encoding) is said, not hidden in the text.
    for (const w of reading.warnings ?? []) process.stderr.write(`zhibiao: ${file}: ${w}\n`);
    process.stdout.write(text);
    return 0;
  } catch (err) {
    const message = err instanceof ExtractError ? failureMessage(err.code, err.detail) : (err as Error).message;
    process.stderr.write(`zhibiao: ${file}: ${message}\n`);
    return 1;
  }
}
