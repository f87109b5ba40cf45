// The workbook behind the fake Excel API: sheets of cells, tables, settings. Plain data and the
// rules Excel applies to it (table names, shifting cells, references to deleted tables). The
// request/response layer that add-in code talks to is in excel.ts.

export type CellValue = string | number | boolean;

export interface CellData {
  value: CellValue;
  /** "=..." when the cell holds a formula. The fake does not calculate: its value stays 0. */
  formula: string | null;
  format: string;
}

export interface SheetData {
  id: string;
  name: string;
  cells: Map<string, CellData>;
  frozenRows: number;
  columnWidths: Map<number, number>;
}

export interface TableData {
  id: string;
  name: string;
  sheet: SheetData;
  /** Header row and left column, 0-based. */
  top: number;
  left: number;
  /** Including the header row. */
  rows: number;
  columns: number;
  style: string;
}

export interface Box {
  sheet: SheetData;
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export class OfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "OfficeExtension.Error";
  }
}

export const EMPTY: CellData = Object.freeze({ value: "", formula: null, format: "General" }) as CellData;
export const key = (row: number, column: number) => `${row}:${column}`;

export function columnLetters(column: number): string {
  let s = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function parseA1(ref: string): { row: number; column: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(ref.trim());
  if (!m) throw new OfficeError("InvalidArgument", `"${ref}" is not a cell address`);
  let column = 0;
  for (const ch of m[1]!.toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, column: column - 1 };
}

/** "A1:C3" (or "A1") on a sheet → a box. */
export function parseArea(area: string): { row: number; column: number; rows: number; columns: number } {
  const [a, b = a] = area.split(":");
  const p = parseA1(a!);
  const q = parseA1(b!);
  const row = Math.min(p.row, q.row);
  const column = Math.min(p.column, q.column);
  return { row, column, rows: Math.abs(q.row - p.row) + 1, columns: Math.abs(q.column - p.column) + 1 };
}

/** Excel quotes sheet names that are not plain words: '指标 (2)'!A1. */
export function quoteSheet(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function boxAddress(b: Box): string {
  const first = `${columnLetters(b.column)}${b.row + 1}`;
  const last = `${columnLetters(b.column + b.columns - 1)}${b.row + b.rows - 1 + 1}`;
  return `${quoteSheet(b.sheet.name)}!${b.rows === 1 && b.columns === 1 ? first : `${first}:${last}`}`;
}

const overlaps = (a0: number, an: number, b0: number, bn: number) => a0 < b0 + bn && b0 < a0 + an;
export const intersects = (a: Box, b: Box) => a.sheet === b.sheet && overlaps(a.row, a.rows, b.row, b.rows) && overlaps(a.column, a.columns, b.column, b.columns);
export const tableBox = (t: TableData): Box => ({ sheet: t.sheet, row: t.top, column: t.left, rows: t.rows, columns: t.columns });

const TABLE_NAME = /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u;
const LOOKS_LIKE_REFERENCE = /^([A-Z]{1,3}\d+|R\d*C\d*|[RC])$/i;

export class WorkbookModel {
  sheets: SheetData[] = [];
  tables: TableData[] = [];
  /** Values as JSON text, the way a workbook file keeps them. */
  settings = new Map<string, string>();
  active: { sheet: SheetData; row: number; column: number };
  /** Called when a formula is entered in a cell (the host evaluates custom functions then). */
  onFormula: ((sheet: SheetData, row: number, column: number) => void) | null = null;
  private counter = 0;

  constructor() {
    const sheet = this.addSheet("Sheet1");
    this.active = { sheet, row: 0, column: 0 };
  }

  nextId(prefix: string): string {
    return `${prefix}${++this.counter}`;
  }

  sheet(name: string): SheetData | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  addSheet(name?: string): SheetData {
    let n = this.sheets.length + 1;
    while (!name && this.sheet(`Sheet${n}`)) n++;
    const final = name ?? `Sheet${n}`;
    if (final.length > 31 || /[:\\/?*[\]]/.test(final) || final.trim() === "") throw new OfficeError("InvalidArgument", `"${final}" is not a valid sheet name`);
    if (this.sheet(final)) throw new OfficeError("ItemAlreadyExists", `a sheet named "${final}" already exists`);
    const s: SheetData = { id: `{sheet-${this.nextId("")}}`, name: final, cells: new Map(), frozenRows: 0, columnWidths: new Map() };
    this.sheets.push(s);
    return s;
  }

  deleteSheet(s: SheetData): void {
    if (this.sheets.length === 1) throw new OfficeError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    for (const t of this.tables.filter((x) => x.sheet === s)) this.deleteTable(t);
    this.sheets = this.sheets.filter((x) => x !== s);
    if (this.active.sheet === s) this.active = { sheet: this.sheets[0]!, row: 0, column: 0 };
  }

  table(name: string): TableData | undefined {
    return this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }

  cell(sheet: SheetData, row: number, column: number): CellData {
    return sheet.cells.get(key(row, column)) ?? EMPTY;
  }

  put(sheet: SheetData, row: number, column: number, data: Partial<CellData>): void {
    const next = { ...this.cell(sheet, row, column), ...data };
    if (next.value === "" && next.formula === null && next.format === "General") sheet.cells.delete(key(row, column));
    else sheet.cells.set(key(row, column), next);
    if (data.formula) this.onFormula?.(sheet, row, column);
  }

  /** Writing a value the way Excel does: text starting with "=" is a formula unless the cell is formatted as text. */
  write(sheet: SheetData, row: number, column: number, v: CellValue): void {
    const header = this.tables.find((t) => t.sheet === sheet && t.top === row && column >= t.left && column < t.left + t.columns);
    if (header) {
      // A header is always text and never empty.
      this.put(sheet, row, column, { value: String(v) === "" ? `Column${column - header.left + 1}` : String(v), formula: null });
      return;
    }
    if (typeof v === "string" && v.startsWith("=") && this.cell(sheet, row, column).format !== "@") this.put(sheet, row, column, { value: 0, formula: v });
    else this.put(sheet, row, column, { value: v, formula: null });
  }

  tableAt(b: Box, except?: TableData): TableData | undefined {
    return this.tables.find((t) => t !== except && intersects(tableBox(t), b));
  }

  checkTableName(name: string, except?: TableData): void {
    if (!TABLE_NAME.test(name) || LOOKS_LIKE_REFERENCE.test(name) || name.length > 255) throw new OfficeError("InvalidArgument", `"${name}" is not a valid table name`);
    const other = this.table(name);
    if (other && other !== except) throw new OfficeError("InvalidArgument", `a table named "${name}" already exists`);
  }

  addTable(b: Box, hasHeaders: boolean): TableData {
    if (this.tableAt(b)) throw new OfficeError("InvalidOperation", "A table can't overlap another table.");
    const t: TableData = { id: `{table-${this.nextId("")}}`, name: "", sheet: b.sheet, top: b.row, left: b.column, rows: b.rows, columns: b.columns, style: "TableStyleMedium2" };
    let n = 1;
    while (this.table(`Table${n}`)) n++;
    t.name = `Table${n}`;
    if (!hasHeaders) {
      this.shiftDown({ ...b, rows: 1 }, 1, t);
      t.rows++;
    }
    if (t.rows === 1) t.rows = 2; // a table has at least one data row
    this.tables.push(t);
    const seen = new Set<string>();
    for (let c = 0; c < t.columns; c++) {
      let h = String(this.cell(b.sheet, t.top, t.left + c).value);
      if (h === "" || !hasHeaders) h = `Column${c + 1}`;
      let unique = h;
      for (let k = 2; seen.has(unique.toLowerCase()); k++) unique = `${h}${k}`;
      seen.add(unique.toLowerCase());
      this.put(b.sheet, t.top, t.left + c, { value: unique, formula: null });
    }
    return t;
  }

  renameTable(t: TableData, name: string): void {
    this.checkTableName(name, t);
    // Excel rewrites structured references to follow the table.
    this.rewriteFormulas((f) => f.replace(new RegExp(`(^|[^\\p{L}\\p{N}_.])${escape(t.name)}\\[`, "giu"), (_m, pre: string) => `${pre}${name}[`));
    t.name = name;
  }

  deleteTable(t: TableData): void {
    this.tables = this.tables.filter((x) => x !== t);
    for (let r = t.top; r < t.top + t.rows; r++) for (let c = t.left; c < t.left + t.columns; c++) t.sheet.cells.delete(key(r, c));
    // Formulas that referred to the table now refer to nothing.
    this.rewriteFormulas((f) => replaceStructured(f, t.name));
  }

  resizeTable(t: TableData, b: Box): void {
    if (b.sheet !== t.sheet || b.row !== t.top) throw new OfficeError("InvalidArgument", "The table's header must stay in the same row.");
    if (!intersects(b, tableBox(t))) throw new OfficeError("InvalidArgument", "The new range must overlap the table.");
    if (b.rows < 2) throw new OfficeError("InvalidArgument", "A table needs at least one data row.");
    if (this.tableAt(b, t)) throw new OfficeError("InvalidOperation", "A table can't overlap another table.");
    const old = t.columns;
    t.left = b.column;
    t.rows = b.rows;
    t.columns = b.columns;
    for (let c = 0; c < t.columns; c++) if (c >= old && this.cell(t.sheet, t.top, t.left + c).value === "") this.put(t.sheet, t.top, t.left + c, { value: `Column${c + 1}` });
  }

  /** Range.insert(Down): the cells of the box's columns from its top row move down by its height. */
  shiftDown(b: Box, n = b.rows, creating?: TableData): void {
    const end = b.column + b.columns;
    for (const t of this.tables.filter((x) => x.sheet === b.sheet && x !== creating)) {
      const within = t.left >= b.column && t.left + t.columns <= end;
      const touches = overlaps(t.left, t.columns, b.column, b.columns);
      if (!touches) continue;
      if (t.top >= b.row) {
        if (!within) throw new OfficeError("InsertDeleteConflict", "This operation isn't allowed. The operation is attempting to shift cells in a table on your worksheet.");
      } else if (t.top + t.rows > b.row) {
        if (!(b.column <= t.left && end >= t.left + t.columns)) throw new OfficeError("InsertDeleteConflict", "This operation isn't allowed. The operation is attempting to shift cells in a table on your worksheet.");
      }
    }
    for (const t of this.tables.filter((x) => x.sheet === b.sheet && x !== creating && overlaps(x.left, x.columns, b.column, b.columns))) {
      if (t.top >= b.row) t.top += n;
      else if (t.top + t.rows > b.row) t.rows += n; // inserted inside the table: it grows
    }
    const moved = [...b.sheet.cells].filter(([k]) => {
      const [r, c] = k.split(":").map(Number) as [number, number];
      return r >= b.row && c >= b.column && c < end;
    });
    for (const [k] of moved) b.sheet.cells.delete(k);
    for (const [k, v] of moved) {
      const [r, c] = k.split(":").map(Number) as [number, number];
      b.sheet.cells.set(key(r + n, c), v);
    }
  }

  /** Range.delete(Up): the box's cells go; those below in its columns move up. */
  shiftUp(b: Box): void {
    const end = b.column + b.columns;
    const n = b.rows;
    const affected = this.tables.filter((x) => x.sheet === b.sheet && overlaps(x.left, x.columns, b.column, b.columns));
    // Every table is checked before anything moves: a refused delete changes nothing, as in Excel.
    for (const t of affected) {
      const within = t.left >= b.column && t.left + t.columns <= end;
      if (!within) throw new OfficeError("InsertDeleteConflict", "This operation isn't allowed. The operation is attempting to shift cells in a table on your worksheet.");
      if (intersects(tableBox(t), b)) {
        const wholeRows = b.row > t.top && b.row + b.rows <= t.top + t.rows && t.rows - n >= 2;
        if (!wholeRows) throw new OfficeError("InsertDeleteConflict", "This operation isn't allowed. The operation is attempting to shift cells in a table on your worksheet.");
      }
    }
    for (const t of affected) {
      if (intersects(tableBox(t), b)) t.rows -= n;
      else if (t.top > b.row) t.top -= n;
    }
    const keep = [...b.sheet.cells].filter(([k]) => {
      const [r, c] = k.split(":").map(Number) as [number, number];
      return !(r >= b.row && c >= b.column && c < end);
    });
    const below = [...b.sheet.cells].filter(([k]) => {
      const [r, c] = k.split(":").map(Number) as [number, number];
      return r >= b.row + n && c >= b.column && c < end;
    });
    b.sheet.cells = new Map(keep);
    for (const [k, v] of below) {
      const [r, c] = k.split(":").map(Number) as [number, number];
      b.sheet.cells.set(key(r - n, c), v);
    }
  }

  private rewriteFormulas(f: (formula: string) => string): void {
    for (const s of this.sheets) for (const [, c] of s.cells) if (c.formula !== null) c.formula = f(c.formula);
  }

  usedBox(b: Box, valuesOnly: boolean): Box | null {
    let r0 = Infinity;
    let r1 = -1;
    let c0 = Infinity;
    let c1 = -1;
    for (const [k, c] of b.sheet.cells) {
      const [r, col] = k.split(":").map(Number) as [number, number];
      if (r < b.row || r >= b.row + b.rows || col < b.column || col >= b.column + b.columns) continue;
      if (c.value === "" && c.formula === null && (valuesOnly || c.format === "General")) continue;
      r0 = Math.min(r0, r);
      r1 = Math.max(r1, r);
      c0 = Math.min(c0, col);
      c1 = Math.max(c1, col);
    }
    return r1 < 0 ? null : { sheet: b.sheet, row: r0, column: c0, rows: r1 - r0 + 1, columns: c1 - c0 + 1 };
  }

  toJSON(): unknown {
    return {
      sheets: this.sheets.map((s) => ({ id: s.id, name: s.name, cells: [...s.cells], frozenRows: s.frozenRows, columnWidths: [...s.columnWidths] })),
      tables: this.tables.map((t) => ({ ...t, sheet: t.sheet.name })),
      settings: [...this.settings],
      active: { sheet: this.active.sheet.name, row: this.active.row, column: this.active.column },
      counter: this.counter,
    };
  }

  static fromJSON(json: unknown): WorkbookModel {
    const j = json as {
      sheets: { id: string; name: string; cells: [string, CellData][]; frozenRows: number; columnWidths: [number, number][] }[];
      tables: (Omit<TableData, "sheet"> & { sheet: string })[];
      settings: [string, string][];
      active: { sheet: string; row: number; column: number };
      counter: number;
    };
    const m = new WorkbookModel();
    m.sheets = j.sheets.map((s) => ({ id: s.id, name: s.name, cells: new Map(s.cells.map(([k, c]) => [k, { ...c }])), frozenRows: s.frozenRows, columnWidths: new Map(s.columnWidths) }));
    m.tables = j.tables.map((t) => ({ ...t, sheet: m.sheet(t.sheet)! }));
    m.settings = new Map(j.settings);
    m.active = { sheet: m.sheet(j.active.sheet)!, row: j.active.row, column: j.active.column };
    m.counter = j.counter;
    return m;
  }
}

/** Outside string literals only: a formula's text between double quotes is not references. */
function outsideStrings(formula: string, f: (part: string) => string): string {
  return formula
    .split('"')
    .map((part, i) => (i % 2 === 0 ? f(part) : part))
    .join('"');
}

const A1_REF = /(?<![\p{L}\p{N}_.@\[])(\$?)([A-Z]{1,3})(\$?)(\d{1,7})(?![\p{L}\p{N}_(\[])/gu;
const R1C1_REF = /(?<![\p{L}\p{N}_.@\[])R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?(?![\p{L}\p{N}_(\[])/gu;

function lettersToColumn(letters: string): number {
  let column = 0;
  for (const ch of letters) column = column * 26 + (ch.charCodeAt(0) - 64);
  return column - 1;
}

/** "=B4*2" in the cell at (row, column) → "=R[1]C[-3]*2", as Excel's formulasR1C1 reads it. */
export function toR1C1(formula: string, row: number, column: number): string {
  return outsideStrings(formula, (part) =>
    part.replace(A1_REF, (_m, absC: string, letters: string, absR: string, digits: string) => {
      const r = Number(digits) - 1;
      const c = lettersToColumn(letters);
      const rr = absR ? `R${r + 1}` : r === row ? "R" : `R[${r - row}]`;
      const cc = absC ? `C${c + 1}` : c === column ? "C" : `C[${c - column}]`;
      return rr + cc;
    }),
  );
}

/** "=R[1]C[-3]*2" written to the cell at (row, column) → "=B4*2". */
export function fromR1C1(formula: string, row: number, column: number): string {
  return outsideStrings(formula, (part) =>
    part.replace(R1C1_REF, (_m, rp: string | undefined, cp: string | undefined) => {
      const rel = (p: string | undefined, here: number): [number, boolean] => (p === undefined ? [here, false] : p.startsWith("[") ? [here + Number(p.slice(1, -1)), false] : [Number(p) - 1, true]);
      const [r, absR] = rel(rp, row);
      const [c, absC] = rel(cp, column);
      if (r < 0 || c < 0) return "#REF!";
      return `${absC ? "$" : ""}${columnLetters(c)}${absR ? "$" : ""}${r + 1}`;
    }),
  );
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Table1[value] and Table1[[#This Row],[value]] → #REF! */
function replaceStructured(formula: string, table: string): string {
  const lower = formula.toLowerCase();
  const needle = `${table.toLowerCase()}[`;
  let out = "";
  let i = 0;
  for (;;) {
    const at = lower.indexOf(needle, i);
    if (at < 0) return out + formula.slice(i);
    const before = at > 0 ? formula[at - 1]! : "";
    if (/[\p{L}\p{N}_.]/u.test(before)) {
      out += formula.slice(i, at + needle.length);
      i = at + needle.length;
      continue;
    }
    let depth = 0;
    let j = at + table.length;
    for (; j < formula.length; j++) {
      if (formula[j] === "[") depth++;
      else if (formula[j] === "]" && --depth === 0) break;
    }
    out += formula.slice(i, at) + "#REF!";
    i = j + 1;
  }
}
