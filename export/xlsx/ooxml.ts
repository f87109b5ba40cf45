// SpreadsheetML fragments that exceljs's streaming writer cannot produce: table parts,
// in-workbook hyperlinks (a `location`, no relationship) and cell notes with their VML
// shapes. Pure string builders; stream-sheet.ts puts them into the package.
import { xmlSafeText } from "../cell.js";
import { displayWidth } from "./format.js";
import type { Link, Note } from "./provenance.js";

export const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
};
export const REL_TYPE = {
  table: `${NS.rel}/table`,
  comments: `${NS.rel}/comments`,
  vmlDrawing: `${NS.rel}/vmlDrawing`,
};
export const CONTENT_TYPE = {
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  vml: "application/vnd.openxmlformats-officedocument.vmlDrawing",
};
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function xmlEscape(text: string): string {
  return xmlSafeText(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function cellRef(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

/** A sheet name as a formula or link reference: always quoted, quotes doubled. */
export function sheetRef(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

export interface TablePart {
  id: number;
  name: string;
  /** The header row's texts, which must equal the header cells. */
  columns: readonly string[];
  /** Header row plus data rows; at least one data row (Excel wants one, even if empty). */
  firstRow: number;
  lastRow: number;
  style: string;
}

export function tableRange(t: Pick<TablePart, "columns" | "firstRow" | "lastRow">): string {
  return `A${t.firstRow}:${columnLetter(t.columns.length)}${Math.max(t.lastRow, t.firstRow + 1)}`;
}

export function tableXml(t: TablePart): string {
  const ref = tableRange(t);
  const cols = t.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${xmlEscape(c)}"/>`).join("");
  return (
    XML_DECL +
    `<table xmlns="${NS.main}" id="${t.id}" name="${xmlEscape(t.name)}" displayName="${xmlEscape(t.name)}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/>` +
    `<tableColumns count="${t.columns.length}">${cols}</tableColumns>` +
    `<tableStyleInfo name="${xmlEscape(t.style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>` +
    `</table>`
  );
}

export function tablePartsXml(relIds: readonly string[]): string {
  if (relIds.length === 0) return "";
  return `<tableParts count="${relIds.length}">${relIds.map((id) => `<tablePart r:id="${id}"/>`).join("")}</tableParts>`;
}

/** An in-workbook link: `location` only, no relationship part, as Excel itself writes them. */
export function hyperlinkXml(l: Link): string {
  const location = `${sheetRef(l.sheet)}!${cellRef(l.targetRow, l.targetCol)}`;
  return `<hyperlink ref="${cellRef(l.row, l.col)}" location="${xmlEscape(location)}" tooltip="${xmlEscape(l.tooltip)}"/>`;
}

export interface NoteStyle {
  font: string;
  charset: number;
  size: number;
  /** Box width in Excel column units (a digit's width; a Chinese character takes two). */
  width: number;
  minRows: number;
}

export function commentsOpen(author: string): string {
  return XML_DECL + `<comments xmlns="${NS.main}"><authors><author>${xmlEscape(author)}</author></authors><commentList>`;
}

export function commentXml(n: Note, style: NoteStyle): string {
  const rPr = `<rPr><sz val="${style.size}"/><rFont val="${xmlEscape(style.font)}"/><family val="2"/><charset val="${style.charset}"/></rPr>`;
  return `<comment ref="${cellRef(n.row, n.col)}" authorId="0"><text><r>${rPr}<t xml:space="preserve">${xmlEscape(n.text)}</t></r></text></comment>`;
}

export const COMMENTS_CLOSE = "</commentList></comments>";

/**
 * VML shape ids come in blocks of 1024 per `idmap` entry; a sheet with more notes lists more
 * blocks ("1,2,3"), as Excel does. `firstBlock` keeps sheets' blocks apart.
 */
export function vmlBlocks(firstBlock: number, notes: number): number[] {
  const count = Math.floor(notes / 1024) + 1;
  return Array.from({ length: count }, (_, i) => firstBlock + i);
}

export function vmlOpen(blocks: readonly number[]): string {
  return (
    XML_DECL +
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${blocks.join(",")}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
    '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
  );
}

/** Rows a note's box needs for its text, lines wrapping at the box's width. */
export function noteRows(text: string, style: NoteStyle): number {
  let rows = 0;
  for (const line of text.split("\n")) rows += Math.max(1, Math.ceil(displayWidth(line) / style.width));
  return Math.max(style.minRows, rows + 1);
}

/** Pixels per column unit at the default font: anchors place the box's edge in pixels. */
const PX_PER_UNIT = 7;

/**
 * Where a box starting right of column `col` (1-based) ends to be `width` units wide: the
 * column (0-based, as anchors count) and the pixel offset inside it.
 */
export function noteRightEdge(col: number, width: number, columnWidths: readonly number[]): [number, number] {
  let left = width;
  for (let c = col; ; c++) {
    const w = columnWidths[c] ?? 9; // past the defined columns, Excel's default width
    if (w >= left) return [c, Math.round(left * PX_PER_UNIT)];
    left -= w;
  }
}

/**
 * The hidden box Excel shows on hover, anchored right of the cell. Anchors count cells, so the
 * sheet's column widths (0-based) decide how many it spans. `shapeId` must be unique in the workbook.
 */
export function vmlShapeXml(n: Note, shapeId: number, style: NoteStyle, columnWidths: readonly number[]): string {
  const r = n.row - 1;
  const c = n.col - 1;
  const rows = noteRows(n.text, style);
  const top = Math.max(0, r - 1);
  const [right, rightOffset] = noteRightEdge(n.col, style.width, columnWidths);
  const anchor = [c + 1, 15, top, 10, right, rightOffset, top + rows, 4].join(", ");
  return (
    `<v:shape id="_x0000_s${shapeId}" type="#_x0000_t202" style="position:absolute;margin-left:60pt;margin-top:2pt;width:${Math.round(style.width * 5.6)}pt;height:${rows * 15}pt;z-index:1;visibility:hidden" fillcolor="infoBackground [80]" strokecolor="none [81]" o:insetmode="auto">` +
    '<v:fill color2="infoBackground [80]"/><v:shadow color="none [81]" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"/></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${anchor}</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${r}</x:Row><x:Column>${c}</x:Column></x:ClientData>` +
    "</v:shape>"
  );
}

export const VML_CLOSE = "</xml>";

/** Adds Override/Default entries to [Content_Types].xml, skipping any already there. */
export function addContentTypes(xml: string, overrides: readonly { part: string; type: string }[], defaults: readonly { ext: string; type: string }[]): string {
  let add = "";
  for (const d of defaults) if (!xml.includes(`Extension="${d.ext}"`)) add += `<Default Extension="${d.ext}" ContentType="${d.type}"/>`;
  for (const o of overrides) if (!xml.includes(`PartName="${o.part}"`)) add += `<Override PartName="${o.part}" ContentType="${o.type}"/>`;
  const at = xml.lastIndexOf("</Types>");
  if (at < 0) throw new Error("[Content_Types].xml has no </Types>");
  return xml.slice(0, at) + add + xml.slice(at);
}
