// Cell values as a spreadsheet shows them: a number through its number format (0.036 in a
// "0.0%" cell is "3.6%", 1234.5 in "#,##0.00" is "1,234.50", a literal "亿元" after the
// digits stays), numbers in the General format without float noise (0.1 + 0.2 is "0.3"),
// dates as yyyy-mm-dd. The subset of Excel's format language a statistics table uses:
// sections by sign, literals, digits, decimals, thousands, scaling, percent, exponents, dates.

const DAY_MS = 86_400_000;
/** Day 0 of the 1900 date system as Excel counts (its 1900 leap year included) and of the 1904 one. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** A number in the General format: at most 15 significant digits, so no float noise. */
export function general(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(Number.parseFloat(n.toPrecision(15)));
  if (s === "-0") return "0";
  // 1e-13 as Excel writes it: 1E-13.
  const e = s.indexOf("e");
  return e < 0 ? s : `${s.slice(0, e)}E${s[e + 1] === "-" ? "" : ""}${s.slice(e + 1)}`;
}

/** n rounded half away from zero to `d` decimals, as Excel rounds what it shows. */
function fixed(n: number, d: number): string {
  const abs = Math.abs(n);
  // Shifting by the decimal exponent in the string avoids 1.005 * 100 = 100.49999…
  const rounded = Number(`${Math.round(Number(`${abs}e${d}`))}e-${d}`);
  const s = (Number.isFinite(rounded) ? rounded : abs).toFixed(d);
  return n < 0 && Number(s) !== 0 ? `-${s}` : s;
}

function groupThousands(int: string): string {
  let out = "";
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) out += ",";
    out += int[i];
  }
  return out;
}

/** Splits a format into its sections at semicolons outside quotes and brackets. */
function sections(format: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch === '"') {
      const j = format.indexOf('"', i + 1);
      const end = j < 0 ? format.length : j;
      cur += format.slice(i, end + 1);
      i = end;
    } else if (ch === "\\" || ch === "_" || ch === "*") {
      cur += format.slice(i, i + 2);
      i++;
    } else if (ch === "[") {
      const j = format.indexOf("]", i + 1);
      const end = j < 0 ? format.length : j;
      cur += format.slice(i, end + 1);
      i = end;
    } else if (ch === ";") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

type Token = { kind: "literal"; text: string } | { kind: "code"; text: string };

/** A section's tokens: literals (quoted, escaped, currency in [$¥-804]) and format codes. */
function tokens(section: string): Token[] {
  const out: Token[] = [];
  const lit = (text: string): void => {
    if (text) out.push({ kind: "literal", text });
  };
  for (let i = 0; i < section.length; i++) {
    const ch = section[i]!;
    if ((ch === "G" || ch === "g") && section.slice(i, i + 7).toLowerCase() === "general") {
      out.push({ kind: "code", text: "General" });
      i += 6;
    } else if (ch === '"') {
      const j = section.indexOf('"', i + 1);
      const end = j < 0 ? section.length : j;
      lit(section.slice(i + 1, end));
      i = end;
    } else if (ch === "\\") {
      lit(section[i + 1] ?? "");
      i++;
    } else if (ch === "_" || ch === "*") {
      i++; // padding to the width of a character, a fill character: nothing to read
    } else if (ch === "[") {
      const j = section.indexOf("]", i + 1);
      const end = j < 0 ? section.length : j;
      const inner = section.slice(i + 1, end);
      // [$¥-804] is a currency symbol; [Red], [>=100], [DBNum1] change no text we read.
      if (inner.startsWith("$")) lit(inner.slice(1).split("-")[0]!);
      else if (inner === "h" || inner === "hh" || inner === "m" || inner === "mm" || inner === "s" || inner === "ss") out.push({ kind: "code", text: inner });
      i = end;
    } else out.push({ kind: "code", text: ch });
  }
  return out;
}

const DATE_CODES = new Set(["y", "Y", "d", "D", "e", "h", "H", "s", "S"]);


/** Whether a section formats dates or times (y, d, h, s codes; m alone is ambiguous and not enough). */
function isDateSection(toks: Token[]): boolean {
  return toks.some((t, i) => {
    if (t.kind !== "code") return false;
    const next = toks[i + 1];
    // "e" is the era year of a date, but "E+" / "e-" the exponent of a number.
    if ((t.text === "e" || t.text === "E") && next?.kind === "code" && (next.text === "+" || next.text === "-")) return false;
    return t.text !== "General" && DATE_CODES.has(t.text[0]!);
  });
}

/** Whether a number format (any section) shows a date or a time. */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return isDateSection(tokens(sections(format)[0]!));
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** A date as yyyy-mm-dd (yyyy-mm or yyyy when the format shows no day; a time when it shows only a time). */
export function formatDate(d: Date, format = ""): string {
  const codes = new Set(tokens(sections(format)[0] ?? "").filter((t) => t.kind === "code" && t.text !== "General").map((t) => t.text[0]!.toLowerCase()));
  const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}${codes.has("s") ? `:${pad2(d.getUTCSeconds())}` : ""}`;
  const hasDay = codes.has("d") || codes.has("a");
  const hasYear = codes.has("y") || codes.has("e");
  const hasTime = codes.has("h") || codes.has("s");
  if (hasTime && !hasYear && !hasDay) return time;
  let out = date;
  if (hasYear && !hasDay) out = codes.has("m") ? date.slice(0, 7) : date.slice(0, 4);
  return hasTime ? `${out} ${time}` : out;
}

/** An Excel serial day number as a date. */
export function serialToDate(serial: number, date1904 = false): Date {
  return new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + Math.round(serial * DAY_MS));
}

const DIGIT = new Set(["0", "#", "?"]);

/** The shape of a format's number: "#,##0.00" → grouped, 1 integer digit, 2 decimals. */
interface Shape {
  intMin: number;
  grouped: boolean;
  /** Commas after the last integer digit: each divides by 1000. */
  scale: number;
  decimals: number;
  minDecimals: number;
  /** Digits of the exponent ("0.00E+00" → 2), or null. */
  exponent: number | null;
}

/** Reads the number's codes from toks[i] on; returns its shape and the index past it. */
function readShape(toks: Token[], i: number): { shape: Shape; end: number } {
  const shape: Shape = { intMin: 0, grouped: false, scale: 0, decimals: 0, minDecimals: 0, exponent: null };
  let inDecimals = false;
  let commas = 0;
  let j = i;
  for (; j < toks.length; j++) {
    const t = toks[j]!;
    if (t.kind !== "code") break;
    const c = t.text;
    if (DIGIT.has(c)) {
      if (inDecimals) {
        shape.decimals++;
        if (c === "0") shape.minDecimals = shape.decimals;
      } else {
        if (commas > 0) shape.grouped = true;
        if (c === "0") shape.intMin++;
      }
      commas = 0;
    } else if (c === ".") {
      if (inDecimals) break;
      shape.scale = commas;
      commas = 0;
      inDecimals = true;
    } else if (c === ",") commas++;
    else if ((c === "E" || c === "e") && (toks[j + 1]?.text === "+" || toks[j + 1]?.text === "-") && toks[j + 1]!.kind === "code") {
      let m = j + 2;
      let digits = 0;
      for (; m < toks.length && toks[m]!.kind === "code" && DIGIT.has(toks[m]!.text); m++) digits++;
      shape.exponent = digits;
      j = m;
      break;
    } else break;
  }
  if (!inDecimals) shape.scale = commas;
  return { shape, end: j };
}

function renderNumber(value: number, shape: Shape): string {
  if (shape.exponent !== null) {
    const [mant, exp] = value.toExponential(shape.decimals).split("e");
    const e = Number(exp);
    const digits = String(Math.abs(e)).padStart(Math.max(1, shape.exponent), "0");
    return `${mant}E${e < 0 ? "-" : "+"}${digits}`;
  }
  const s = fixed(value, shape.decimals);
  const dot = s.indexOf(".");
  let int = dot < 0 ? s : s.slice(0, dot);
  let dec = dot < 0 ? "" : s.slice(dot + 1);
  while (dec.length > shape.minDecimals && dec.endsWith("0")) dec = dec.slice(0, -1);
  if (int === "0" && shape.intMin === 0) int = "";
  while (int.length < shape.intMin) int = `0${int}`;
  if (shape.grouped) int = groupThousands(int);
  const out = dec.length > 0 ? `${int}.${dec}` : int;
  return out.length > 0 ? out : "0";
}

/** A number through one section of a format (not a date section). */
function numberSection(n: number, toks: Token[], signed: boolean): string {
  let percent = 0;
  for (const t of toks) if (t.kind === "code" && t.text === "%") percent++;
  let out = "";
  let placed = false;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind === "literal") {
      out += t.text;
      continue;
    }
    if (!placed && t.text === "General") {
      out += general(Math.abs(n) * 100 ** percent);
      placed = true;
      continue;
    }
    if (!placed && (DIGIT.has(t.text) || (t.text === "." && DIGIT.has(toks[i + 1]?.text ?? "")))) {
      const { shape, end } = readShape(toks, i);
      out += renderNumber((Math.abs(n) * 100 ** percent) / 1000 ** shape.scale, shape);
      placed = true;
      i = end - 1;
      continue;
    }
    out += t.text === "@" ? general(n) : t.text;
  }
  if (!placed && !toks.some((t) => t.text === "@")) {
    // A section with no digits shows only its text ("-" for zero); with none at all, the number.
    if (out.length === 0) out = general(Math.abs(n));
  }
  return signed && n < 0 ? `-${out}` : out;
}

function isGeneral(section: string): boolean {
  return section.trim().toLowerCase() === "general" || section.trim().length === 0;
}

/** A number as a cell formatted with `format` shows it. */
export function formatNumber(n: number, format: string | undefined, date1904 = false): string {
  if (!format || format === "@") return general(n);
  const secs = sections(format);
  let section = secs[0]!;
  let signed = true;
  if (n < 0 && secs.length >= 2 && !isGeneral(secs[1]!)) {
    section = secs[1]!;
    signed = false; // the negative section writes its own sign or brackets
  } else if (n === 0 && secs.length >= 3) section = secs[2]!;
  if (isGeneral(section)) return general(n);
  const toks = tokens(section);
  if (isDateSection(toks)) return formatDate(serialToDate(n, date1904), section);
  return numberSection(n, toks, signed);
}
