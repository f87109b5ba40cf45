// The region each park or zone sits in, for listing it under that region: the region of the report
// its figures come from (for a page of several articles, the article's, as the service's mentions say).
import type { DocumentRow } from "../../kit/types.js";
import type { Client } from "../client.js";

export async function zoneParents(zones: readonly string[], client: Pick<Client, "observations" | "mentions">, documents: readonly DocumentRow[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (zones.length === 0) return out;
  const rows = await client.observations({ region: [...zones], indicator: [], period: [], kind: [] });
  for (const zone of zones) {
    const first = rows.find((o) => o.region === zone);
    if (!first) continue;
    const parts = documents.filter((d) => d.doc === first.doc);
    let parent = parts.length === 1 ? parts[0]!.region : null;
    if (parts.length > 1) parent = (await client.mentions(first.id))?.mentions[0]?.document_region ?? null;
    if (parent && parent !== zone) out.set(zone, parent);
  }
  return out;
}
