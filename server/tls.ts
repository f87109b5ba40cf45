// The certificate for https://localhost. Office only loads add-ins over HTTPS from a trusted
// certificate. Preferred: the one `npx office-addin-dev-certs install` made and trusted.
// Otherwise a self-signed pair generated once and kept on disk, so the user trusts it once.
import { X509Certificate } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { generate } from "selfsigned";

export interface Certificate {
  key: string;
  cert: string;
  /** Where it came from, for the startup message. */
  source: "office-addin-dev-certs" | "cached" | "generated";
  certPath: string;
}

export interface CertificateOptions {
  /** Where office-addin-dev-certs keeps localhost.crt and localhost.key. */
  devCertDir?: string;
  /** Where Zhibiao keeps the pair it generates. */
  cacheDir?: string;
  now?: Date;
}

export const DEFAULT_DEV_CERT_DIR = path.join(os.homedir(), ".office-addin-dev-certs");
export const DEFAULT_CACHE_DIR = path.join(os.homedir(), ".zhibiao", "certs");
const VALID_DAYS = 397; // the longest validity browsers accept for a server certificate
const RENEW_BEFORE_MS = 7 * 24 * 3600 * 1000;

async function readPair(dir: string): Promise<{ key: string; cert: string } | null> {
  try {
    const [cert, key] = await Promise.all([readFile(path.join(dir, "localhost.crt"), "utf8"), readFile(path.join(dir, "localhost.key"), "utf8")]);
    return { key, cert };
  } catch {
    return null;
  }
}

/** Usable for https://localhost for at least another week. */
export function usableForLocalhost(certPem: string, now: Date): boolean {
  try {
    const x = new X509Certificate(certPem);
    return x.checkHost("localhost") !== undefined && new Date(x.validTo).getTime() - now.getTime() > RENEW_BEFORE_MS && new Date(x.validFrom) <= now;
  } catch {
    return false;
  }
}

export async function generateLocalhostPair(now: Date): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: "commonName", value: "localhost" }, { name: "organizationName", value: "Zhibiao local service" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate: new Date(now.getTime() - 3600 * 1000),
    notAfterDate: new Date(now.getTime() + VALID_DAYS * 24 * 3600 * 1000),
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }, { type: 7, ip: "::1" }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

export async function loadCertificate(options: CertificateOptions = {}): Promise<Certificate> {
  const now = options.now ?? new Date();
  const devDir = options.devCertDir ?? DEFAULT_DEV_CERT_DIR;
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  const dev = await readPair(devDir);
  if (dev && usableForLocalhost(dev.cert, now)) return { ...dev, source: "office-addin-dev-certs", certPath: path.join(devDir, "localhost.crt") };
  const certPath = path.join(cacheDir, "localhost.crt");
  const cached = await readPair(cacheDir);
  if (cached && usableForLocalhost(cached.cert, now)) return { ...cached, source: "cached", certPath };
  const fresh = await generateLocalhostPair(now);
  await mkdir(cacheDir, { recursive: true, mode: 0o700 });
  // Write then rename, so a crash never leaves a key without its certificate.
  for (const [name, text] of [["localhost.key", fresh.key], ["localhost.crt", fresh.cert]] as const) {
    const tmp = path.join(cacheDir, `${name}.${process.pid}.tmp`);
    await writeFile(tmp, text, { mode: 0o600 });
    await rename(tmp, path.join(cacheDir, name));
  }
  return { ...fresh, source: "generated", certPath };
}
