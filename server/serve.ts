// Starts the local service: extract the folders, watch them, listen on this machine only.
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.js";
import { ReportStore, type ScanSummary } from "./store.js";
import { loadCertificate, type Certificate, type CertificateOptions } from "./tls.js";
import { watchFolders, type Watcher } from "./watch.js";

export interface ServeOptions {
  folders: string[];
  assetDir: string;
  version: string;
  port: number;
  /** Plain HTTP (tests and scripts); Office itself needs HTTPS. */
  http?: boolean;
  certificates?: CertificateOptions;
  watch?: boolean;
  /** Called after each rescan the watcher caused. */
  onRescan?: (summary: ScanSummary) => void;
  onWatchError?: (err: unknown) => void;
}

export interface Service {
  origin: string;
  app: FastifyInstance;
  store: ReportStore;
  certificate: Certificate | null;
  initial: ScanSummary;
  close(): Promise<void>;
}

/** Loopback only: "localhost" makes Fastify listen on every loopback address it resolves to, and nothing else. */
export const LISTEN_HOST = "localhost";

export async function startService(options: ServeOptions): Promise<Service> {
  const store = new ReportStore(options.folders);
  const initial = await store.scan();
  const certificate = options.http ? null : await loadCertificate(options.certificates);
  const app = buildApp({ store, assetDir: options.assetDir, version: options.version, https: certificate });
  let watcher: Watcher | null = null;
  if (options.watch !== false) {
    watcher = watchFolders(
      options.folders,
      (paths) => {
        store.scan(paths).then(options.onRescan, options.onWatchError);
      },
      options.onWatchError,
    );
    await watcher.ready;
  }
  try {
    await app.listen({ host: LISTEN_HOST, port: options.port });
  } catch (err) {
    await watcher?.close();
    throw err;
  }
  const a = app.server.address();
  const port = typeof a === "object" && a ? a.port : options.port;
  return {
    origin: `${certificate ? "https" : "http"}://localhost:${port}`,
    app,
    store,
    certificate,
    initial,
    async close() {
      await watcher?.close();
      await app.close();
    },
  };
}
