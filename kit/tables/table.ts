// Annex indicator tables: tab-separated rows with one or two header rows (year groups ×
// 绝对值/增长%), a unit column or units in the names, numbering, category rows, "—" for
// missing, cells such as "7.5以上" or "完成市定目标". One draft per row and column group.
import type { TableRow } from "../text/blocks.js";
import { P } from "../patterns.js";
import { partIn, subPeriodIn } from "../periods.js";
import { WORDS, QUALIFIER_SUFFIX, unitInfo } from "../lexicon/lexicon.js";
import { catalogueEntry, resolveIndicator } from "../lexicon/catalogue.js";
import { emptyFigures, type Draft } from "../draft.js";
import type { Kind, Qualifier } from "../types.js";

export interface TableContext {
  doc: string;
  part: number;
  region: string;
  reportYear: number | null;
  planYear: number | null;
  section: string | null;
  /** Part of the year the document covers ("H1"), for columns that name none. */
  subPeriod: string | null;
  /** Whether the table sits under a review of results or under a plan. */
  mode: "result" | "plan";
  nextOrder: () => number;
  raw: string;
}

interface Group {
  period: string;
  /** Part of the year ("H1"), null for the whole year. */
  period_part: string | null;
  kind: Kind;
  value: number | null; // column index
  growth: number | null;
  /** The unit the value column's header states (产量（吨）, 完成额（万元）). */
  unit?: string;
}

/** The unit a header label states in brackets: 完成额(万元) → 万元. */
function labelUnit(label: string): string | undefined {
  const u = P.tableNameUnit.exec(label.replace(P.spaces, ""));
  const unit = u?.[1];
  return unit && unitInfo(unit) ? unit : undefined;
}

export interface ColumnModel {
  columns: number;
  name: number;
  unit: number | null;
  groups: Group[];
  /** What the value column measures when its header says so (产量): 粮食 → 粮食产量. */
  measure?: string;
}

type Cell =
  | { type: "empty" }
  | { type: "number"; value: number; qualifier: Qualifier | null; percent: boolean }
  | { type: "text"; text: string };

const WORD_CELLS = new Set(WORDS.wordTargetCells);

export function parseCell(text: string): Cell {
  const t = text.replace(P.spaces, "");
  if (P.tableDash.test(t)) return { type: "empty" };
  const m = P.tableNumber.exec(t);
  if (m) return { type: "number", value: Number(m[1]!.replace(P.thousandsSep, "")), qualifier: m[3] ? QUALIFIER_SUFFIX[m[3]] ?? null : null, percent: m[2] === "%" };
  return { type: "text", text: t };
}

function isHeaderRow(row: TableRow): boolean {
  const cells = row.cells.map((c) => c.text.trim()).filter((c) => c.length > 0);
  if (cells.length === 0) return false;
  if (cells.some((c) => parseCell(c).type === "number")) return false;
  return cells.some((c) => P.headerValue.test(c) || P.headerGrowth.test(c) || P.headerName.test(c) || P.headerUnit.test(c) || P.headerYear.test(c) || P.headerTarget.test(c) || P.headerActual.test(c));
}

function groupOf(label: string, ctx: TableContext): { period: string; period_part: string | null; kind: Kind } | null {
  const year = P.headerYear.exec(label);
  const y = year ? Number(year[1]) : null;
  let kind: Kind | null = null;
  if (P.headerEstimate.test(label)) kind = "estimate";
  else if (P.headerTarget.test(label)) kind = "target";
  else if (P.headerActual.test(label)) kind = "actual";
  const whole = P.fullYear.test(label);
  const written = whole ? null : subPeriodIn(label);
  if (y === null && kind === null && written === null) return null;
  if (kind === null) kind = ctx.reportYear !== null && y !== null && y > ctx.reportYear ? "target" : "actual";
  const period = y ?? (kind === "target" ? ctx.planYear ?? ctx.reportYear : ctx.reportYear);
  if (period === null) return null;
  // A quarterly report's columns are the year so far unless a column names the whole year.
  const part = kind === "target" || whole ? null : partIn(written, ctx.subPeriod);
  return { period: String(period), period_part: part, kind };
}

export function columnModel(headers: TableRow[], ctx: TableContext): ColumnModel | null {
  const columns = Math.max(...headers.map((r) => r.cells.length));
  const labels = headers.map((r) => Array.from({ length: columns }, (_, c) => (r.cells[c]?.text ?? "").trim()));
  let name = 0;
  let unit: number | null = null;
  for (let c = 0; c < columns; c++) {
    const all = labels.map((row) => row[c]!).join("");
    if (P.headerName.test(all) && c <= 1) name = c;
    if (P.headerUnit.test(all)) unit = c;
  }
  // A group label covers the empty cells to its right (merged cells in the original).
  const groupLabel: string[] = Array(columns).fill("");
  const subLabel: string[] = Array(columns).fill("");
  for (const row of labels) {
    const isGroupRow = row.some((l) => groupOf(l, ctx) !== null);
    let carry = "";
    for (let c = 0; c < columns; c++) {
      if (c === name || c === unit) {
        carry = "";
        continue;
      }
      const l = row[c]!;
      if (isGroupRow) {
        if (l && groupOf(l, ctx)) carry = l;
        if (l && !groupOf(l, ctx)) subLabel[c] = subLabel[c] ? subLabel[c] + l : l;
        groupLabel[c] = groupLabel[c] || carry;
      } else if (l) subLabel[c] = subLabel[c] ? subLabel[c] + l : l;
    }
  }
  const groups: Group[] = [];
  const byLabel = new Map<string, Group>();
  for (let c = 0; c < columns; c++) {
    if (c === name || c === unit) continue;
    let label = groupLabel[c]!;
    const sub = subLabel[c]!;
    const growth = P.headerGrowth.test(sub) || (!sub && P.headerGrowth.test(label) && !P.headerYear.test(label));
    if (!label) {
      // "增长%" after a value column with no group label of its own belongs to that column's group.
      const left = groups[groups.length - 1];
      if (growth && left && left.growth === null) {
        left.growth = c;
        continue;
      }
      continue;
    }
    const g = groupOf(label, ctx);
    if (!g) continue;
    label = `${g.period}|${g.period_part ?? ""}|${g.kind}`;
    let group = byLabel.get(label);
    if (!group) {
      group = { ...g, value: null, growth: null };
      byLabel.set(label, group);
      groups.push(group);
    }
    if (growth) group.growth ??= c;
    else group.value ??= c;
  }
  for (const g of groups) if (g.value !== null) setUnit(g, labels.map((row) => row[g.value!]!).join(""));
  if (groups.length === 0) {
    const only = yearlessGroup(labels, columns, name, unit, ctx);
    if (!only) return null;
    setUnit(only, labels.map((row) => row[only.value!]!).join(""));
    const measure = P.tableMeasure.exec(labels.map((row) => row[only.value!]!).join(""))?.[0];
    return { columns, name, unit, groups: [only], ...(measure ? { measure } : {}) };
  }
  return groups.length > 0 ? { columns, name, unit, groups } : null;
}

function setUnit(g: Group, label: string): void {
  const u = labelUnit(label);
  if (u) g.unit = u;
}

/**
 * A bulletin's table with no year over its columns (产品名称 | 单位 | 产量 | 比上年增长%): one
 * group, the document's year, results under a review and targets under a plan.
 */
function yearlessGroup(labels: string[][], columns: number, name: number, unit: number | null, ctx: TableContext): Group | null {
  let value: number | null = null;
  let growth: number | null = null;
  for (let c = 0; c < columns; c++) {
    if (c === name || c === unit) continue;
    const all = labels.map((row) => row[c]!).join("");
    if (growth === null && P.headerGrowth.test(all)) growth = c;
    else if (value === null && P.headerValue.test(all)) value = c;
  }
  const target = ctx.mode === "plan";
  const year = target ? ctx.planYear ?? ctx.reportYear : ctx.reportYear;
  if (value === null || year === null) return null;
  return { period: String(year), period_part: target ? null : ctx.subPeriod, kind: target ? "target" : "actual", value, growth };
}

function cleanRowName(text: string): { name: string; unit: string | null; child: boolean } {
  let name = text.replace(P.spaces, "");
  const child = P.childrenStart.test(name);
  let unit: string | null = null;
  const u = P.tableNameUnit.exec(name);
  if (u && (unitInfo(u[1]!.replace(P.spaces, "")) || u[1]!.includes("/"))) {
    unit = u[1]!.replace(P.spaces, "");
    name = name.slice(0, u.index);
  }
  name = name.replace(P.tableNamePrefix, "");
  return { name, unit, child };
}

/** What a captioned table measures: 表7 分行业500万元以上固定资产投资 → 固定资产投资 (fai). */
export function captionMeasure(section: string | null): { words: string; id: string | null } | null {
  if (!section || !P.tableCaption.test(section)) return null;
  const text = section.replace(P.tableCaption, "");
  for (let len = Math.min(12, text.length); len >= 3; len--) {
    for (let i = 0; i + len <= text.length; i++) {
      const r = resolveIndicator(text.slice(i, i + len), { unit: null, fromTable: false });
      if (r.id) return { words: text.slice(i, i + len), id: r.id };
    }
  }
  const generic = P.tableCaptionMeasure.exec(text);
  return generic ? { words: generic[0], id: null } : null;
}

/**
 * A row named by a category only (第一产业) in a table of another measure is that category's
 * share of the measure (第一产业固定资产投资), not the catalogue's short name for 第一产业增加值.
 */
function underCaption(name: string, measure: { words: string; id: string | null } | null): string {
  if (!measure) return name;
  const r = resolveIndicator(name, { unit: null, fromTable: true });
  const spec = r.id ? catalogueEntry(r.id) : undefined;
  if (!spec || spec.id === measure.id || (measure.id !== null && spec.partOf === measure.id) || spec.name.includes(measure.words)) return name;
  return name.length < spec.name.length && !name.includes(measure.words) ? name + measure.words : name;
}

export function extractTable(rows: TableRow[], ctx: TableContext, previous: ColumnModel | null): { drafts: Draft[]; model: ColumnModel | null } {
  let h = 0;
  while (h < rows.length && isHeaderRow(rows[h]!)) h++;
  // A table split over pages repeats its header; one that does not continues the last one.
  const model = h > 0 ? columnModel(rows.slice(0, h), ctx) : previous;
  if (!model) return { drafts: [], model: previous };
  const drafts: Draft[] = [];
  const caption = captionMeasure(ctx.section);
  let parent: string | null = null;
  for (const row of rows.slice(h)) {
    if (isHeaderRow(row)) continue;
    const nameCell = row.cells[model.name]?.text ?? "";
    const cleaned = cleanRowName(nameCell);
    const { unit: nameUnit } = cleaned;
    let name = model.measure && !cleaned.name.endsWith(model.measure) ? cleaned.name + model.measure : underCaption(cleaned.name, caption);
    // 其中：住宅 under 商品房施工面积: a part of the row above, named with it unless it names an indicator itself.
    if (cleaned.child && parent && !resolveIndicator(name, { unit: null, fromTable: true }).id) name = `${parent}：${name}`;
    else if (!cleaned.child) parent = name;
    if (!P.hasCjk2.test(name) && !P.asciiName.test(name)) continue;
    let unit = nameUnit;
    if (model.unit !== null) {
      // "亿元、%": the value's unit, then the growth's.
      const u = (row.cells[model.unit]?.text ?? "").replace(P.spaces, "").split(P.unitListSep)[0]!;
      if (u && u !== "—" && u !== "-") unit = u;
    }
    let end = row.end;
    while (end > row.start && P.whitespaceChar.test(ctx.raw[end - 1]!)) end--;
    for (const g of model.groups) {
      const v = g.value !== null ? parseCell(row.cells[g.value]?.text ?? "") : ({ type: "empty" } as Cell);
      const gr = g.growth !== null ? parseCell(row.cells[g.growth]?.text ?? "") : ({ type: "empty" } as Cell);
      if (v.type === "empty" && gr.type === "empty") continue;
      const d: Draft = {
        doc: ctx.doc,
        part: ctx.part,
        region: ctx.region,
        period: g.period,
        period_part: g.period_part,
        kind: g.kind,
        name,
        ...emptyFigures(),
        unit: unit ?? g.unit ?? null,
        start: row.start,
        end,
        section: ctx.section,
        from_table: true,
        order: ctx.nextOrder(),
      };
      if (v.type === "number") {
        d.value = v.value;
        d.value_qualifier = v.qualifier;
        if (v.percent) d.unit = "%";
      } else if (v.type === "text" && isWordTarget(v.text)) d.target_text = v.text;
      if (gr.type === "number") {
        d.growth_pct = gr.value;
        d.growth_qualifier = gr.qualifier;
      } else if (gr.type === "text" && isWordTarget(gr.text)) d.target_text = gr.text;
      if (d.value === null && d.growth_pct === null && d.target_text === null) continue;
      drafts.push(d);
    }
  }
  return { drafts, model };
}

function isWordTarget(text: string): boolean {
  return WORD_CELLS.has(text) || P.wordTargetHint.test(text);
}
