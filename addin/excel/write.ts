/// <reference types="office-js" />
// Writing many rows in request-sized chunks: one sync per chunk, formats per column, values in one
// block per chunk; calculation and screen updating suspended while a large write is under way.
import { chunkRanges, type Cell } from "./layout.js";

/** From this many rows on, a write suspends calculation and screen updating. */
export const LARGE_WRITE_ROWS = 2000;

export interface Block {
  sheet: Excel.Worksheet;
  /** 0-based row and column of the block's first cell on the sheet. */
  top: number;
  left: number;
  width: number;
}

export interface ColumnFormat {
  /** 0-based column within the block. */
  position: number;
  format: string;
}

export interface WriteRequest {
  /** Values; `null` leaves a cell as it is. */
  rows: (Cell | null)[][];
  /** Formulas in R1C1 notation (relative references stay relative wherever the row lands), same shape; null where none. */
  formulas?: (string | null)[][];
  /** Number formats cell by cell (the user's cells that move with their row), same shape; null leaves a cell's. */
  cellFormats?: (string | null)[][];
  /** Number formats per column, set before the values (a text format must precede the text it protects). */
  formats: ColumnFormat[];
  /** Rows before this one keep their formats (existing rows of a refreshed table). */
  formatFrom: number;
  budget?: number;
}

/** Returns the number of syncs made. */
export async function writeRows(context: Excel.RequestContext, block: Block, req: WriteRequest): Promise<number> {
  const large = req.rows.length >= LARGE_WRITE_ROWS;
  const perRowFormats = req.formats.reduce((n, f) => n + f.format.length + 6, 0);
  let syncs = 0;
  const sized = req.formulas || req.cellFormats ? req.rows.map((r, i) => [r, req.formulas?.[i] ?? null, req.cellFormats?.[i] ?? null]) : req.rows;
  const some = (grid: (unknown | null)[][] | undefined, start: number, end: number) => grid !== undefined && grid.slice(start, end).some((r) => r.some((x) => x !== null));
  for (const [start, end] of chunkRanges(sized, req.budget, perRowFormats)) {
    if (large) {
      // Both last until the next sync, so they are asked for again with each chunk: a large write
      // has a few chunks of megabytes, not the tight loop whose flicker the documentation warns of.
      context.application.suspendApiCalculationUntilNextSync();
      context.application.suspendScreenUpdatingUntilNextSync();
    }
    const fStart = Math.max(start, req.formatFrom);
    if (fStart < end) {
      for (const f of req.formats) {
        const range = block.sheet.getRangeByIndexes(block.top + fStart, block.left + f.position, end - fStart, 1);
        range.numberFormat = Array.from({ length: end - fStart }, () => [f.format]);
      }
    }
    const range = () => block.sheet.getRangeByIndexes(block.top + start, block.left, end - start, block.width);
    if (some(req.cellFormats, start, end)) range().numberFormat = req.cellFormats!.slice(start, end) as string[][];
    range().values = req.rows.slice(start, end) as Cell[][];
    if (some(req.formulas, start, end)) range().formulasR1C1 = req.formulas!.slice(start, end) as string[][];
    await context.sync();
    syncs++;
  }
  if (large) {
    // With calculation suspended Excel leaves recalculation to us: formulas that use the table
    // (=SUM(Table[value])) would otherwise show the old totals.
    context.application.calculate("Recalculate");
    await context.sync();
    syncs++;
  }
  return syncs;
}

/** What a block holds, cell by cell: enough to put it back exactly (values, formulas, number formats). */
export interface Snapshot {
  values: Cell[][];
  /** R1C1; a cell's formula, or its constant as text when it holds none. */
  formulas: string[][];
  formats: string[][];
}

/** Whether a snapshot's cell holds a formula (a constant reads back as itself, a formula as "=…" beside its result). */
export const isFormula = (s: Snapshot, r: number, c: number): boolean => {
  const f = s.formulas[r]?.[c];
  return typeof f === "string" && f.startsWith("=") && f !== s.values[r]?.[c];
};

/** Reads rows [0, count) of a block in chunks that keep each response under the limit; one sync per chunk. */
export async function readSnapshot(context: Excel.RequestContext, block: Block, count: number, rowsPerChunk: number): Promise<Snapshot> {
  const out: Snapshot = { values: [], formulas: [], formats: [] };
  for (let s = 0; s < count; s += rowsPerChunk) {
    const range = block.sheet.getRangeByIndexes(block.top + s, block.left, Math.min(rowsPerChunk, count - s), block.width);
    range.load("values,formulasR1C1,numberFormat");
    await context.sync();
    out.values.push(...(range.values as Cell[][]));
    out.formulas.push(...(range.formulasR1C1 as string[][]));
    out.formats.push(...(range.numberFormat as string[][]));
  }
  return out;
}
