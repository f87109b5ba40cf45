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
  // ES modules with code splitting: what only a dropped report needs (the kit's readers, pdf.js,
  // exceljs) goes into chunks loaded on first use, so the pane's first load stays small.
  entryPoints: { taskpane: path.join(root, "addin", "main.ts") },
  outdir: out,
  chunkNames: "chunks/[name]-[hash]",
  splitting: true,
  // The kit imports pdf.js's worker module only to run it in-thread in Node; the pane gives pdf.js
  // the worker file copied below (workerSrc), so this import is never made in a browser.
  external: ["pdfjs-dist/legacy/build/pdf.worker.mjs"],
  bundle: true,
  format: "esm",
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

// pdf.js for a report dropped into the pane: its worker (so parsing runs off the page's thread),
// its CMaps (Chinese fonts) and standard fonts, served beside the page; the pane passes these
// paths relative to the page, so nothing is fetched from a network.
const pdfjsRoot = path.join(root, "node_modules", "pdfjs-dist");
await mkdir(path.join(out, "pdfjs"), { recursive: true });
await cp(path.join(pdfjsRoot, "legacy", "build", "pdf.worker.min.mjs"), path.join(out, "pdfjs", "pdf.worker.min.mjs"));
await cp(path.join(pdfjsRoot, "cmaps"), path.join(out, "pdfjs", "cmaps"), { recursive: true, filter: (src) => !src.endsWith(".md") });
await cp(path.join(pdfjsRoot, "standard_fonts"), path.join(out, "pdfjs", "standard_fonts"), { recursive: true, filter: (src) => !src.endsWith(".md") });
