// HTTPS for Office: the office-addin-dev-certs certificate when installed, otherwise a self-signed
// pair generated once and kept, so the user trusts it once.
import { X509Certificate } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import type { TLSSocket } from "node:tls";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService } from "../server/serve.js";
import { generateLocalhostPair, loadCertificate } from "../server/tls.js";

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "zhibiao-tls-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const dirs = (name: string) => ({ devCertDir: path.join(tmp, name, "dev"), cacheDir: path.join(tmp, name, "cache") });

describe("the certificate", () => {
  it("is generated for localhost when there is none, kept private, and reused", async () => {
    const d = dirs("fresh");
    const first = await loadCertificate(d);
    expect(first.source).toBe("generated");
    const x = new X509Certificate(first.cert);
    expect(x.checkHost("localhost")).toBe("localhost");
    expect(x.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(statSync(path.join(d.cacheDir, "localhost.key")).mode & 0o077).toBe(0);
    const second = await loadCertificate(d);
    expect(second.source).toBe("cached");
    expect(second.cert).toBe(first.cert);
  });

  it("is renewed when the kept one is about to expire", async () => {
    const d = dirs("renew");
    const first = await loadCertificate(d);
    const later = new Date(Date.now() + 396 * 24 * 3600 * 1000);
    const renewed = await loadCertificate({ ...d, now: later });
    expect(renewed.source).toBe("generated");
    expect(renewed.cert).not.toBe(first.cert);
  });

  it("comes from office-addin-dev-certs when that one is installed", async () => {
    const d = dirs("dev");
    const pair = await generateLocalhostPair(new Date());
    mkdirSync(d.devCertDir, { recursive: true });
    writeFileSync(path.join(d.devCertDir, "localhost.crt"), pair.cert);
    writeFileSync(path.join(d.devCertDir, "localhost.key"), pair.key);
    const c = await loadCertificate(d);
    expect(c).toMatchObject({ source: "office-addin-dev-certs", cert: pair.cert, certPath: path.join(d.devCertDir, "localhost.crt") });
  });
});

describe("the service over HTTPS", () => {
  it("serves the API with the certificate, verified against it for localhost", async () => {
    const d = dirs("serve");
    const assets = path.join(tmp, "assets");
    mkdirSync(assets, { recursive: true });
    writeFileSync(path.join(assets, "taskpane.html"), "<!doctype html>");
    const service = await startService({ folders: [path.resolve(import.meta.dirname, "../seeds")], storeFile: path.join(tmp, "store.duckdb"), assetDir: assets, version: "tls", port: 0, certificates: d, watch: false });
    try {
      expect(service.origin).toMatch(/^https:\/\/localhost:\d+$/);
      const { port } = new URL(service.origin);
      const answer = await new Promise<{ status: number; body: string; fingerprint: string }>((resolve, reject) => {
        // Trusting only the service's own certificate: the request fails unless it is valid for localhost.
        const req = request({ host: "localhost", port, path: "/api/health", ca: service.certificate!.cert, servername: "localhost" }, (res) => {
          const fingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
          let body = "";
          res.on("data", (c: Buffer) => (body += c.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body, fingerprint }));
        });
        req.on("error", reject);
        req.end();
      });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ status: "ok", version: "tls" });
      expect(answer.fingerprint).toBe(new X509Certificate(service.certificate!.cert).fingerprint256);
    } finally {
      await service.close();
    }
  });
});
