// The kit's core runs in a browser as well as in Node: the add-in bundles it. Bundling it for
// the browser platform fails on any Node built-in it reaches, so this is the real check.
import { describe, expect, it } from "vitest";
import { build } from "esbuild";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

describe("kit/core", () => {
  it("bundles for the browser with no Node built-ins", async () => {
    const result = await build({
      entryPoints: [path.join(root, "kit/core.ts")],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
      metafile: true,
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((f) => f.startsWith("node:") || f.includes("kit/files/"))).toEqual([]);
    expect(inputs.some((f) => f.endsWith("kit/core.ts"))).toBe(true);
  });

  it("fails to bundle the Node entry for the browser (the check can fail)", async () => {
    await expect(
      build({ entryPoints: [path.join(root, "kit/index.ts")], bundle: true, platform: "browser", write: false, logLevel: "silent" }),
    ).rejects.toThrow(/node:fs|Could not resolve/);
  });
});
