// =ZHIBIAO.VALUE, =ZHIBIAO.SERIES and =ZHIBIAO.SOURCE over the function data: arguments resolved,
// the statement picked, a cell's value or a message for the cell. No Office here.
import { ServiceError } from "../client.js";
import type { FunctionData } from "./data.js";
import { fieldOf, pick, resolveField, resolveIndicatorArg, resolveKind, resolvePeriod, resolveRegion, resolveYear, say, seriesOf, type Arg, type Result } from "./resolve.js";
import type { Kind, Observation } from "../../kit/types.js";

export interface Functions {
  value(region: Arg, indicator: Arg, period: Arg, kind?: Arg, field?: Arg): Promise<Result<number | string>>;
  series(region: Arg, indicator: Arg, from?: Arg, to?: Arg, kind?: Arg): Promise<Result<(number | string)[][]>>;
  source(region: Arg, indicator: Arg, period: Arg, kind?: Arg): Promise<Result<string>>;
}

type Located = { rows: Observation[]; region: string; indicator: string; kind: Kind | null };

export function createFunctions(data: FunctionData): Functions {
  /** Region, indicator and kind resolved and the rows fetched, or the first problem. */
  async function locate(region: Arg, indicator: Arg, kind: Arg): Promise<Result<Located>> {
    const k = resolveKind(kind);
    if (!k.ok) return k;
    let catalog;
    try {
      catalog = await data.catalog();
    } catch (err) {
      return { ok: false, message: say("service", { detail: err instanceof ServiceError ? err.message : String(err) }) };
    }
    const r = resolveRegion(region, catalog);
    if (!r.ok) return r;
    const i = resolveIndicatorArg(indicator, catalog);
    if (!i.ok) return i;
    try {
      return { ok: true, value: { rows: await data.rows(r.value, i.value), region: r.value, indicator: i.value, kind: k.value } };
    } catch (err) {
      return { ok: false, message: say("service", { detail: (err as Error).message }) };
    }
  }

  async function statement(region: Arg, indicator: Arg, period: Arg, kind: Arg): Promise<Result<{ o: Observation; what: string }>> {
    const p = resolvePeriod(period);
    if (!p.ok) return p;
    const at = await locate(region, indicator, kind);
    if (!at.ok) return at;
    const o = pick(at.value.rows, p.value, at.value.kind);
    const what = [at.value.region, at.value.rows[0]?.indicator ?? at.value.indicator, p.value].join(" ");
    return o ? { ok: true, value: { o, what } } : { ok: false, message: say("noData", { what }) };
  }

  return {
    async value(region, indicator, period, kind, field) {
      const f = resolveField(field);
      if (!f.ok) return f;
      const s = await statement(region, indicator, period, kind);
      return s.ok ? fieldOf(s.value.o, f.value, s.value.what) : s;
    },
    async series(region, indicator, from, to, kind) {
      const a = resolveYear(from);
      if (!a.ok) return a;
      const b = resolveYear(to);
      if (!b.ok) return b;
      const at = await locate(region, indicator, kind);
      if (!at.ok) return at;
      const rows = seriesOf(at.value.rows, at.value.kind, a.value, b.value);
      return rows.length ? { ok: true, value: rows } : { ok: false, message: say("noData", { what: `${at.value.region} ${at.value.rows[0]?.indicator ?? at.value.indicator}` }) };
    },
    async source(region, indicator, period, kind) {
      const s = await statement(region, indicator, period, kind);
      return s.ok ? fieldOf(s.value.o, "quote", s.value.what) as Result<string> : s;
    },
  };
}
