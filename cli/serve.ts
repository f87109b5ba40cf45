// `zhibiao serve`: the local service the Excel add-in talks to.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { counts, defaultStorePath, failures } from "../store/index.js";
import { startService } from "../server/serve.js";

export interface ServeCliOptions {
  port: string;
  http?: boolean;
  store?: string;
}

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function parsePort(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${text}"`);
  return Number(text);
}

/** Starts the service and keeps it running until the process is interrupted. */
export async function runServe(folders: string[], opts: ServeCliOptions, version: string): Promise<void> {
  const port = parsePort(opts.port);
  const dirs = folders.length > 0 ? folders : [path.join(packageRoot, "seeds")];
  const assetDir = path.join(packageRoot, "dist", "addin");
  if (!existsSync(path.join(assetDir, "taskpane.html"))) throw new Error(`the add-in is not built (${assetDir}); run npm run build`);
  const err = (line: string) => process.stderr.write(`zhibiao serve: ${line}\n`);

  const storeFile = path.resolve(opts.store ?? defaultStorePath(dirs));
  let service;
  try {
    service = await startService({
      folders: dirs,
      storeFile,
      assetDir,
      version,
      port,
      http: opts.http,
      onInitialScan: (s) => err(`files checked: ${s.extracted} read again, ${s.removed} removed, ${s.files} served, ${s.failures} cannot be read`),
      onRescan: (s) => err(`reports changed: ${s.extracted} re-read, ${s.removed} removed, ${s.files} served, ${s.failures} cannot be read`),
      onWatchError: (e) => err(`watching the folders failed: ${(e as Error).message}`),
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EADDRINUSE") throw new Error(`port ${port} is in use; stop the other program or pass --port N`);
    throw e;
  }
  const { origin, store, certificate, initial } = service;
  const c = await counts(store.db);
  const out = process.stdout;
  out.write(`Zhibiao is serving ${c.observations} observations from ${c.documents} documents in ${dirs.join(", ")}\n`);
  out.write(`  store      ${storeFile} (${initial ? `${initial.extracted} read now, the others unchanged` : "served as kept; checking the files for changes"})\n`);
  out.write(`  task pane  ${origin}/taskpane.html\n`);
  out.write(`  manifest   ${origin}/manifest.xml\n`);
  out.write(`  api        ${origin}/api/health\n`);
  if (certificate?.source === "office-addin-dev-certs") out.write(`  certificate from office-addin-dev-certs (${certificate.certPath})\n`);
  else if (certificate) out.write(`  certificate ${certificate.certPath} (self-signed; trust it once, see the README, or run: npx office-addin-dev-certs install)\n`);
  for (const f of [...store.listingFailures, ...(await failures(store.db))]) err(`${f.file}: ${f.message}`);
  if (initial?.failures) err(`${initial.failures} file(s) cannot be read; the others are served`);
  out.write(`Watching for changes. Press Ctrl+C to stop.\n`);

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      service.close().then(resolve, resolve);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
