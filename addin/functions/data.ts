// The data behind the worksheet functions: the service's regions and indicators, and the rows of
// one region and indicator, each fetched once and kept until the reports change. A workbook full
// of =ZHIBIAO.VALUE cells asks the service once per region × indicator, not once per cell.
import type { Observation } from "../../kit/types.js";
import type { Client } from "../client.js";
import type { Catalog } from "./resolve.js";

export interface FunctionData {
  catalog(): Promise<Catalog>;
  rows(region: string, indicator: string): Promise<Observation[]>;
  /** The reports' generation the kept data came from (null before anything was fetched). */
  generation(): number | null;
  /** Whether a cell has asked for anything since the data was last cleared. */
  used(): boolean;
  /** Forgets everything kept: the next evaluation asks the service again. */
  clear(): void;
}

export function createFunctionData(client: Pick<Client, "facet" | "observations" | "health">): FunctionData {
  let kept = new Map<string, Promise<unknown>>();
  let generation: number | null = null;
  let used = false;
  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    used = true;
    let p = kept.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load();
      kept.set(key, p);
      // A failed fetch (service down) is not kept: the next recalculation tries again.
      p.catch(() => kept.get(key) === p && kept.delete(key));
    }
    return p;
  };
  const none = { region: [], indicator: [], period: [], kind: [] };
  return {
    catalog: () =>
      once("catalog", async () => {
        const [health, regions, indicators] = await Promise.all([client.health(), client.facet("region", none), client.facet("indicator", none)]);
        generation = health.generation;
        return { regions: regions.map((r) => r.value), indicators };
      }),
    rows: (region, indicator) => once(`rows\u0001${region}\u0001${indicator}`, () => client.observations({ ...none, region: [region], indicator: [indicator] })),
    generation: () => generation,
    used: () => used,
    clear() {
      kept = new Map();
      generation = null;
      used = false;
    },
  };
}
