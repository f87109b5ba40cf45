// The worksheet functions as Excel sees them. The JSDoc tags below are the source of their
// metadata: scripts/build-functions.mjs runs custom-functions-metadata over this file into
// dist/addin/functions.json, which manifest.xml names (namespace ZHIBIAO). The bodies only call
// the implementation bound at start-up (impl.ts) and turn its messages into Excel errors; the
// boundary with Office is `registerFunctions`, handed the CustomFunctions object (or a fake).
import type { Functions } from "./impl.js";
import type { Result } from "./resolve.js";

/** The part of Office's CustomFunctions global this file uses. */
export interface CustomFunctionsHost {
  associate(id: string, fn: (...args: never[]) => unknown): void;
  Error: new (code: never, message?: string) => Error;
  ErrorCode: { notAvailable: unknown };
}

let impl: Functions | null = null;
let host: CustomFunctionsHost | null = null;

function unwrap<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  // #N/A with the message: Excel shows it when the user hovers the cell's error.
  throw new host!.Error(host!.ErrorCode.notAvailable as never, r.message);
}

/**
 * 某地区某指标某期间的数值（或增速、目标表述、排名、单位…）。A region's indicator for a period.
 * @customfunction VALUE
 * @param region 地区，如 "雷州市" / region
 * @param indicator 指标名称、别名或代码，如 "GDP"、"社零"、"gdp" / indicator name, alias or id
 * @param period 期间，如 2023 或 "2024H1" / period
 * @param [kind] 类型：实际、预计、目标（默认：实际，没有时用预计） / actual, estimate or target
 * @param [field] 字段：value（默认）、growth、target、rank、unit、qualifier / field
 * @returns 数值或文字 / a number or text
 */
export async function value(region: string, indicator: string, period: any, kind?: string, field?: string): Promise<any> {
  return unwrap(await impl!.value(region, indicator, period, kind, field));
}

/**
 * 某地区某指标逐年的数值：年份一列，数值在旁。A region's indicator year by year (years down, values beside).
 * @customfunction SERIES
 * @param region 地区 / region
 * @param indicator 指标名称、别名或代码 / indicator name, alias or id
 * @param [from] 起始年份 / first year
 * @param [to] 截止年份 / last year
 * @param [kind] 类型：实际、预计、目标 / actual, estimate or target
 * @returns 年份和数值 / years and values
 */
export async function series(region: string, indicator: string, from?: any, to?: any, kind?: string): Promise<any[][]> {
  return unwrap(await impl!.series(region, indicator, from, to, kind));
}

/**
 * 数字的出处：报告中陈述它的原文。The sentence of the report that states the number.
 * @customfunction SOURCE
 * @param region 地区 / region
 * @param indicator 指标名称、别名或代码 / indicator name, alias or id
 * @param period 期间 / period
 * @param [kind] 类型：实际、预计、目标 / actual, estimate or target
 * @returns 原文 / the quote
 */
export async function source(region: string, indicator: string, period: any, kind?: string): Promise<string> {
  return unwrap(await impl!.source(region, indicator, period, kind));
}

/** The ids of functions.json, each associated with its function. */
export const FUNCTION_IDS = { VALUE: value, SERIES: series, SOURCE: source } as const;

/** Binds the implementation and associates every function with Office; returns the ids associated. */
export function registerFunctions(cf: CustomFunctionsHost, functions: Functions): string[] {
  impl = functions;
  host = cf;
  for (const [id, fn] of Object.entries(FUNCTION_IDS)) cf.associate(id, fn as (...args: never[]) => unknown);
  return Object.keys(FUNCTION_IDS);
}
