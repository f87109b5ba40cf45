// Starts the local service: bring the store up to date with the folders, watch them, listen on
// this machine only. Extraction runs in a worker thread behind one seam (ExtractFile), so the
// service keeps answering while a large report is read.
import type { FastifyInstance } from "fastify";
import { defaultStorePath, openStore, workerExtract, type ExtractFile, type StoreDb } from "../store/index.js";
import { buildApp } from "./app.js";
import { ReportStore, type ScanSummary } from "./store.js";
import { loadCertificate, type Certificate, type CertificateOptions } from "./tls.js";
import { watchFolders, type Watcher } from "./watch.js";

export interface ServeOptions {
  folders: string[];
  /** The store file (DuckDB); default the folders' own, under ~/.zhibiao/stores. */
  storeFile?: string;
  assetDir: string;
  version: string;
  port: number;
  /** Plain HTTP (tests and scripts); Office itself needs HTTPS. */
  http?: boolean;
  certificates?: CertificateOptions;
  watch?: boolean;
  /** How files are extracted; default a worker thread. */
  extractFile?: ExtractFile;
  /** Drives the watcher's looks at changing files (tests); default a timer. */
  watchTick?: () => Promise<void>;
  headersTimeout?: number;
  requestTimeout?: number;
  /** Called when the first check of the files ends, when it runs after the service started answering. */
  onInitialScan?: (summary: ScanSummary) => void;
  /** Called after each rescan the watcher caused. */
  onRescan?: (summary: ScanSummary) => void;
  onWatchError?: (err: unknown) => void;
}

export interface Service {
  origin: string;
  app: FastifyInstance;
  store: ReportStore;
  certificate: Certificate | null;
  /** The first check of the files; null when it still runs (the store already held these folders). */
  initial: ScanSummary | null;
  close(): Promise<void>;
}

/** Loopback only: "localhost" makes Fastify listen on every loopback address it resolves to, and nothing else. */
export const LISTEN_HOST = "localhost";

export async function startService(options: ServeOptions): Promise<Service> {
  const db: StoreDb = await openStore(options.storeFile ?? defaultStorePath(options.folders));
  const worker = options.extractFile ? null : workerExtract();
  const extractFile = options.extractFile ?? worker!.extract;
  const store = new ReportStore(options.folders, db, extractFile);
  let watcher: Watcher | null = null;
  const shut = async () => {
    await watcher?.close();
    // A scan under way finishes its file (one transaction) before the store closes.
    await store.stop();
    await worker?.close();
    db.close();
  };
  try {
    // With rows of these folders in the store, the service answers from them at once and checks
    // the files meanwhile (each change is served as it is written); a new store is filled first.
    const known = await store.prepare();
    const scanning = store.scan();
    scanning.catch(() => undefined);
    const certificate = options.http ? null : await loadCertificate(options.certificates);
    const app = buildApp({ store, assetDir: options.assetDir, version: options.version, https: certificate, headersTimeout: options.headersTimeout, requestTimeout: options.requestTimeout });
    await app.ready();
    const initial = known > 0 ? null : await scanning;
    if (initial === null) scanning.then(options.onInitialScan ?? options.onRescan, options.onWatchError);
    if (options.watch !== false) {
      watcher = watchFolders(
        options.folders,
        (paths) => {
          store.scan(paths).then(options.onRescan, options.onWatchError);
        },
        { onError: options.onWatchError, tick: options.watchTick },
      );
      await watcher.ready;
    }
    await app.listen({ host: LISTEN_HOST, port: options.port });
    const a = app.server.address();
    const port = typeof a === "object" && a ? a.port : options.port;
    return {
      origin: `${certificate ? "https" : "http"}://localhost:${port}`,
      app,
      store,
      certificate,
      initial,
      async close() {
        await app.close();
        await shut();
      },
    };
  } catch (err) {
    await shut();
    throw err;
  }
}
