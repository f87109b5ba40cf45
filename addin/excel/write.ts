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
  rows: (Cell | null)[][];
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
  for (const [start, end] of chunkRanges(req.rows, req.budget, perRowFormats)) {
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
    block.sheet.getRangeByIndexes(block.top + start, block.left, end - start, block.width).values = req.rows.slice(start, end);
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

/** Reads rows [0, count) of a block in chunks that keep each response under the limit. */
export async function readRows(context: Excel.RequestContext, block: Block, count: number, rowsPerChunk: number): Promise<unknown[][]> {
  const out: unknown[][] = [];
  for (let s = 0; s < count; s += rowsPerChunk) {
    const range = block.sheet.getRangeByIndexes(block.top + s, block.left, Math.min(rowsPerChunk, count - s), block.width);
    range.load("values");
    await context.sync();
    out.push(...(range.values as unknown[][]));
  }
  return out;
}
