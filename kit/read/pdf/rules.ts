// A page's drawing operators (pdf.js's operator list) → the thin straight marks it draws: the
// rules of tables. Stroked axis-aligned segments, and filled rectangles thin enough to be a
// line. White marks are left out (they cannot be seen on paper). Pure: the operator codes come
// from pdf.js's OPS table, passed in.
import config from "./layout.json" with { type: "json" };
import type { Rule } from "./tables.js";

/** The operator codes used here (pdf.js's OPS). */
export interface OpCodes {
  save: number;
  restore: number;
  transform: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  constructPath: number;
  setStrokeRGBColor: number;
  setFillRGBColor: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
}

type Matrix = [number, number, number, number, number, number];

// pdf.js's path data: moveTo x y, lineTo x y, curveTo 6 numbers, quadraticCurveTo 4, closePath.
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const QUAD = 3;
const CLOSE = 4;

function multiply(m: Matrix, n: Matrix): Matrix {
  return [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3], m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

function isMatrix(v: unknown): v is Matrix {
  return Array.isArray(v) && v.length === 6 && v.every((x) => typeof x === "number");
}

function isWhite(color: unknown): boolean {
  if (typeof color === "string") return color.toLowerCase() === "#ffffff";
  if (Array.isArray(color) && color.length >= 3) return color.slice(0, 3).every((c) => c === 255);
  return false;
}

function box(x0: number, y0: number, x1: number, y1: number): Rule {
  return { x0: Math.min(x0, x1), y0: Math.min(y0, y1), x1: Math.max(x0, x1), y1: Math.max(y0, y1) };
}

/** The subpaths of pdf.js path data, as points (curves kept as their end points: never a rule). */
function subpaths(data: ArrayLike<number>): { points: [number, number][]; closed: boolean; curved: boolean }[] {
  const out: { points: [number, number][]; closed: boolean; curved: boolean }[] = [];
  let cur: { points: [number, number][]; closed: boolean; curved: boolean } | null = null;
  for (let i = 0; i < data.length; ) {
    const op = data[i]!;
    if (op === MOVE) {
      cur = { points: [[data[i + 1]!, data[i + 2]!]], closed: false, curved: false };
      out.push(cur);
      i += 3;
    } else if (op === LINE) {
      cur?.points.push([data[i + 1]!, data[i + 2]!]);
      i += 3;
    } else if (op === CURVE) {
      if (cur) cur.curved = true;
      cur?.points.push([data[i + 5]!, data[i + 6]!]);
      i += 7;
    } else if (op === QUAD) {
      if (cur) cur.curved = true;
      cur?.points.push([data[i + 3]!, data[i + 4]!]);
      i += 5;
    } else if (op === CLOSE) {
      if (cur) cur.closed = true;
      i += 1;
    } else break; // unknown: stop reading this path
  }
  return out;
}

/**
 * Rules of a page in viewport coordinates (y downwards). `viewport` maps PDF user space to the
 * viewport (pdf.js's viewport.transform).
 */
export function rulesFromOperators(fnArray: ArrayLike<number>, argsArray: ArrayLike<unknown>, ops: OpCodes, viewport: Matrix): Rule[] {
  const rules: Rule[] = [];
  const thick = config.ruleThickness;
  const stack: { ctm: Matrix; stroke: unknown; fill: unknown }[] = [];
  let ctm: Matrix = viewport;
  let stroke: unknown = "#000000";
  let fill: unknown = "#000000";
  const strokes = new Set([ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const fills = new Set([ops.fill, ops.eoFill, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i] as unknown[] | null;
    if (fn === ops.save) stack.push({ ctm, stroke, fill });
    else if (fn === ops.restore) ({ ctm, stroke, fill } = stack.pop() ?? { ctm, stroke, fill });
    else if (fn === ops.transform && isMatrix(args)) ctm = multiply(ctm, args);
    else if (fn === ops.paintFormXObjectBegin) {
      stack.push({ ctm, stroke, fill });
      if (isMatrix(args?.[0])) ctm = multiply(ctm, args[0]);
    } else if (fn === ops.paintFormXObjectEnd) ({ ctm, stroke, fill } = stack.pop() ?? { ctm, stroke, fill });
    else if (fn === ops.setStrokeRGBColor) stroke = args?.[0];
    else if (fn === ops.setFillRGBColor) fill = args?.[0];
    else if (fn === ops.constructPath && args) {
      const paint = args[0] as number;
      const data = (args[1] as unknown[] | undefined)?.[0];
      if (!data || typeof data !== "object" || !("length" in data)) continue;
      const stroked = strokes.has(paint) && !isWhite(stroke);
      const filled = fills.has(paint) && !isWhite(fill);
      if (!stroked && !filled) continue;
      for (const sp of subpaths(data as ArrayLike<number>)) {
        if (sp.curved) continue;
        const pts = sp.points.map(([x, y]) => apply(ctm, x, y));
        if (sp.closed && pts.length > 1) pts.push(pts[0]!);
        const xs = pts.map((p) => p[0]);
        const ys = pts.map((p) => p[1]);
        const w = Math.max(...xs) - Math.min(...xs);
        const h = Math.max(...ys) - Math.min(...ys);
        if (filled && (w <= thick || h <= thick) && pts.length >= 3) {
          // A filled bar: a rule along its long side.
          rules.push(box(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)));
          continue;
        }
        if (!stroked) continue;
        for (let k = 1; k < pts.length; k++) {
          const [ax, ay] = pts[k - 1]!;
          const [bx, by] = pts[k]!;
          if (Math.abs(ay - by) <= 0.5 || Math.abs(ax - bx) <= 0.5) rules.push(box(ax, ay, bx, by));
        }
      }
    }
  }
  return rules;
}
