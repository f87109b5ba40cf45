// A small fake of the Excel JavaScript API: the objects and members the add-in calls, with the
// behaviours that bite in real Excel enforced rather than smoothed over:
//   - commands are queued and run at context.sync(); errors (ItemNotFound...) surface there;
//   - reading a property that was not loaded and synced throws PropertyNotLoaded;
//   - `null` in values/formulas/numberFormat leaves the cell as it is;
//   - a request or response over 5 MB fails with RequestPayloadSizeLimitExceeded /
//     ResponsePayloadSizeLimitExceeded (Excel on the web), and nothing of that request runs;
//   - text starting with "=" becomes a formula unless the cell is formatted as text;
//   - deleting a table turns formulas that refer to it into #REF!; renaming rewrites them.
// Every sync is counted (round trips only when something was queued, as in Office.js).
// What it does not model: calculation, merged cells, filters, formats other than number formats.
import {
  boxAddress,
  OfficeError,
  parseA1,
  parseArea,
  fromR1C1,
  tableBox,
  toR1C1,
  WorkbookModel,
  type Box,
  type CellValue,
  type SheetData,
  type TableData,
} from "./model.js";

import { FakeFunctions } from "./functions.js";

export { OfficeError } from "./model.js";
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

const encoder = new TextEncoder();
const bytes = (x: unknown) => encoder.encode(JSON.stringify(x) ?? "").length;
/** A command's fixed cost in a request: object path and method name. */
const COMMAND_BYTES = 64;

export interface SyncRecord {
  commands: number;
  requestBytes: number;
  responseBytes: number;
  suspendedCalculation: boolean;
  suspendedScreenUpdating: boolean;
  /** application.calculate() was asked for. */
  recalculated: boolean;
}

type Handler = (args: unknown) => unknown;

/** A workbook and the Excel host around it: `run` is Excel.run. */
export class FakeExcel {
  model: WorkbookModel;
  /** One record per round trip. */
  readonly syncs: SyncRecord[] = [];
  /** context.sync() calls, including those with nothing to send. */
  syncCalls = 0;
  readonly selectionHandlers = new Set<Handler>();
  /** Failures to inject: the (skip + 1)-th command of this kind from now fails, and the rest of its sync with it. */
  readonly failures: { kind: string; skip: number }[] = [];

  /** Custom functions associated with this host, evaluated in formula cells. */
  readonly functions = new FakeFunctions(() => this.model);

  constructor(model = new WorkbookModel()) {
    this.model = model;
    model.onFormula = (sheet, row, column) => this.functions.evaluate(sheet, row, column);
  }

  /** Excel.run: a fresh context, the batch, then a final sync of whatever is still queued. */
  async run<T>(batch: (context: FakeContext) => Promise<T>): Promise<T> {
    const ctx = new FakeContext(this);
    const result = await batch(ctx);
    await ctx.sync();
    return result;
  }

  /** The file as saved: reopening it gives a new host with the same cells, tables and settings. */
  save(): string {
    return JSON.stringify(this.model.toJSON());
  }

  static open(saved: string): FakeExcel {
    return new FakeExcel(WorkbookModel.fromJSON(JSON.parse(saved)));
  }

  /** Resolves once every custom function under evaluation has settled. */
  calculated(): Promise<void> {
    return this.functions.settled();
  }

  /** The message of a cell's error value (#N/A), as Excel shows it on hover. */
  cellError(sheetName: string, address: string): string | undefined {
    const { row, column } = parseA1(address);
    return this.functions.errors.get(`${this.sheetOrThrow(sheetName).name}!${row}:${column}`);
  }

  /**
   * Makes a later sync fail the way a lost connection or a refused command does in Excel: the
   * commands queued before the `nth` command of `kind` (counted from now, 1-based) run, that one
   * and those after it do not, and context.sync() rejects. Kinds: values, formulasR1C1,
   * numberFormat, insert, delete, resize, settings, load.
   */
  failOn(kind: string, nth = 1): void {
    this.failures.push({ kind, skip: nth - 1 });
  }

  // ---- What a user does in Excel's window (not part of the API) ----

  select(sheetName: string, address: string): void {
    const sheet = this.sheetOrThrow(sheetName);
    const { row, column } = parseA1(address);
    this.model.active = { sheet, row, column };
    for (const h of this.selectionHandlers) void h({ type: "SelectionChanged" });
  }

  /** Typing into a cell; typing next to a table's header extends the table, as Excel does. */
  type(sheetName: string, address: string, text: CellValue): void {
    const sheet = this.sheetOrThrow(sheetName);
    const { row, column } = parseA1(address);
    const t = this.model.tables.find((x) => x.sheet === sheet && x.top === row && x.left + x.columns === column);
    if (t) this.model.resizeTable(t, { ...tableBox(t), columns: t.columns + 1 });
    this.model.write(sheet, row, column, text);
  }

  deleteTable(name: string): void {
    this.model.deleteTable(this.tableOrThrow(name));
  }

  renameTable(name: string, to: string): void {
    this.model.renameTable(this.tableOrThrow(name), to);
  }

  setTableStyle(name: string, style: string): void {
    this.tableOrThrow(name).style = style;
  }

  // ---- Inspection for tests ----

  cell(sheetName: string, address: string) {
    const { row, column } = parseA1(address);
    return this.model.cell(this.sheetOrThrow(sheetName), row, column);
  }

  tableNames(): string[] {
    return this.model.tables.map((t) => t.name);
  }

  /** A table as the user sees it: address, headers and the values of its data rows. */
  table(name: string) {
    const t = this.tableOrThrow(name);
    const row = (r: number) => Array.from({ length: t.columns }, (_, c) => this.model.cell(t.sheet, r, t.left + c));
    return {
      id: t.id,
      name: t.name,
      sheet: t.sheet.name,
      style: t.style,
      address: boxAddress(tableBox(t)),
      headers: row(t.top).map((c) => c.value),
      values: Array.from({ length: t.rows - 1 }, (_, i) => row(t.top + 1 + i).map((c) => c.value)),
      formats: Array.from({ length: t.rows - 1 }, (_, i) => row(t.top + 1 + i).map((c) => c.format)),
      formulas: Array.from({ length: t.rows - 1 }, (_, i) => row(t.top + 1 + i).map((c) => c.formula)),
    };
  }

  settings(): Record<string, unknown> {
    return Object.fromEntries([...this.model.settings].map(([k, v]) => [k, JSON.parse(v)]));
  }

  roundTrips(): number {
    return this.syncs.length;
  }

  private sheetOrThrow(name: string): SheetData {
    const s = this.model.sheet(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  private tableOrThrow(name: string): TableData {
    const t = this.model.table(name);
    if (!t) throw new Error(`no table ${name}`);
    return t;
  }
}

interface Command {
  run(): void;
  bytes: number;
  /** What kind of command it is, for failure injection (FakeExcel.failOn). */
  kind: string;
}

const NULL = Symbol("null object");
type Ref<T> = T | typeof NULL;

export class FakeContext {
  private queue: Command[] = [];
  private deliveries: (() => void)[] = [];
  private responseBytes = 0;
  private suspendCalc = false;
  private suspendScreen = false;
  private recalculated = false;
  readonly workbook: FakeWorkbookObject;
  readonly application: FakeApplication;

  constructor(readonly host: FakeExcel) {
    this.workbook = new FakeWorkbookObject(this);
    this.application = new FakeApplication(this);
  }

  get model(): WorkbookModel {
    return this.host.model;
  }

  enqueue(run: () => void, payload: unknown = null, kind = "other"): void {
    this.queue.push({ run, bytes: COMMAND_BYTES + (payload === null ? 0 : bytes(payload)), kind });
  }

  /** A load: its values become readable only once the sync that carries it completes. */
  deliver(apply: () => void, payload: unknown): void {
    this.responseBytes += bytes(payload);
    this.deliveries.push(apply);
  }

  suspend(what: "calculation" | "screen"): void {
    this.enqueue(() => {
      if (what === "calculation") this.suspendCalc = true;
      else this.suspendScreen = true;
    });
  }

  calculate(full = false): void {
    this.enqueue(() => {
      this.recalculated = true;
      if (full) this.host.functions.recalculateAll();
    });
  }

  async sync(): Promise<void> {
    this.host.syncCalls++;
    const queue = this.queue;
    this.queue = [];
    if (queue.length === 0) return;
    // A round trip: the reply comes later, never within the same tick.
    await new Promise((r) => setTimeout(r, 0));
    const requestBytes = queue.reduce((n, c) => n + c.bytes, 0);
    this.deliveries = [];
    this.responseBytes = 0;
    this.suspendCalc = false;
    this.suspendScreen = false;
    this.recalculated = false;
    const record: SyncRecord = { commands: queue.length, requestBytes, responseBytes: 0, suspendedCalculation: false, suspendedScreenUpdating: false, recalculated: false };
    this.host.syncs.push(record);
    if (requestBytes > PAYLOAD_LIMIT) throw new OfficeError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit.");
    // Commands run in order; one that fails stops the rest, and what ran before stays done.
    for (const c of queue) {
      const f = this.host.failures.find((x) => x.kind === c.kind);
      if (f && f.skip-- === 0) {
        this.host.failures.splice(this.host.failures.indexOf(f), 1);
        throw new OfficeError("GeneralException", `An internal error has occurred (injected at a ${c.kind} command).`);
      }
      c.run();
    }
    record.responseBytes = this.responseBytes;
    record.suspendedCalculation = this.suspendCalc;
    record.suspendedScreenUpdating = this.suspendScreen;
    record.recalculated = this.recalculated;
    if (this.responseBytes > PAYLOAD_LIMIT) throw new OfficeError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
    for (const d of this.deliveries) d();
  }
}

/** Property names a load asks for: "a,b", ["a", "b"], or "items/a,items/b" on collections. */
function propsOf(spec: string | string[] | undefined): string[] {
  if (spec === undefined) return [];
  return (Array.isArray(spec) ? spec : spec.split(",")).map((s) => s.trim()).filter(Boolean);
}

abstract class ClientObject<M> {
  private ref: Ref<M> | undefined;
  protected loaded = new Map<string, unknown>();

  constructor(
    readonly context: FakeContext,
    private readonly resolver: () => Ref<M>,
  ) {}

  /** The model object, found when the first command that uses it runs (Office.js object paths work so). */
  protected target(): Ref<M> {
    if (this.ref === undefined) this.ref = this.resolver();
    return this.ref;
  }

  protected live(): M {
    const t = this.target();
    if (t === NULL) throw new OfficeError("InvalidOperation", "This object is a null object.");
    return t;
  }

  protected get<T>(name: string): T {
    if (!this.loaded.has(name)) {
      throw new OfficeError(
        "PropertyNotLoaded",
        `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.loaded.get(name) as T;
  }

  get isNullObject(): boolean {
    return this.get("isNullObject");
  }

  /** What each loadable property reads from the model. */
  protected abstract readers(): Record<string, (m: M) => unknown>;

  load(spec?: string | string[]): this {
    const names = propsOf(spec);
    this.context.enqueue(() => {
      const t = this.target();
      const values = new Map<string, unknown>([["isNullObject", t === NULL]]);
      if (t !== NULL) {
        const readers = this.readers();
        for (const n of names.length ? names : Object.keys(readers)) {
          const read = readers[n];
          if (!read) throw new OfficeError("InvalidArgument", `The fake does not know the property '${n}'.`);
          values.set(n, read(t));
        }
      }
      this.context.deliver(() => {
        for (const [k, v] of values) this.loaded.set(k, v);
      }, [...values]);
    }, null, "load");
    return this;
  }

  protected command(run: (m: M) => void, payload: unknown = null, kind = "other"): void {
    this.context.enqueue(() => run(this.live()), payload, kind);
  }
}

class FakeApplication {
  constructor(private readonly context: FakeContext) {}
  suspendApiCalculationUntilNextSync(): void {
    this.context.suspend("calculation");
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.context.suspend("screen");
  }
  calculate(type: "Recalculate" | "Full" | "FullRebuild"): void {
    if (!["Recalculate", "Full", "FullRebuild"].includes(type)) throw new OfficeError("InvalidArgument", `calculation type ${type}`);
    // Custom functions are not volatile: a plain recalculation leaves them, a full one runs them all.
    this.context.calculate(type !== "Recalculate");
  }
}

class FakeWorkbookObject {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly settings: FakeSettingCollection;
  readonly onSelectionChanged: { add(h: Handler): { remove(): void } };

  constructor(private readonly context: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(context);
    this.tables = new FakeTableCollection(context, null);
    this.settings = new FakeSettingCollection(context);
    const host = context.host;
    this.onSelectionChanged = {
      add(h: Handler) {
        context.enqueue(() => host.selectionHandlers.add(h));
        return { remove: () => context.enqueue(() => host.selectionHandlers.delete(h)) };
      },
    };
  }

  getActiveCell(): FakeRange {
    const m = () => this.context.model;
    return new FakeRange(this.context, () => ({ sheet: m().active.sheet, row: m().active.row, column: m().active.column, rows: 1, columns: 1 }));
  }

  getSelectedRange(): FakeRange {
    return this.getActiveCell();
  }
}

class FakeWorksheetCollection extends ClientObject<SheetData[]> {
  private list: FakeWorksheet[] = [];
  constructor(context: FakeContext) {
    super(context, () => context.model.sheets);
  }
  protected readers() {
    return {};
  }
  override load(spec?: string | string[]): this {
    const props = propsOf(spec).map((p) => p.replace(/^items\//, ""));
    this.context.enqueue(() => {
      const sheets = [...this.context.model.sheets];
      this.context.deliver(() => {
        this.list = sheets.map((s) => new FakeWorksheet(this.context, () => s, props));
        this.loaded.set("items", true);
      }, sheets.map((s) => ({ name: s.name, id: s.id })));
    });
    return this;
  }
  get items(): FakeWorksheet[] {
    this.get("items");
    return this.list;
  }
  add(name?: string): FakeWorksheet {
    let created: SheetData | undefined;
    this.context.enqueue(() => {
      created = this.context.model.addSheet(name);
    }, name ?? "");
    return new FakeWorksheet(this.context, () => {
      if (!created) throw new OfficeError("InvalidOperation", "The sheet was not added.");
      return created;
    });
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => {
      const s = this.context.model.sheet(name);
      if (!s) throw new OfficeError("ItemNotFound", `The requested resource doesn't exist: sheet ${name}.`);
      return s;
    });
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.model.sheet(name) ?? NULL);
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.model.active.sheet);
  }
}

class FakeWorksheet extends ClientObject<SheetData> {
  readonly freezePanes: { freezeRows(n: number): void };
  constructor(context: FakeContext, resolver: () => Ref<SheetData>, preloaded: string[] = []) {
    super(context, resolver);
    // Items of a loaded collection arrive with the properties asked for.
    if (preloaded.length) {
      const s = resolver() as SheetData;
      for (const p of preloaded) this.loaded.set(p, this.readers()[p as "name"]?.(s));
    }
    this.freezePanes = { freezeRows: (n: number) => this.command((s) => (s.frozenRows = n)) };
  }
  protected readers() {
    return { name: (s: SheetData) => s.name, id: (s: SheetData) => s.id };
  }
  get name(): string {
    return this.get("name");
  }
  get id(): string {
    return this.get("id");
  }
  get tables(): FakeTableCollection {
    return new FakeTableCollection(this.context, () => this.live());
  }
  getRange(address?: string): FakeRange {
    return new FakeRange(this.context, () => {
      const sheet = this.live();
      if (!address) return { sheet, row: 0, column: 0, rows: 1048576, columns: 16384 };
      return { sheet, ...parseArea(address.replace(/^.*!/, "")) };
    });
  }
  getRangeByIndexes(row: number, column: number, rows: number, columns: number): FakeRange {
    return new FakeRange(this.context, () => {
      if (rows < 1 || columns < 1 || row < 0 || column < 0) throw new OfficeError("InvalidArgument", "The range has no cells.");
      return { sheet: this.live(), row, column, rows, columns };
    });
  }
  delete(): void {
    this.command((s) => this.context.model.deleteSheet(s), null, "delete");
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.context, () => {
      const sheet = this.live();
      return this.context.model.usedBox({ sheet, row: 0, column: 0, rows: 1048576, columns: 16384 }, valuesOnly) ?? NULL;
    });
  }
  activate(): void {
    this.command((s) => {
      const m = this.context.model;
      m.active = { sheet: s, row: 0, column: 0 };
    });
  }
}

type Values = (CellValue | null)[][];

function checkShape(b: Box, v: unknown, what: string): Values {
  if (!Array.isArray(v) || v.length !== b.rows || v.some((r) => !Array.isArray(r) || r.length !== b.columns)) {
    throw new OfficeError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}).`);
  }
  for (const r of v as unknown[][]) {
    for (const x of r) {
      if (x !== null && !["string", "number", "boolean"].includes(typeof x)) throw new OfficeError("InvalidArgument", `A ${what} is ${x === undefined ? "undefined" : typeof x}.`);
      if (typeof x === "number" && !Number.isFinite(x)) throw new OfficeError("InvalidArgument", `A ${what} is not a finite number.`);
    }
  }
  return v as Values;
}

class FakeRange extends ClientObject<Box> {
  readonly format: { autofitColumns(): void; columnWidth: number };
  constructor(context: FakeContext, resolver: () => Ref<Box>) {
    super(context, resolver);
    const self = this;
    this.format = {
      autofitColumns: () => this.command(() => undefined),
      set columnWidth(w: number) {
        self.command((b) => {
          for (let c = b.column; c < b.column + b.columns; c++) b.sheet.columnWidths.set(c, w);
        }, w);
      },
      get columnWidth(): number {
        throw new OfficeError("PropertyNotLoaded", "The fake does not load format.columnWidth.");
      },
    };
  }
  protected readers() {
    const m = () => this.context.model;
    const grid = (b: Box, f: (r: number, c: number) => unknown) => Array.from({ length: b.rows }, (_, i) => Array.from({ length: b.columns }, (_, j) => f(b.row + i, b.column + j)));
    return {
      address: (b: Box) => boxAddress(b),
      rowIndex: (b: Box) => b.row,
      columnIndex: (b: Box) => b.column,
      rowCount: (b: Box) => b.rows,
      columnCount: (b: Box) => b.columns,
      values: (b: Box) => grid(b, (r, c) => m().cell(b.sheet, r, c).value),
      formulas: (b: Box) => grid(b, (r, c) => m().cell(b.sheet, r, c).formula ?? m().cell(b.sheet, r, c).value),
      formulasR1C1: (b: Box) => grid(b, (r, c) => {
        const f = m().cell(b.sheet, r, c).formula;
        return f === null ? m().cell(b.sheet, r, c).value : toR1C1(f, r, c);
      }),
      numberFormat: (b: Box) => grid(b, (r, c) => m().cell(b.sheet, r, c).format),
    };
  }
  get address(): string {
    return this.get("address");
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }
  get values(): CellValue[][] {
    return this.get("values");
  }
  set values(v: Values) {
    this.command((b) => {
      const rows = checkShape(b, v, "value");
      rows.forEach((r, i) => r.forEach((x, j) => x !== null && this.context.model.write(b.sheet, b.row + i, b.column + j, x)));
    }, v, "values");
  }
  get formulas(): CellValue[][] {
    return this.get("formulas");
  }
  set formulas(v: Values) {
    this.command((b) => {
      const rows = checkShape(b, v, "formula");
      rows.forEach((r, i) =>
        r.forEach((x, j) => {
          if (x === null) return;
          if (typeof x === "string" && x.startsWith("=")) this.context.model.put(b.sheet, b.row + i, b.column + j, { value: 0, formula: x });
          else this.context.model.write(b.sheet, b.row + i, b.column + j, x);
        }),
      );
    }, v);
  }
  get formulasR1C1(): CellValue[][] {
    return this.get("formulasR1C1");
  }
  /** Relative references are relative to each cell, so a formula copied to another row keeps pointing at its own row. */
  set formulasR1C1(v: Values) {
    this.command((b) => {
      const rows = checkShape(b, v, "formula");
      rows.forEach((r, i) =>
        r.forEach((x, j) => {
          if (x === null) return;
          const row = b.row + i;
          const column = b.column + j;
          if (typeof x === "string" && x.startsWith("=")) this.context.model.put(b.sheet, row, column, { value: 0, formula: fromR1C1(x, row, column) });
          else this.context.model.write(b.sheet, row, column, x);
        }),
      );
    }, v, "formulasR1C1");
  }
  get numberFormat(): string[][] {
    return this.get("numberFormat");
  }
  set numberFormat(v: Values) {
    this.command((b) => {
      const rows = checkShape(b, v, "number format");
      rows.forEach((r, i) => r.forEach((x, j) => x !== null && this.context.model.put(b.sheet, b.row + i, b.column + j, { format: String(x) })));
    }, v, "numberFormat");
  }
  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.live().sheet);
  }
  getCell(row: number, column: number): FakeRange {
    return new FakeRange(this.context, () => {
      const b = this.live();
      return { sheet: b.sheet, row: b.row + row, column: b.column + column, rows: 1, columns: 1 };
    });
  }
  getRow(row: number): FakeRange {
    return new FakeRange(this.context, () => {
      const b = this.live();
      if (row >= b.rows) throw new OfficeError("InvalidArgument", "The row is outside the range.");
      return { ...b, row: b.row + row, rows: 1 };
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.context, () => this.context.model.usedBox(this.live(), valuesOnly) ?? NULL);
  }
  insert(shift: "Down" | "Right"): FakeRange {
    if (shift !== "Down") throw new Error(`the fake models insert("Down") only, not "${shift}"`);
    this.command((b) => this.context.model.shiftDown(b), null, "insert");
    return new FakeRange(this.context, () => this.live());
  }
  delete(shift: "Up" | "Left"): void {
    if (shift !== "Up") throw new Error(`the fake models delete("Up") only, not "${shift}"`);
    this.command((b) => this.context.model.shiftUp(b), null, "delete");
  }
  /** For commands that take a range argument. */
  box(): Box {
    return this.live();
  }
}

class FakeTableCollection extends ClientObject<TableData[]> {
  private list: FakeTable[] = [];
  constructor(
    context: FakeContext,
    private readonly sheet: (() => SheetData) | null,
  ) {
    super(context, () => context.model.tables);
  }
  protected readers() {
    return {};
  }
  private scope(): TableData[] {
    const s = this.sheet?.();
    return this.context.model.tables.filter((t) => !s || t.sheet === s);
  }
  override load(spec?: string | string[]): this {
    const props = propsOf(spec).map((p) => p.replace(/^items\//, ""));
    this.context.enqueue(() => {
      const tables = this.scope();
      this.context.deliver(() => {
        this.list = tables.map((t) => new FakeTable(this.context, () => t, props));
        this.loaded.set("items", true);
        this.loaded.set("count", tables.length);
      }, tables.map((t) => ({ name: t.name, id: t.id })));
    });
    return this;
  }
  get items(): FakeTable[] {
    this.get("items");
    return this.list;
  }
  get count(): number {
    return this.get("count");
  }
  add(address: string | FakeRange, hasHeaders: boolean): FakeTable {
    let created: TableData | undefined;
    this.context.enqueue(() => {
      const m = this.context.model;
      let b: Box;
      if (typeof address === "string") {
        const [sheetPart, area] = address.includes("!") ? address.split("!") : [null, address];
        const sheet = sheetPart ? m.sheet(sheetPart.replace(/^'|'$/g, "")) : (this.sheet?.() ?? m.active.sheet);
        if (!sheet) throw new OfficeError("ItemNotFound", `No sheet for ${address}.`);
        b = { sheet, ...parseArea(area!) };
      } else b = address.box();
      if (this.sheet && b.sheet !== this.sheet()) throw new OfficeError("InvalidArgument", "The range is on another sheet.");
      created = m.addTable(b, hasHeaders);
    }, typeof address === "string" ? address : "range");
    return new FakeTable(this.context, () => {
      if (!created) throw new OfficeError("InvalidOperation", "The table was not added.");
      return created;
    });
  }
  getItem(name: string): FakeTable {
    return new FakeTable(this.context, () => {
      const t = this.scope().find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!t) throw new OfficeError("ItemNotFound", `The requested resource doesn't exist: table ${name}.`);
      return t;
    });
  }
  getItemOrNullObject(name: string): FakeTable {
    return new FakeTable(this.context, () => this.scope().find((x) => x.name.toLowerCase() === name.toLowerCase()) ?? NULL);
  }
}

class FakeTable extends ClientObject<TableData> {
  constructor(context: FakeContext, resolver: () => Ref<TableData>, preloaded: string[] = []) {
    super(context, resolver);
    if (preloaded.length) {
      const t = resolver() as TableData;
      const readers = this.readers() as Record<string, (t: TableData) => unknown>;
      for (const p of preloaded) {
        const read = readers[p];
        if (!read) throw new OfficeError("InvalidArgument", `The fake does not know the property '${p}'.`);
        this.loaded.set(p, read(t));
      }
    }
  }
  protected readers() {
    return { name: (t: TableData) => t.name, id: (t: TableData) => t.id, style: (t: TableData) => t.style };
  }
  get name(): string {
    return this.get("name");
  }
  set name(v: string) {
    this.command((t) => this.context.model.renameTable(t, v), v);
  }
  get id(): string {
    return this.get("id");
  }
  get style(): string {
    return this.get("style");
  }
  set style(v: string) {
    this.command((t) => (t.style = v), v);
  }
  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.live().sheet);
  }
  getRange(): FakeRange {
    return new FakeRange(this.context, () => tableBox(this.live()));
  }
  getHeaderRowRange(): FakeRange {
    return new FakeRange(this.context, () => ({ ...tableBox(this.live()), rows: 1 }));
  }
  getDataBodyRange(): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this.live();
      return { ...tableBox(t), row: t.top + 1, rows: t.rows - 1 };
    });
  }
  resize(range: FakeRange | string): void {
    this.command((t) => {
      const b = typeof range === "string" ? { sheet: t.sheet, ...parseArea(range.replace(/^.*!/, "")) } : range.box();
      this.context.model.resizeTable(t, b);
    }, typeof range === "string" ? range : "range", "resize");
  }
  delete(): void {
    this.command((t) => this.context.model.deleteTable(t));
  }
}

class FakeSetting extends ClientObject<string> {
  constructor(
    context: FakeContext,
    private readonly settingKey: string,
    preloaded?: { key: string; value: unknown },
  ) {
    super(context, () => (context.model.settings.has(settingKey) ? settingKey : NULL));
    if (preloaded) {
      this.loaded.set("key", preloaded.key);
      this.loaded.set("value", preloaded.value);
    }
  }
  protected readers() {
    return { key: (k: string) => k, value: (k: string) => JSON.parse(this.context.model.settings.get(k)!) };
  }
  get key(): string {
    return this.get("key");
  }
  get value(): unknown {
    return this.get("value");
  }
  set value(v: unknown) {
    this.command((k) => this.context.model.settings.set(k, JSON.stringify(v)), v);
  }
  delete(): void {
    this.command((k) => this.context.model.settings.delete(k));
  }
}

class FakeSettingCollection extends ClientObject<Map<string, string>> {
  private list: FakeSetting[] = [];
  constructor(context: FakeContext) {
    super(context, () => context.model.settings);
  }
  protected readers() {
    return {};
  }
  override load(_spec?: string | string[]): this {
    this.context.enqueue(() => {
      const entries = [...this.context.model.settings].map(([key, json]) => ({ key, value: JSON.parse(json) as unknown }));
      this.context.deliver(() => {
        this.list = entries.map((e) => new FakeSetting(this.context, e.key, e));
        this.loaded.set("items", true);
      }, entries);
    });
    return this;
  }
  get items(): FakeSetting[] {
    this.get("items");
    return this.list;
  }
  add(key: string, value: unknown): FakeSetting {
    if (value === undefined) throw new OfficeError("InvalidArgument", "A setting needs a value.");
    this.context.enqueue(() => {
      if (!key || key.length > 255) throw new OfficeError("InvalidArgument", "A setting's key must have 1 to 255 characters.");
      this.context.model.settings.set(key, JSON.stringify(value));
    }, [key, value], "settings");
    return new FakeSetting(this.context, key);
  }
  getItemOrNullObject(key: string): FakeSetting {
    return new FakeSetting(this.context, key);
  }
}
