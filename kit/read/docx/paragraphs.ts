// Paragraphs broken inside a sentence. A file converted from a PDF ends a paragraph where a
// page ended, and a report pasted into a spreadsheet cell may be wrapped by hand: a long
// paragraph that stops mid-sentence goes on in the next one, unless that one starts a
// paragraph of its own (indented, numbered, a heading). kit/text/blocks joins the lines of
// plain text by the same signs; readers that rebuild paragraphs join them here, where the
// indent (which the reading text does not keep) is still known.
import { P } from "../../patterns.js";

/** A paragraph this long that stops mid-sentence may go on in the next one (after a blank line, 60). */
export const CONTINUED_MIN = 60;
/** A line this long that stops mid-sentence may go on in the line right under it. */
const WRAPPED_MIN = 15;

export interface Piece {
  text: string;
  /** Starts a paragraph of its own: indented, numbered, or starting with spaces. */
  starts: boolean;
}

export function isBlank(ch: string | undefined): boolean {
  return ch === " " || ch === "\u3000" || ch === "\t" || ch === "\u00a0";
}

/**
 * Whether `next` is the rest of the sentence `text` leaves unfinished: the next paragraph, or
 * (`wrapped`) the line right under a line of a cell.
 */
export function continues(text: string, next: Piece, wrapped = false): boolean {
  const t = text.trim();
  return t.length >= (wrapped ? WRAPPED_MIN : CONTINUED_MIN) && !P.terminated.test(t) && !next.starts && !P.enumeratedHeading.test(next.text.trim());
}

/** The lines of a text (a cell's) as paragraphs, joined where a sentence runs on. */
export function paragraphsOf(text: string): string[] {
  const out: string[] = [];
  // The last line read, as kit/text/blocks compares it across a single line break.
  let previous = "";
  let blank = false;
  for (const raw of text.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim().length === 0) {
      blank = true;
      continue;
    }
    const piece = { text: line, starts: isBlank(line[0]) };
    const last = out.length - 1;
    if (last >= 0 && continues(blank ? out[last]! : previous, piece, !blank)) out[last] += line.trim();
    else out.push(line);
    previous = line;
    blank = false;
  }
  return out;
}
