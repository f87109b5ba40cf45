// List numbering (word/numbering.xml). Word writes a heading's "一、" or a row's "（三）" as a
// number it draws, not as text; the kit reads headings by those numbers, so the reader draws
// them too. Lists that share an abstract definition share their counters, as in Word, unless
// a list restarts a level (w:startOverride).
import type { Document } from "domhandler";
import { attr, child, children, type Element } from "./xml.js";
import { isWide } from "../../text/chars.js";

interface Level {
  start: number;
  format: string;
  text: string;
  suffix: string; // tab, space, nothing
  restart: number | null; // w:lvlRestart: 0 never restarts
  legal: boolean;
  pStyle: string | null;
}

interface Instance {
  abstractId: string;
  /** Per level: a start override and/or a replacement level. */
  overrides: Map<number, { start: number | null; level: Level | null }>;
}

function intVal(el: Element | null, fallback: number): number {
  const v = attr(el, "w:val");
  const n = v === null ? Number.NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : fallback;
}

function readLevel(lvl: Element): Level {
  const restart = child(lvl, "w:lvlRestart");
  const legal = child(lvl, "w:isLgl");
  return {
    start: intVal(child(lvl, "w:start"), 1),
    format: attr(child(lvl, "w:numFmt"), "w:val") ?? "decimal",
    text: attr(child(lvl, "w:lvlText"), "w:val") ?? "",
    suffix: attr(child(lvl, "w:suff"), "w:val") ?? "tab",
    restart: restart ? intVal(restart, 1) : null,
    legal: legal !== null && attr(legal, "w:val") !== "0" && attr(legal, "w:val") !== "false",
    pStyle: attr(child(lvl, "w:pStyle"), "w:val"),
  };
}

const CN_DIGITS = "零一二三四五六七八九";
const CN_LEGAL = "零壹贰叁肆伍陆柒捌玖";

/** 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (Word's chineseCounting). */
function chineseCount(n: number, digits = CN_DIGITS, units = ["", "十", "百", "千"]): string {
  if (n <= 0 || n >= 10000) return String(n);
  const ds = String(n).split("").map(Number);
  let out = "";
  let zero = false;
  ds.forEach((d, i) => {
    const unit = units[ds.length - 1 - i]!;
    if (d === 0) {
      zero = out.length > 0;
      return;
    }
    if (zero) out += digits[0];
    zero = false;
    // 十一, not 一十一, when ten is the highest place.
    if (!(d === 1 && unit === units[1] && i === 0 && digits === CN_DIGITS)) out += digits[d];
    out += unit;
  });
  return out;
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"],
    [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
  ];
  let out = "";
  for (const [v, s] of table) while (n >= v) {
    out += s;
    n -= v;
  }
  return out;
}

function letter(n: number): string {
  if (n <= 0) return String(n);
  return String.fromCharCode(65 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
}

function enclosed(n: number, first: number, count: number): string {
  return n >= 1 && n <= count ? String.fromCodePoint(first + n - 1) : String(n);
}

/** A counter's value drawn in a w:numFmt. */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case "decimalZero":
      return n >= 0 && n < 10 ? `0${n}` : String(n);
    case "upperRoman":
      return roman(n);
    case "lowerRoman":
      return roman(n).toLowerCase();
    case "upperLetter":
      return letter(n);
    case "lowerLetter":
      return letter(n).toLowerCase();
    case "chineseCounting":
    case "chineseCountingThousand":
    case "japaneseCounting":
    case "taiwaneseCounting":
    case "taiwaneseCountingThousand":
    case "ideographLegalTraditional":
      return chineseCount(n);
    case "chineseLegalSimplified":
    case "japaneseLegal":
      return chineseCount(n, CN_LEGAL, ["", "拾", "佰", "仟"]);
    case "ideographDigital":
    case "taiwaneseDigital":
    case "japaneseDigitalTenThousand":
      return String(n).split("").map((d) => "〇一二三四五六七八九"[Number(d)]).join("");
    case "ideographTraditional":
      return n >= 1 && n <= 10 ? "甲乙丙丁戊己庚辛壬癸"[n - 1]! : String(n);
    case "ideographZodiac":
      return n >= 1 && n <= 12 ? "子丑寅卯辰巳午未申酉戌亥"[n - 1]! : String(n);
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
    case "ideographEnclosedCircle":
      return enclosed(n, 0x2460, 20);
    case "decimalEnclosedParen":
      return enclosed(n, 0x2474, 20);
    case "decimalEnclosedFullstop":
      return enclosed(n, 0x2488, 20);
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return String(n).split("").map((d) => String.fromCharCode(0xff10 + Number(d))).join("");
    case "none":
      return "";
    default:
      return String(n);
  }
}

/** True for characters after which no space is drawn (CJK text and full-width punctuation). */
function endsWide(ch: string | undefined): boolean {
  if (!ch) return true;
  const c = ch.codePointAt(0)!;
  return isWide(c) || (c >= 0x2460 && c <= 0x24ff);
}

export class Numbering {
  private readonly abstracts = new Map<string, Level[]>();
  private readonly instances = new Map<string, Instance>();
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly restarted = new Set<string>();

  constructor(doc: Document | null) {
    const root = child(doc, "w:numbering");
    for (const a of children(root, "w:abstractNum")) {
      const id = attr(a, "w:abstractNumId");
      if (id === null) continue;
      const levels: Level[] = [];
      for (const l of children(a, "w:lvl")) {
        const i = Number.parseInt(attr(l, "w:ilvl") ?? "0", 10);
        if (i >= 0 && i <= 8) levels[i] = readLevel(l);
      }
      this.abstracts.set(id, levels);
    }
    for (const n of children(root, "w:num")) {
      const id = attr(n, "w:numId");
      const abstractId = attr(child(n, "w:abstractNumId"), "w:val");
      if (id === null || abstractId === null) continue;
      const overrides: Instance["overrides"] = new Map();
      for (const o of children(n, "w:lvlOverride")) {
        const ilvl = Number(attr(o, "w:ilvl") ?? 0);
        const so = child(o, "w:startOverride");
        const lvl = child(o, "w:lvl");
        overrides.set(ilvl, { start: so ? intVal(so, 1) : null, level: lvl ? readLevel(lvl) : null });
      }
      this.instances.set(id, { abstractId, overrides });
    }
  }

  private level(inst: Instance, ilvl: number): Level | null {
    return inst.overrides.get(ilvl)?.level ?? this.abstracts.get(inst.abstractId)?.[ilvl] ?? null;
  }

  /**
   * The label a numbered paragraph shows ("一、", "（三）", "1.1 "), advancing the list's
   * counters; "" for a bullet or a paragraph with no list. `style` finds the level of a list
   * a heading style is linked to when the paragraph names none.
   */
  next(numId: string | null, ilvl: number | null, style: string | null = null): string {
    if (numId === null || numId === "0") return "";
    const inst = this.instances.get(numId);
    if (!inst) return "";
    let lv = ilvl;
    if (lv === null) {
      const levels = this.abstracts.get(inst.abstractId) ?? [];
      const i = style === null ? -1 : levels.findIndex((l) => l?.pStyle === style);
      lv = i >= 0 ? i : 0;
    }
    if (lv < 0 || lv > 8) return "";
    const level = this.level(inst, lv);
    if (!level) return "";
    let counts = this.counters.get(inst.abstractId);
    if (!counts) {
      counts = [];
      this.counters.set(inst.abstractId, counts);
    }
    const override = inst.overrides.get(lv);
    const key = `${numId}:${lv}`;
    if (override?.start != null && !this.restarted.has(key)) {
      this.restarted.add(key);
      counts[lv] = override.start - 1;
    }
    counts[lv] = (counts[lv] ?? level.start - 1) + 1;
    for (let k = lv + 1; k < 9; k++) {
      const deeper = this.level(inst, k);
      // w:lvlRestart names the level after which this one restarts; 0 never restarts.
      if (!deeper || deeper.restart === null || (deeper.restart !== 0 && deeper.restart <= lv + 1)) counts[k] = undefined;
    }
    if (level.format === "bullet") return "";
    let label = "";
    const t = level.text;
    for (let i = 0; i < t.length; i++) {
      const d = t.charCodeAt(i + 1) - 48;
      if (t[i] === "%" && d >= 1 && d <= 9) {
        const ref = this.level(inst, d - 1);
        const value = counts[d - 1] ?? ref?.start ?? 1;
        label += formatNumber(value, level.legal ? "decimal" : ref?.format ?? "decimal");
        i++;
      } else label += t[i];
    }
    if (label.length === 0) return "";
    // The tab or space after the number: none after CJK punctuation ("一、综合"), a space otherwise.
    return level.suffix === "nothing" || endsWide(label[label.length - 1]) ? label : `${label} `;
  }
}
