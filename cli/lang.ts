// The language of what the command line writes for people (summary, workbook, catalogue):
// --lang, else ZHIBIAO_LANG, else Chinese. JSON and CSV keep the contract's names either way.
import { DEFAULT_LANG, parseLang, type Lang } from "../kit/lexicon/labels.js";

export class LangError extends Error {}

export function resolveLang(option: string | undefined, env: string | undefined = process.env.ZHIBIAO_LANG): Lang {
  if (option !== undefined) {
    const lang = parseLang(option);
    if (!lang) throw new LangError(`--lang ${option}: the language must be zh (Chinese, the default) or en (English)`);
    return lang;
  }
  if (env !== undefined && env.trim() !== "") {
    const lang = parseLang(env);
    if (!lang) throw new LangError(`ZHIBIAO_LANG=${env}: the language must be zh (Chinese, the default) or en (English)`);
    return lang;
  }
  return DEFAULT_LANG;
}
