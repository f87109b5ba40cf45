// A report's text as the web page a government site would publish: its paragraphs (as the kit's
// block reader finds them, lines broken by the layout joined) as <p>, first lines indented as
// Chinese documents set them (首行缩进), and its tab-separated tables as <table>. Pure: the tests
// and the benches use it without starting any program.
import { toBlocks } from "../../kit/text/blocks.js";

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The lines of raw[start, end) joined into one, each trimmed: a paragraph as a page holds it. */
function joined(text: string, start: number, end: number): string {
  return text
    .slice(start, end)
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^#+\s*/, ""))
    .join("");
}

// LibreOffice ignores em in text-indent; two characters of 10.5pt type are about 0.85 cm.
const INDENT = ' style="text-indent:0.85cm"';

export function reportHtml(text: string, title = "报告"): string {
  const out: string[] = [];
  for (const b of toBlocks(text)) {
    if (b.type === "table") {
      const rows = b.rows.map((r) => `<tr>${r.cells.map((c) => `<td>${escapeHtml(text.slice(c.start, c.end).trim())}</td>`).join("")}</tr>`);
      out.push(`<table border="1">${rows.join("\n")}</table>`);
    } else if (b.type === "heading") out.push(`<p>${escapeHtml(joined(text, b.start, b.end))}</p>`);
    else if (b.type === "paragraph") out.push(`<p${INDENT}>${escapeHtml(joined(text, b.start, b.end))}</p>`);
  }
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n${out.join("\n")}\n</body></html>\n`;
}
