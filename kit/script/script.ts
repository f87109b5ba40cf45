// Reports copied from Traditional-script web pages are read through a Simplified copy of the
// text (OpenCC's t→cn tables), so that the lexicons and region names apply. The copy has the
// same length, character for character, so every offset still points into the original,
// and quotes are taken from the original.
import * as OpenCC from "opencc-js/t2cn";
import { WORDS } from "../lexicon/lexicon.js";

// A lookup table over the CJK block: cheaper per character than a Set of strings.
const HINT = new Uint8Array(0x10000);
for (const ch of WORDS.traditionalHints) HINT[ch.charCodeAt(0)] = 1;
const SAMPLE = 5000;
const MIN_HINTS = 10;

let converter: ((s: string) => string) | null = null;

/** True when the opening of the text uses Traditional characters often enough to be in that script. */
export function isTraditional(text: string): boolean {
  let n = 0;
  const end = Math.min(text.length, SAMPLE);
  for (let i = 0; i < end && n < MIN_HINTS; i++) n += HINT[text.charCodeAt(i)]!;
  return n >= MIN_HINTS;
}

/** The text to read rules against: the text itself, or its Simplified copy of the same length. */
export function simplifiedCopy(text: string): string {
  if (!isTraditional(text)) return text;
  const convert = (converter ??= OpenCC.Converter({ from: "t", to: "cn" }));
  const simplified = convert(text);
  return simplified.length === text.length ? simplified : text;
}
