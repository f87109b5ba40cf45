// Small Word files written in a test: a document.xml body (and styles, numbering, notes when a
// test needs them) zipped with fflate, as Word lays the parts out.
import { strToU8, zipSync } from "fflate";

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const NS = `xmlns:w="${W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" mc:Ignorable="wps"`;

export function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A run of text (tabs as <w:tab/>, line breaks as <w:br/>). */
export function r(text: string, rPr = ""): string {
  const parts = text.split(/(\t|\n)/).filter((s) => s.length > 0);
  const inner = parts.map((s) => (s === "\t" ? "<w:tab/>" : s === "\n" ? "<w:br/>" : `<w:t xml:space="preserve">${esc(s)}</w:t>`)).join("");
  return `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ""}${inner}</w:r>`;
}

/** A paragraph of runs (strings are plain runs), with paragraph properties. */
export function p(content: string | string[], pPr = ""): string {
  const runs = Array.isArray(content) ? content.join("") : r(content);
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ""}${runs}</w:p>`;
}

export interface Cell {
  text: string;
  span?: number;
  vMerge?: "restart" | "continue";
}

/** A table of rows of cells. */
export function tbl(rows: (string | Cell)[][]): string {
  const width = Math.max(...rows.map((row) => row.reduce((n, c) => n + (typeof c === "string" ? 1 : c.span ?? 1), 0)));
  const grid = `<w:tblGrid>${"<w:gridCol w:w=\"1200\"/>".repeat(width)}</w:tblGrid>`;
  const tr = rows
    .map((row) => {
      const cells = row.map((c) => {
        const cell = typeof c === "string" ? { text: c } : c;
        const tcPr = `${cell.span ? `<w:gridSpan w:val="${cell.span}"/>` : ""}${cell.vMerge === "restart" ? '<w:vMerge w:val="restart"/>' : cell.vMerge === "continue" ? "<w:vMerge/>" : ""}`;
        return `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ""}${p(cell.text)}</w:tc>`;
      });
      return `<w:tr>${cells.join("")}</w:tr>`;
    })
    .join("");
  return `<w:tbl><w:tblPr/>${grid}${tr}</w:tbl>`;
}

export interface DocxParts {
  styles?: string;
  numbering?: string;
  footnotes?: string;
  /** Replaces word/document.xml as written (for damaged parts). */
  documentXml?: string;
}

/** A .docx file whose body is `body` (block-level XML). */
export function docx(body: string, parts: DocxParts = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    "_rels/.rels": strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    "word/document.xml": strToU8(parts.documentXml ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${NS}><w:body>${body}<w:sectPr/></w:body></w:document>`),
  };
  if (parts.styles) files["word/styles.xml"] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="${W}">${parts.styles}</w:styles>`);
  if (parts.numbering) files["word/numbering.xml"] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="${W}">${parts.numbering}</w:numbering>`);
  if (parts.footnotes) files["word/footnotes.xml"] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="${W}">${parts.footnotes}</w:footnotes>`);
  return zipSync(files);
}

/**
 * The start of an OLE2 compound file (Office 97-2003, or a password-protected .docx/.xlsx):
 * its header, and a directory sector whose entries carry these names (UTF-16LE) as streams.
 */
export function ole2(names: string[]): Uint8Array {
  const sector = 512;
  const bytes = new Uint8Array(sector * 3);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const view = new DataView(bytes.buffer);
  view.setUint16(0x1a, 0x3e, true); // minor version
  view.setUint16(0x1c, 3, true); // major version 3: 512-byte sectors
  view.setUint16(0x1e, 9, true);
  view.setUint32(0x30, 1, true); // first directory sector
  const entries = ["Root Entry", ...names];
  entries.forEach((name, i) => {
    const at = sector * 2 + i * 128;
    for (let k = 0; k < name.length; k++) view.setUint16(at + k * 2, name.charCodeAt(k), true);
    view.setUint16(at + 0x40, (name.length + 1) * 2, true);
    bytes[at + 0x42] = i === 0 ? 5 : 2; // root storage, then streams
  });
  return bytes;
}
