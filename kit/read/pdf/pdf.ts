// PDF files with a text layer → reading text, with pdf.js. pdf.js is loaded on first use (other
// formats never load it) and runs its worker in this thread (its "fake worker"), in Node and in
// a browser alike. Fonts' CMaps come from the package's own folder, never from a network.
// What pdf.js reports is turned into plain geometry here; layout.ts does the rest.
import { ExtractError } from "../../errors.js";
import { ReadingBuilder, type Reading } from "../reading.js";
import { layoutPages, needsRules, type PageGeometry, type TextItem } from "./layout.js";
import { PATTERNS } from "./patterns.js";
import { rulesFromOperators, type OpCodes } from "./rules.js";
import { isBlank } from "./text.js";

export interface PdfOptions {
  /** Folder (URL or path ending in /) of pdf.js's packed CMaps, for Chinese fonts. */
  cMapUrl?: string;
  /** Folder of pdf.js's standard font data. */
  standardFontDataUrl?: string;
  /**
   * URL of pdf.js's worker script. A browser page passes it so the parsing runs in a Web Worker
   * and the page stays responsive; without it the worker's code runs in this thread (Node).
   */
  workerSrc?: string;
  /** Called after each page is read (page numbers from 1), for a progress bar on long files. */
  onPage?: (page: number, pages: number) => void;
}

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
type PdfDocument = Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>;
type PdfPage = Awaited<ReturnType<PdfDocument["getPage"]>>;

let loading: Promise<PdfJs> | null = null;

/**
 * Built-ins that pdf.js's legacy build replaces with polyfills when it loads (core-js: a slower
 * Array push, JSON, a global `self` that makes Node look like a browser to other libraries).
 * They are put back once it has loaded; pdf.js works with the originals.
 */
const GUARDED: [object, string][] = [
  [Array.prototype, "push"],
  [JSON, "parse"],
  [JSON, "stringify"],
  [globalThis, "self"],
];

async function keepingBuiltins<T>(load: () => Promise<T>): Promise<T> {
  const saved = GUARDED.map(([obj, key]) => Object.getOwnPropertyDescriptor(obj, key));
  // While it loads, pdf.js warns of what it cannot polyfill for drawing (never done here).
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!(typeof args[0] === "string" && args[0].startsWith("Warning: "))) warn(...args);
  };
  try {
    return await load();
  } finally {
    console.warn = warn;
    GUARDED.forEach(([obj, key], i) => {
      const d = saved[i];
      if (d) Object.defineProperty(obj, key, d);
      else delete (obj as Record<string, unknown>)[key];
    });
  }
}

/** pdf.js, with its worker's message handler in this thread (no worker file to fetch), or in a real worker at `workerSrc`. */
function pdfjs(workerSrc?: string): Promise<PdfJs> {
  loading ??= keepingBuiltins(async () => {
    if (workerSrc) {
      const lib = await import("pdfjs-dist/legacy/build/pdf.mjs");
      lib.GlobalWorkerOptions.workerSrc = workerSrc;
      return lib;
    }
    const [lib, worker] = await Promise.all([import("pdfjs-dist/legacy/build/pdf.mjs"), import("pdfjs-dist/legacy/build/pdf.worker.mjs")]);
    const g = globalThis as { pdfjsWorker?: unknown };
    g.pdfjsWorker ??= worker;
    return lib;
  });
  loading.catch(() => (loading = null));
  return loading;
}

/**
 * A folder URL as pdf.js can read it here: in Node its file reader takes paths, so a file: URL
 * becomes a path (with a trailing separator).
 */
function folder(url: string | undefined): string | undefined {
  if (!url || !url.startsWith("file:")) return url;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const urlModule = proc?.getBuiltinModule?.("url") as { fileURLToPath?: (u: string) => string } | undefined;
  if (urlModule?.fileURLToPath) {
    const p = urlModule.fileURLToPath(url);
    return p.endsWith("/") || p.endsWith("\\") ? p : `${p}/`;
  }
  const path = decodeURIComponent(new URL(url).pathname);
  return PATTERNS.driveInUrlPath.test(path) ? path.slice(1) : path;
}

type Matrix = [number, number, number, number, number, number];

function times(m: readonly number[], n: readonly number[]): Matrix {
  return [m[0]! * n[0]! + m[2]! * n[1]!, m[1]! * n[0]! + m[3]! * n[1]!, m[0]! * n[2]! + m[2]! * n[3]!, m[1]! * n[2]! + m[3]! * n[3]!, m[0]! * n[4]! + m[2]! * n[5]! + m[4]!, m[1]! * n[4]! + m[3]! * n[5]! + m[5]!];
}

/** Horizontal runs of text in viewport space (y downwards); rotated text (a stamp, a chart's axis) is left out. */
function itemsOf(content: Awaited<ReturnType<PdfPage["getTextContent"]>>, viewport: readonly number[]): { items: TextItem[]; chars: number } {
  const items: TextItem[] = [];
  let chars = 0;
  for (const it of content.items) {
    if (!("str" in it) || isBlank(it.str)) continue;
    chars += it.str.length;
    const m = times(viewport, it.transform as number[]);
    const size = Math.hypot(m[2], m[3]);
    if (!(size > 0) || !(m[0] > 0) || Math.abs(m[1]) > 0.05 * m[0] || Math.abs(m[2]) > 0.05 * size) continue;
    const scale = m[0] / Math.hypot(...(it.transform as number[]).slice(0, 2));
    items.push({ str: it.str, x: m[4], y: m[5], w: it.width * scale, size });
  }
  return { items, chars };
}

async function pageGeometry(lib: PdfJs, page: PdfPage): Promise<{ geometry: PageGeometry; chars: number }> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const { items, chars } = itemsOf(content, viewport.transform);
  let rules: PageGeometry["rules"] = [];
  if (needsRules(items)) {
    const ops = await page.getOperatorList({ intent: "any" });
    rules = rulesFromOperators(ops.fnArray, ops.argsArray, lib.OPS as unknown as OpCodes, viewport.transform as Matrix);
  }
  return { geometry: { width: viewport.width, height: viewport.height, items, rules }, chars };
}

function errorName(err: unknown): string {
  return err && typeof err === "object" && "name" in err ? String((err as { name: unknown }).name) : "";
}

/** Pages that are images only, said for a scan. */
async function imagePages(lib: PdfJs, doc: PdfDocument): Promise<number> {
  const page = await doc.getPage(1);
  const ops = await page.getOperatorList({ intent: "any" });
  const images = new Set([lib.OPS.paintImageXObject, lib.OPS.paintInlineImageXObject, lib.OPS.paintImageMaskXObject, lib.OPS.paintImageXObjectRepeat]);
  return Array.from(ops.fnArray).some((f) => images.has(f)) ? doc.numPages : 0;
}

/** The pages of a PDF as the layout sees them (for tools and tests); throws as readPdf does. */
export async function readPdfPages(bytes: Uint8Array, file: string, options: PdfOptions = {}): Promise<PageGeometry[]> {
  return withDocument(bytes, file, options, async (lib, doc) => {
    const pages: PageGeometry[] = [];
    let chars = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const g = await pageGeometry(lib, page);
      pages.push(g.geometry);
      chars += g.chars;
      page.cleanup();
      options.onPage?.(n, doc.numPages);
    }
    if (chars === 0) {
      const images = await imagePages(lib, doc).catch(() => 0);
      const n = doc.numPages;
      const what = images > 0 ? `${n} page${n === 1 ? "" : "s"}, all images` : `${n} page${n === 1 ? "" : "s"} and no text on any of them`;
      throw new ExtractError(file, "no_text_layer", what);
    }
    return pages;
  });
}

export async function readPdf(bytes: Uint8Array, file: string, options: PdfOptions = {}): Promise<Reading> {
  const pages = await readPdfPages(bytes, file, options);
  const builder = new ReadingBuilder("pdf");
  let page = 0;
  let tables = 0;
  for (const b of layoutPages(pages)) {
    while (page < b.page) {
      builder.page();
      page++;
    }
    if (b.type === "table") builder.table(b.rows, `page ${b.page}, table ${++tables}`);
    else builder.paragraph(b.text, `page ${b.page}`);
  }
  while (page < pages.length) {
    builder.page();
    page++;
  }
  return builder.build();
}

const EOF_MARK = [0x25, 0x25, 0x45, 0x4f, 0x46]; // %%EOF

/** True when the last 2 KB hold the end-of-file marker (a download cut short has none). */
function hasEndMarker(bytes: Uint8Array): boolean {
  for (let i = bytes.length - EOF_MARK.length; i >= Math.max(0, bytes.length - 2048); i--) {
    if (EOF_MARK.every((b, k) => bytes[i + k] === b)) return true;
  }
  return false;
}

async function withDocument<T>(bytes: Uint8Array, file: string, options: PdfOptions, use: (lib: PdfJs, doc: PdfDocument) => Promise<T>): Promise<T> {
  if (!hasEndMarker(bytes)) throw new ExtractError(file, "corrupt", "the file is cut short: it ends before the PDF's end marker (%%EOF)");
  const lib = await pdfjs(options.workerSrc);
  const task = lib.getDocument({
    // pdf.js takes the buffer over; a copy leaves the caller's bytes alone.
    data: new Uint8Array(bytes),
    cMapUrl: folder(options.cMapUrl),
    cMapPacked: true,
    standardFontDataUrl: folder(options.standardFontDataUrl),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    stopAtErrors: false,
    verbosity: lib.VerbosityLevel.ERRORS,
  });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    const name = errorName(err);
    if (name === "PasswordException") throw new ExtractError(file, "encrypted", "the PDF asks for a password to open");
    throw new ExtractError(file, "corrupt", `not a readable PDF (${(err as Error).message ?? String(err)})`);
  }
  try {
    return await use(lib, doc);
  } catch (err) {
    if (err instanceof ExtractError) throw err;
    throw new ExtractError(file, "corrupt", `a damaged PDF (${(err as Error).message ?? String(err)})`);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
