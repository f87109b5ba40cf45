// Cell styles by column kind, shared between cells: exceljs resolves a style object to its
// index once and remembers it (a WeakMap), so 100k cells sharing a few objects cost a few lookups.
import type ExcelJS from "exceljs";
import { FORMATS, STYLE, type CellKind } from "./spec.js";

export type CellStyle = Partial<ExcelJS.Style>;

export function kindStyle(kind: CellKind): CellStyle {
  switch (kind) {
    case "int":
      return { font: STYLE.font, numFmt: FORMATS.int };
    case "growth":
      return { font: STYLE.font, numFmt: FORMATS.growth };
    case "link":
      return { font: STYLE.linkFont };
    case "bool":
      return { font: STYLE.font, alignment: { horizontal: "center" } };
    default:
      return { font: STYLE.font };
  }
}

export const HEADER_STYLE: CellStyle = { font: STYLE.headerFont };
export const COMPARE_HEADER_STYLE: CellStyle = {
  font: STYLE.headerFont,
  fill: STYLE.compareHeaderFill as ExcelJS.Fill,
  alignment: { horizontal: "center", vertical: "middle" },
};

export class StyleCache {
  private readonly styles = new Map<string, CellStyle>();

  /** The style of a cell of `kind`, with its own number format and the conflict fill if asked. */
  get(kind: CellKind, numFmt: string | undefined, conflict: boolean): CellStyle {
    const key = `${kind}\u0000${numFmt ?? ""}\u0000${conflict ? 1 : 0}`;
    let s = this.styles.get(key);
    if (!s) {
      s = { ...kindStyle(kind) };
      if (numFmt) s.numFmt = numFmt;
      if (conflict) s.fill = STYLE.conflictFill as ExcelJS.Fill;
      this.styles.set(key, s);
    }
    return s;
  }

  get size(): number {
    return this.styles.size;
  }
}
