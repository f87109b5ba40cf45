// Request parameters → a typed query, or the reason they are wrong. Pure.
import type { Kind } from "../kit/types.js";
import { GENERATION_PARAM, KINDS, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, QUERY_KEYS, type Query } from "./api.js";

/** What a request may ask for at most, so one request cannot make the service work without bound. */
export const MAX_VALUES_PER_KEY = 200;
export const MAX_VALUE_LENGTH = 200;

export type Raw = Record<string, string | string[] | undefined>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function parseQuery(raw: Raw, allowed: readonly string[] = []): Parsed<Query> {
  for (const key of Object.keys(raw)) {
    if (!(QUERY_KEYS as readonly string[]).includes(key) && !allowed.includes(key)) return { ok: false, error: `unknown parameter "${key}"` };
  }
  const q: Query = { region: [], indicator: [], period: [], kind: [] };
  for (const key of QUERY_KEYS) {
    const values = list(raw[key]).map((v) => v.trim()).filter((v) => v !== "");
    if (values.length > MAX_VALUES_PER_KEY) return { ok: false, error: `too many values for "${key}" (at most ${MAX_VALUES_PER_KEY})` };
    const long = values.find((v) => v.length > MAX_VALUE_LENGTH);
    if (long !== undefined) return { ok: false, error: `a value of "${key}" is longer than ${MAX_VALUE_LENGTH} characters` };
    if (key === "kind") {
      const bad = values.find((v) => !(KINDS as readonly string[]).includes(v));
      if (bad !== undefined) return { ok: false, error: `kind must be one of ${KINDS.join(", ")}, not "${bad}"` };
      q.kind = [...new Set(values)] as Kind[];
    } else q[key] = [...new Set(values)];
  }
  return { ok: true, value: q };
}

function integer(raw: string | string[] | undefined, name: string, fallback: number, min: number, max: number): Parsed<number> {
  const v = list(raw);
  if (v.length === 0) return { ok: true, value: fallback };
  if (v.length > 1 || !/^\d+$/.test(v[0]!)) return { ok: false, error: `${name} must be a whole number` };
  const n = Number(v[0]);
  if (n < min || n > max) return { ok: false, error: `${name} must be between ${min} and ${max}` };
  return { ok: true, value: n };
}

export interface PageRequest {
  query: Query;
  offset: number;
  /** 0 asks for the count only. */
  limit: number;
  /** The generation the client pages against, if any (a stale one gets 409). */
  generation: number | null;
}

export function parsePageRequest(raw: Raw): Parsed<PageRequest> {
  const query = parseQuery(raw, ["offset", "limit", GENERATION_PARAM]);
  if (!query.ok) return query;
  const offset = integer(raw.offset, "offset", 0, 0, Number.MAX_SAFE_INTEGER);
  if (!offset.ok) return offset;
  const limit = integer(raw.limit, "limit", PAGE_LIMIT_DEFAULT, 0, PAGE_LIMIT_MAX);
  if (!limit.ok) return limit;
  const generation = raw[GENERATION_PARAM] === undefined ? null : integer(raw[GENERATION_PARAM], GENERATION_PARAM, 0, 0, Number.MAX_SAFE_INTEGER);
  if (generation && !generation.ok) return generation;
  return { ok: true, value: { query: query.value, offset: offset.value, limit: limit.value, generation: generation ? generation.value : null } };
}
