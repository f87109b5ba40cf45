// The add-in's side of the service's API (server/api.ts). Same origin as the page, so paths are relative.
import type { Observation } from "../kit/types.js";
import {
  querySearchParams,
  type Dimension,
  type DocumentsResponse,
  type FacetItem,
  type FacetResponse,
  type Health,
  type MentionsResponse,
  type ObservationsPage,
  type Query,
  type ReadingTextResponse,
} from "../server/api.js";

/** The service could not be reached, or refused the request. `status` is null when it did not answer at all. */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

const FACET_ROUTES: Record<Dimension, string> = { region: "regions", indicator: "indicators", period: "periods", kind: "kinds" };
const PAGE = 5000;

export interface Client {
  health(): Promise<Health>;
  documents(): Promise<DocumentsResponse>;
  facet(dim: Dimension, query: Query): Promise<FacetItem[]>;
  count(query: Query): Promise<number>;
  /** Every matching observation, page after page. */
  observations(query: Query): Promise<Observation[]>;
  mentions(id: string): Promise<MentionsResponse | null>;
  /** A served document's reading text (what mentions' offsets index); null when it is gone. */
  text(doc: string): Promise<ReadingTextResponse | null>;
}

export function createClient(base = "", fetchImpl: typeof fetch = (...a) => fetch(...a)): Client {
  async function get<T>(path: string, allow404 = false): Promise<T | null> {
    let res: Response;
    try {
      res = await fetchImpl(base + path, { headers: { accept: "application/json" }, cache: "no-store" });
    } catch (err) {
      throw new ServiceError(`no answer from the Zhibiao service (${(err as Error).message})`, null);
    }
    if (allow404 && res.status === 404) return null;
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: string } | null;
      throw new ServiceError(body?.error ?? `the service answered ${res.status}`, res.status);
    }
    return (await res.json()) as T;
  }
  const must = async <T>(path: string) => (await get<T>(path))!;
  return {
    health: () => must<Health>("/api/health"),
    documents: () => must<DocumentsResponse>("/api/documents"),
    facet: async (dim, query) => (await must<FacetResponse>(`/api/${FACET_ROUTES[dim]}?${querySearchParams({ ...query, [dim]: [] })}`)).items,
    count: async (query) => (await must<ObservationsPage>(`/api/observations?${querySearchParams(query, { limit: 0 })}`)).total,
    async observations(query) {
      // A report may change between two pages; then the listing starts over, so it is never a mix.
      for (let attempt = 0; ; attempt++) {
        const rows: Observation[] = [];
        let path: string | null = `/api/observations?${querySearchParams(query, { limit: PAGE })}`;
        let generation: number | null = null;
        let mixed = false;
        while (path && !mixed) {
          const page: ObservationsPage = await must<ObservationsPage>(path);
          mixed = generation !== null && page.generation !== generation;
          generation = page.generation;
          rows.push(...page.items);
          path = page.next;
        }
        if (!mixed || attempt >= 3) return rows;
      }
    },
    mentions: (id) => get<MentionsResponse>(`/api/observations/${encodeURIComponent(id)}/mentions`, true),
    text: (doc) => get<ReadingTextResponse>(`/api/documents/${encodeURIComponent(doc)}/text`, true),
  };
}
