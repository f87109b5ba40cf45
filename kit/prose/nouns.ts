// The noun phrase right after a number ("10 家企业通过高新技术认定" → 企业通过高新技术认定),
// for figures that name what they count after the count.
import { P } from "../patterns.js";
import { WORDS } from "../lexicon/lexicon.js";
import type { Token } from "./tokens.js";

export interface NounAfter {
  text: string;
  end: number;
  /** Tokens inside the noun phrase ("4个投资分别超100亿美元的重大产业项目"), skipped as figures. */
  skip: number;
}

export function nounAfter(s: string, from: number, tokens: Token[], nextIndex: number): NounAfter {
  const none: NounAfter = { text: "", end: from, skip: 0 };
  let i = from;
  if (s[i] === "的") i++;
  const noise = P.afterNounNoise.exec(s.slice(i, i + 4));
  if (noise) i += noise[0].length;
  let skip = 0;
  let text = "";
  let end = i;
  for (;;) {
    const limit = tokens[nextIndex + skip]?.start ?? s.length;
    const m = P.nameChars.exec(s.slice(end, limit));
    let piece = m ? m[0] : "";
    // 省、市重点项目: a one-character list inside the name.
    while (piece.length > 0 && text.length + piece.length <= 2 && s[end + piece.length] === "、" && P.nameChars.test(s.slice(end + piece.length + 1, limit))) {
      piece += "、" + P.nameChars.exec(s.slice(end + piece.length + 1, limit))![0];
    }
    text += piece;
    end += piece.length;
    const nt = tokens[nextIndex + skip];
    // A threshold with 的 after it is part of the name: 超100亿美元的重大产业项目.
    if (nt && end === nt.start && nt.type === "value" && s[nt.end] === "的" && nt.qualifier !== null && nt.qualifier !== "about") {
      text += s.slice(nt.start, nt.end + 1);
      end = nt.end + 1;
      skip++;
      continue;
    }
    break;
  }
  // Runs into the next figure: "53 个重点建设项目完成投资 68.39 亿元" → keep "重点建设项目".
  if (end === (tokens[nextIndex + skip]?.start ?? -1)) {
    for (const measure of WORDS.genericMeasures) {
      if (text.length > measure.length && text.endsWith(measure)) {
        text = text.slice(0, text.length - measure.length);
        while (P.measureLead.test(text)) text = text.replace(P.measureLead, "");
        end = i + text.length;
        break;
      }
    }
  }
  text = text.replace(P.trailingListSep, "");
  if (text.length < 2 || P.leadingNoise.test(text) || P.leadingYear.test(text) || P.startsWithDigit.test(text) || !P.hasCjk2.test(text)) return none;
  return { text, end, skip };
}
