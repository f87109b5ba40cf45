// One origin for everything the add-in needs: its pages and scripts, the manifest, the icons,
// and a JSON API over the tidy tables of the served reports.
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  GENERATION_PARAM,
  querySearchParams,
  type DocumentsResponse,
  type FacetResponse,
  type Health,
  type MentionsResponse,
  type ObservationsPage,
  type ReadingTextResponse,
  type SeriesResponse,
  type StaleGeneration,
} from "./api.js";
import { counts, documents, failures, fileOfDocument, generation, mentionsOf, observationById, observationPage, observations } from "../store/index.js";
import { seriesAndPairs } from "../kit/analysis/series.js";
import { readFileReading } from "../kit/index.js";
import { BODY_LIMIT, guard, MAX_URL_LENGTH } from "./guard.js";
import { parsePageRequest, parseQuery, type Raw } from "./params.js";
import type { ReportStore } from "./store.js";
import { facetItems } from "./tables.js";

export interface AppOptions {
  store: ReportStore;
  /** The built add-in (dist/addin): pages, scripts, icons and manifest.xml. Nothing outside it is served. */
  assetDir: string;
  version: string;
  https?: { key: string; cert: string } | null;
  /** How long a client may take to send its headers, and its whole request (ms); then the connection is closed. */
  headersTimeout?: number;
  requestTimeout?: number;
}

/** The origin written in manifest.xml; the served copy names the origin actually listening. */
export const MANIFEST_ORIGIN = "https://localhost:3000";

/**
 * A request is a line and a few headers: a client that takes longer is gone or hostile (slowloris),
 * and its connection is closed rather than held. Node checks every CHECK_MS.
 */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;

const bad = (reply: FastifyReply, error: string) => reply.code(400).send({ error });
const NOT_FOUND = "no observation with this id (the report may have changed)";

export function buildApp(options: AppOptions): FastifyInstance {
  const { store } = options;
  const { db } = store;
  const scheme = options.https ? "https" : "http";
  const headersTimeout = options.headersTimeout ?? HEADERS_TIMEOUT_MS;
  const requestTimeout = Math.max(options.requestTimeout ?? REQUEST_TIMEOUT_MS, headersTimeout);
  // Node closes connections whose headers or request take too long, checked this often.
  const timeouts = { headersTimeout, requestTimeout, connectionsCheckingInterval: Math.min(1000, headersTimeout) };
  const common = { bodyLimit: BODY_LIMIT, requestTimeout, routerOptions: { maxParamLength: 200 } };
  // Both variants serve the same routes; only the transport differs.
  const app = (
    options.https ? Fastify({ ...common, https: { key: options.https.key, cert: options.https.cert, ...timeouts } }) : Fastify({ ...common, http: timeouts })
  ) as unknown as FastifyInstance;
  const port = () => {
    const a = app.server.address();
    return typeof a === "object" && a ? a.port : 0;
  };
  guard(app, { scheme, port });

  app.get("/api/health", async (): Promise<Health> => {
    const c = await counts(db);
    return {
      status: "ok",
      version: options.version,
      folders: store.folders,
      files: c.files,
      documents: c.documents,
      observations: c.observations,
      failures: c.failures + store.listingFailures.length,
      generation: c.generation,
    };
  });

  app.get("/api/documents", async (): Promise<DocumentsResponse> => {
    const [docs, failed] = await Promise.all([documents(db), failures(db)]);
    return { documents: docs, failures: [...store.listingFailures, ...failed] };
  });

  const facets = { regions: "region", indicators: "indicator", periods: "period", kinds: "kind" } as const;
  for (const [route, dim] of Object.entries(facets)) {
    app.get(`/api/${route}`, async (request, reply): Promise<FacetResponse | FastifyReply> => {
      const q = parseQuery(request.query as Raw);
      if (!q.ok) return bad(reply, q.error);
      return { items: facetItems(dim, await store.facet(q.value, dim)) };
    });
  }

  app.get("/api/observations", async (request, reply): Promise<ObservationsPage | FastifyReply> => {
    const p = parsePageRequest(request.query as Raw);
    if (!p.ok) return bad(reply, p.error);
    const { query, offset, limit } = p.value;
    // One statement: the rows, the total and the generation are one snapshot.
    const page = await observationPage(db, query, offset, limit);
    if (p.value.generation !== null && p.value.generation !== page.generation) {
      const stale: StaleGeneration = {
        error: `the reports changed since generation ${p.value.generation} (now ${page.generation}); start the listing again`,
        asked: p.value.generation,
        generation: page.generation,
      };
      return reply.code(409).send(stale);
    }
    const end = Math.min(page.total, offset + page.items.length);
    let next: string | null = null;
    if (limit > 0 && end < page.total) next = `/api/observations?${querySearchParams(query, { offset: end, limit, [GENERATION_PARAM]: page.generation })}`;
    return { total: page.total, offset, limit, items: page.items, next, generation: page.generation };
  });

  app.get("/api/series", async (request, reply): Promise<SeriesResponse | FastifyReply> => {
    const q = parseQuery(request.query as Raw);
    if (!q.ok) return bad(reply, q.error);
    // A series of everything would be every row of the store at once: one region or indicator bounds it.
    if (q.value.region.length === 0 && q.value.indicator.length === 0) return bad(reply, "name a region or an indicator (or both)");
    const before = await generation(db);
    const [rows, docs] = await Promise.all([observations(db, { ...q.value, kind: [] }), documents(db)]);
    // Two statements: if a change landed between them, answer from the next state rather than a mix.
    if ((await generation(db)) !== before) return reply.code(409).send({ error: "the reports changed while the series was read; ask again" });
    return { ...seriesAndPairs(rows, docs), generation: before };
  });

  app.get("/api/observations/:id", async (request, reply) => {
    const o = await observationById(db, (request.params as { id: string }).id);
    return o ?? reply.code(404).send({ error: NOT_FOUND });
  });

  app.get("/api/observations/:id/mentions", async (request, reply): Promise<MentionsResponse | FastifyReply> => {
    const id = (request.params as { id: string }).id;
    const o = await observationById(db, id);
    if (!o) return reply.code(404).send({ error: NOT_FOUND });
    return { observation: o, mentions: await mentionsOf(db, id) };
  });

  app.get("/api/documents/:doc/text", async (request, reply): Promise<ReadingTextResponse | FastifyReply> => {
    const doc = (request.params as { doc: string }).doc;
    const file = await fileOfDocument(db, doc);
    if (!file) return reply.code(404).send({ error: "no served document has this name" });
    // The reading text is not stored: the file is read as it is now (the kit's reading is the same on every run).
    const reading = await readFileReading(file).catch(() => null);
    if (!reading) return reply.code(404).send({ error: "the document can no longer be read" });
    return { doc, format: reading.format, text: reading.text, pageStarts: reading.pageStarts };
  });

  app.get("/manifest.xml", async (_request, reply) => {
    const xml = await readFile(path.join(options.assetDir, "manifest.xml"), "utf8");
    const origin = `${scheme}://localhost:${port()}`;
    return reply.type("application/xml; charset=utf-8").send(xml.replaceAll(MANIFEST_ORIGIN, origin));
  });

  app.get("/", async (_request, reply) => reply.redirect("/taskpane.html"));

  app.register(fastifyStatic, {
    root: path.resolve(options.assetDir),
    prefix: "/",
    index: false,
    dotfiles: "deny",
    // The files change only with a new build; the add-in is small, so no caching games.
    cacheControl: true,
    maxAge: 0,
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: `nothing at ${request.url.slice(0, MAX_URL_LENGTH)}` });
  });
  app.setErrorHandler((err: { statusCode?: number; message: string }, _request, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    reply.code(status).send({ error: status === 500 ? "internal error" : err.message });
    if (status === 500) app.log.error(err);
  });
  return app;
}
