// A string becoming a cell, made safe for where it goes. Pure; shared by the CSV files and
// every sheet of the workbook, so no path to a cell escapes it.

/**
 * What XML 1.0 forbids in a document: C0 controls other than tab, newline and return, the
 * non-characters U+FFFE and U+FFFF, and lone surrogates. One of them in a quote makes the whole
 * sheet invalid XML (LibreOffice then shows its cells empty).
 */
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text with every character XML forbids replaced by U+FFFD (�): visible, and the length kept. */
export function xmlSafeText(text: string): string {
  return text.replace(XML_FORBIDDEN, "\ufffd");
}

/** First characters that make a spreadsheet program read a CSV cell as a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A CSV cell that a spreadsheet program would execute (=HYPERLINK(…), +1, -2+3, @SUM, a
 * leading tab or return) starts with a single quote, as OWASP advises: it is then shown as
 * text. Only text cells: numbers (a negative growth) are written as numbers and never pass here.
 */
export function csvSafeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A value bound for a workbook cell: text made XML-safe, anything else as it is. */
export function sheetValue<T>(v: T): T {
  return (typeof v === "string" ? xmlSafeText(v) : v) as T;
}
