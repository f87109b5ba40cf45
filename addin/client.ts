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

/** A listing whose pages kept coming from different generations of the reports (they were being rewritten). */
export class ListingUnstable extends ServiceError {
  constructor(readonly attempts: number) {
    super(`the reports changed while their rows were being read, ${attempts} times in a row; nothing was written — wait until the reports stop changing and try again`, 409);
    this.name = "ListingUnstable";
  }
}

/** How many times a listing starts over when the reports change under it, before it gives up. */
export const LISTING_ATTEMPTS = 4;

/**
 * Every row of a query, page after page, all from one generation of the reports: a page from
 * another generation (the client sees it, or the service answers 409 to a stale \`next\` link)
 * starts the listing over, at most LISTING_ATTEMPTS times; then it fails rather than hand back
 * a mix of two versions or a part taken for the whole.
 */
export async function listAll(getPage: (path: string) => Promise<ObservationsPage>, query: Query, pageSize = PAGE): Promise<Observation[]> {
  for (let attempt = 1; attempt <= LISTING_ATTEMPTS; attempt++) {
    const rows: Observation[] = [];
    let path: string | null = `/api/observations?${querySearchParams(query, { limit: pageSize })}`;
    let first: ObservationsPage | null = null;
    let stale = false;
    while (path && !stale) {
      let page: ObservationsPage;
      try {
        page = await getPage(path);
      } catch (err) {
        if (err instanceof ServiceError && err.status === 409) {
          stale = true;
          break;
        }
        throw err;
      }
      first ??= page;
      stale = page.generation !== first.generation || page.total !== first.total;
      if (!stale) rows.push(...page.items);
      path = page.next;
    }
    if (!stale && first && rows.length !== first.total) stale = true; // pages that overlap or skip rows
    if (!stale) return rows;
  }
  throw new ListingUnstable(LISTING_ATTEMPTS);
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
    observations: (query) => listAll(must, query),
    mentions: (id) => get<MentionsResponse>(`/api/observations/${encodeURIComponent(id)}/mentions`, true),
    text: (doc) => get<ReadingTextResponse>(`/api/documents/${encodeURIComponent(doc)}/text`, true),
  };
}
