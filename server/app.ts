// One origin for everything the add-in needs: its pages and scripts, the manifest, the icons,
// and a JSON API over the tidy tables of the served reports.
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { querySearchParams, type DocumentsResponse, type FacetResponse, type Health, type MentionsResponse, type ObservationsPage, type ReadingTextResponse } from "./api.js";
import { readFileReading } from "../kit/index.js";
import { BODY_LIMIT, guard, MAX_URL_LENGTH } from "./guard.js";
import { parsePageRequest, parseQuery, type Raw } from "./params.js";
import type { ReportStore } from "./store.js";
import { facet, filterObservations, mentionViews } from "./tables.js";

export interface AppOptions {
  store: ReportStore;
  /** The built add-in (dist/addin): pages, scripts, icons and manifest.xml. Nothing outside it is served. */
  assetDir: string;
  version: string;
  https?: { key: string; cert: string } | null;
}

/** The origin written in manifest.xml; the served copy names the origin actually listening. */
export const MANIFEST_ORIGIN = "https://localhost:3000";

const bad = (reply: FastifyReply, error: string) => reply.code(400).send({ error });

export function buildApp(options: AppOptions): FastifyInstance {
  const { store } = options;
  const scheme = options.https ? "https" : "http";
  const common = { bodyLimit: BODY_LIMIT, routerOptions: { maxParamLength: 200 } };
  // Both variants serve the same routes; only the transport differs.
  const app = (options.https ? Fastify({ ...common, https: { key: options.https.key, cert: options.https.cert } }) : Fastify(common)) as unknown as FastifyInstance;
  const port = () => {
    const a = app.server.address();
    return typeof a === "object" && a ? a.port : 0;
  };
  guard(app, { scheme, port });

  app.get("/api/health", async (): Promise<Health> => {
    const t = store.tables;
    return {
      status: "ok",
      version: options.version,
      folders: store.folders,
      files: new Set(t.documents.map((d) => d.doc)).size,
      documents: t.documents.length,
      observations: t.observations.length,
      failures: t.failures.length,
      generation: store.generation,
    };
  });

  app.get("/api/documents", async (): Promise<DocumentsResponse> => ({ documents: store.tables.documents, failures: store.tables.failures }));

  const facets = { regions: "region", indicators: "indicator", periods: "period", kinds: "kind" } as const;
  for (const [route, dim] of Object.entries(facets)) {
    app.get(`/api/${route}`, async (request, reply): Promise<FacetResponse | FastifyReply> => {
      const q = parseQuery(request.query as Raw);
      if (!q.ok) return bad(reply, q.error);
      return { items: facet(store.tables, q.value, dim) };
    });
  }

  app.get("/api/observations", async (request, reply): Promise<ObservationsPage | FastifyReply> => {
    const p = parsePageRequest(request.query as Raw);
    if (!p.ok) return bad(reply, p.error);
    const { query, offset, limit } = p.value;
    const tables = store.tables; // one snapshot for the whole answer
    const rows = filterObservations(tables, query);
    const end = Math.min(rows.length, offset + limit);
    let next: string | null = null;
    if (limit > 0 && end < rows.length) next = `/api/observations?${querySearchParams(query, { offset: end, limit })}`;
    return { total: rows.length, offset, limit, items: limit > 0 ? rows.slice(offset, end) : [], next, generation: store.generation };
  });

  app.get("/api/observations/:id", async (request, reply) => {
    const o = store.tables.byId.get((request.params as { id: string }).id);
    return o ?? reply.code(404).send({ error: "no observation with this id (the report may have changed)" });
  });

  app.get("/api/observations/:id/mentions", async (request, reply): Promise<MentionsResponse | FastifyReply> => {
    const id = (request.params as { id: string }).id;
    const o = store.tables.byId.get(id);
    if (!o) return reply.code(404).send({ error: "no observation with this id (the report may have changed)" });
    return { observation: o, mentions: mentionViews(store.tables, id) };
  });

  app.get("/api/documents/:doc/text", async (request, reply): Promise<ReadingTextResponse | FastifyReply> => {
    const doc = (request.params as { doc: string }).doc;
    const file = store.fileOf(doc);
    if (!file) return reply.code(404).send({ error: "no served document has this name" });
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
