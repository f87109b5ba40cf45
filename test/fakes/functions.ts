// Custom functions in the fake host, as Excel runs them: CustomFunctions.associate binds an id of
// functions.json to a JavaScript function; a cell whose formula calls NAMESPACE.ID(...) shows
// #BUSY! until the promise settles, then its result (an array spills from the cell down and to the
// right) or the error's code (#N/A), with the error's message kept for the cell. Excel evaluates
// the cell when the formula is entered and on a full recalculation (Application.calculate("Full")),
// not on a plain "Recalculate" when nothing it refers to changed. Arguments may be text, numbers,
// TRUE/FALSE, cell references (their values when evaluated) or left out.
import { parseA1, type CellValue, type SheetData, type WorkbookModel } from "./model.js";

export class FakeCustomFunctionError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? code);
    this.name = "CustomFunctions.Error";
  }
}

export const FAKE_ERROR_CODES = { notAvailable: "#N/A", invalidValue: "#VALUE!", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!" };

type Fn = (...args: unknown[]) => unknown;

/** `=NS.NAME(a, b, …)` → its name and argument texts, or null for any other formula. */
export function parseCall(formula: string): { name: string; args: string[] } | null {
  const m = /^=\s*([A-Za-z_][\w]*\.[A-Za-z_][\w.]*)\s*\((.*)\)\s*$/s.exec(formula);
  if (!m) return null;
  const args: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of m[2]!) {
    if (ch === '"') quoted = !quoted;
    if (ch === "," && !quoted) {
      args.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim() !== "" || args.length) args.push(cur.trim());
  return { name: m[1]!.toUpperCase(), args };
}

export class FakeFunctions {
  readonly registered = new Map<string, Fn>();
  /** The message of each cell's error, by "sheet!row:column". */
  readonly errors = new Map<string, string>();
  private readonly pending = new Set<Promise<void>>();
  private readonly spills = new Map<string, { rows: number; columns: number }>();
  evaluations = 0;

  constructor(private readonly model: () => WorkbookModel) {}

  associate(qualified: string, fn: Fn): void {
    this.registered.set(qualified.toUpperCase(), fn);
  }

  private argValue(text: string, sheet: SheetData): unknown {
    if (text === "") return null;
    if (/^".*"$/s.test(text)) return text.slice(1, -1).replace(/""/g, '"');
    if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
    if (/^(TRUE|FALSE)$/i.test(text)) return text.toUpperCase() === "TRUE";
    const [sheetPart, ref] = text.includes("!") ? text.split("!") : [null, text];
    const s = sheetPart ? this.model().sheet(sheetPart.replace(/^'|'$/g, "")) : sheet;
    if (!s) return null;
    const { row, column } = parseA1(ref!);
    const v = this.model().cell(s, row, column).value;
    return v === "" ? null : v;
  }

  /** Evaluates the cell if its formula calls a registered function; other formulas are left to the fake's "no calculation". */
  evaluate(sheet: SheetData, row: number, column: number): void {
    const m = this.model();
    const formula = m.cell(sheet, row, column).formula;
    const call = formula ? parseCall(formula) : null;
    const fn = call ? this.registered.get(call.name) : undefined;
    if (!call || !fn) return;
    const where = `${sheet.name}!${row}:${column}`;
    this.evaluations++;
    m.put(sheet, row, column, { value: "#BUSY!" });
    const args = call.args.map((a) => this.argValue(a, sheet));
    const done = Promise.resolve()
      .then(() => fn(...args))
      .then(
        (result) => {
          if (m.cell(sheet, row, column).formula !== formula) return; // the cell was changed meanwhile
          this.errors.delete(where);
          this.spill(sheet, row, column, Array.isArray(result) ? (result as CellValue[][]) : [[result as CellValue]]);
        },
        (err: unknown) => {
          this.errors.set(where, (err as Error).message);
          this.spill(sheet, row, column, [[err instanceof FakeCustomFunctionError ? err.code : "#VALUE!"]]);
        },
      )
      .finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  private spill(sheet: SheetData, row: number, column: number, grid: CellValue[][]): void {
    const m = this.model();
    const key = `${sheet.name}!${row}:${column}`;
    const before = this.spills.get(key);
    if (before) for (let r = 0; r < before.rows; r++) for (let c = 0; c < before.columns; c++) if (r || c) m.put(sheet, row + r, column + c, { value: "", formula: null });
    grid.forEach((cells, r) => cells.forEach((v, c) => m.put(sheet, row + r, column + c, r || c ? { value: v ?? "", formula: null } : { value: v ?? "" })));
    this.spills.set(key, { rows: grid.length, columns: Math.max(1, ...grid.map((g) => g.length)) });
  }

  /** A full recalculation: every cell that calls a registered function is evaluated again. */
  recalculateAll(): void {
    for (const s of this.model().sheets) {
      for (const [k, c] of [...s.cells]) {
        if (c.formula === null) continue;
        const [r, col] = k.split(":").map(Number) as [number, number];
        this.evaluate(s, r, col);
      }
    }
  }

  /** Resolves once every evaluation under way (and those they started) has settled. */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }
}
