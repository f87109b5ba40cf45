// A file that cannot be read as a report: keyed on `code` (the message text lives in
// lexicon/messages.json), raised by the input readers and the core alike.
import { failureMessage, type Locale } from "./lexicon/lexicon.js";
import type { FailureCode } from "./types.js";

export class ExtractError extends Error {
  constructor(
    readonly file: string,
    readonly code: FailureCode,
    readonly detail: string,
    locale: Locale = "en",
  ) {
    super(`${file}: ${failureMessage(code, detail, locale)}`);
    this.name = "ExtractError";
  }
}
