// Builds the add-in into dist/addin/: the page's script bundled for the browser by esbuild, its
// HTML and CSS, the icons and manifest.xml. `zhibiao serve` serves this folder and nothing else.
import { build } from "esbuild";
import { cp, mkdir, rm } from "node:fs/promises";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, "dist", "addin");

await rm(out, { recursive: true, force: true });
await mkdir(path.join(out, "assets"), { recursive: true });
await build({
  entryPoints: [path.join(root, "addin", "main.ts")],
  outfile: path.join(out, "taskpane.js"),
  bundle: true,
  format: "iife",
  platform: "browser",
  // Office's webviews: Edge WebView2 on Windows, WebKit on the Mac, the browser on the web.
  target: ["es2020", "chrome90", "safari14"],
  sourcemap: true,
  minify: true,
  legalComments: "none",
  logLevel: "warning",
});
for (const f of ["taskpane.html", "taskpane.css"]) await cp(path.join(root, "addin", f), path.join(out, f));
await cp(path.join(root, "manifest.xml"), path.join(out, "manifest.xml"));
await cp(path.join(root, "assets"), path.join(out, "assets"), { recursive: true, filter: (src) => !src.endsWith(".md") });
