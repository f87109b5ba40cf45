// What the service refuses. It runs on the user's machine next to their browser, so any web page
// could try to reach it: only its own origin may read it, only under the names of this machine
// (which also defeats DNS rebinding), only reading methods, and only small requests.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export const MAX_URL_LENGTH = 8192;
export const BODY_LIMIT = 1024;
const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];
const METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The origins the service answers to, e.g. https://localhost:3000 and https://127.0.0.1:3000. */
export function ownOrigins(scheme: "http" | "https", port: number): Set<string> {
  return new Set(LOOPBACK_NAMES.map((h) => `${scheme}://${h}:${port}`));
}

export function ownHosts(port: number): Set<string> {
  return new Set(LOOPBACK_NAMES.map((h) => `${h}:${port}`));
}

interface GuardOptions {
  scheme: "http" | "https";
  /** The listening port; known only once the server listens (it may be chosen by the system). */
  port: () => number;
}

function refuse(reply: FastifyReply, status: number, error: string): FastifyReply {
  return reply.code(status).header("content-type", "application/json; charset=utf-8").send(JSON.stringify({ error }));
}

export function guard(app: FastifyInstance, options: GuardOptions): void {
  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
    if (request.url.length > MAX_URL_LENGTH) return refuse(reply, 414, `the address is longer than ${MAX_URL_LENGTH} characters`);
    const port = options.port();
    const host = (request.headers.host ?? "").toLowerCase();
    if (!ownHosts(port).has(host)) return refuse(reply, 403, `host "${host}" is not served; use localhost:${port}`);
    const origin = request.headers.origin;
    if (origin !== undefined) {
      if (!ownOrigins(options.scheme, port).has(origin)) return refuse(reply, 403, "requests from other origins are not allowed");
      reply.header("access-control-allow-origin", origin).header("vary", "Origin");
    }
    if (!METHODS.has(request.method)) return refuse(reply.header("allow", "GET, HEAD, OPTIONS"), 405, `${request.method} is not allowed; the service is read-only`);
    // The API is read-only: a request carrying a body (or saying it does) is refused before the
    // body is read, and the connection closed so the unread body is never taken for a request.
    const length = request.headers["content-length"];
    if (request.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0")) {
      return refuse(reply.header("connection", "close"), 413, "request bodies are refused; the service is read-only");
    }
    if (request.headers["content-type"] !== undefined) return refuse(reply.header("connection", "close"), 415, "request bodies are refused; the service is read-only");
    if (request.method === "OPTIONS") {
      // A preflight from the service's own origin (others were refused above).
      return reply.code(204).header("access-control-allow-methods", "GET, HEAD").header("access-control-max-age", "600").send();
    }
    return undefined;
  });
}
