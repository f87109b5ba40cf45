// DataFrames as HTML tables: danfojs-node prints DataFrames as ASCII only.

/** What is read from a DataFrame: a danfojs DataFrame fits, so does any plain object with these two. */
export interface Frame {
  columns: string[];
  values: unknown[] | unknown[][];
}

export interface TableOptions {
  caption?: string;
  /** Column headings to show instead of the column names. */
  labels?: Record<string, string>;
  /** Most fraction digits shown for numbers (default 2). */
  digits?: number;
  /** A CSS background for a row, e.g. to mark missed targets; null for none. */
  rowColour?: (row: Record<string, unknown>) => string | null;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);
}

/** A cell as text: missing values (null, NaN — danfojs turns some nulls into NaN) are blank; numbers without grouping so figures read as in the report. */
export function cellText(v: unknown, digits: number): string {
  if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return "";
  if (typeof v === "number") return v.toLocaleString("en-US", { maximumFractionDigits: digits, useGrouping: false });
  if (typeof v === "boolean") return v ? "✓" : "";
  return String(v);
}

/** A frame as an HTML <table>; numbers right-aligned, text left-aligned (viewers differ in their defaults). */
export function htmlTable(frame: Frame, options: TableOptions = {}): string {
  const digits = options.digits ?? 2;
  // A one-column frame's values may come as a flat list.
  const rows = (frame.values as unknown[]).map((r) => (Array.isArray(r) ? r : [r]));
  const head = frame.columns.map((c) => `<th>${escapeHtml(options.labels?.[c] ?? c)}</th>`).join("");
  const body = rows
    .map((r) => {
      const record = Object.fromEntries(frame.columns.map((c, i) => [c, r[i]]));
      const colour = options.rowColour?.(record);
      const cells = r.map((v) => `<td style="text-align:${typeof v === "number" ? "right" : "left"}">${escapeHtml(cellText(v, digits))}</td>`).join("");
      return `<tr${colour ? ` style="background:${escapeHtml(colour)}"` : ""}>${cells}</tr>`;
    })
    .join("\n");
  const caption = options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : "";
  return `<table>${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}
