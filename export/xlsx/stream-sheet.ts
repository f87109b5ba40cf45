// exceljs's streaming writer (WorkbookWriter) with what it lacks for this workbook:
//  - Excel tables: the streaming worksheet has no addTable (exceljs#1412; the fix, PR #1885, is
//    unmerged), so the table part, its relationship, <tableParts> and its content type are added here;
//  - links inside the workbook: the streaming writer turns every hyperlink into an external
//    relationship and drops its target, so links are written here as <hyperlink location>;
//  - notes without memory: its notes are buffered until the sheet is zipped (~1 KB a note), so
//    here the comments and VML parts are generated lazily from the data after the sheet;
//  - backpressure: rows are pushed into the zip without waiting, which buffers the whole sheet,
//    so pace() waits for the compressor to drain.
// These reach into exceljs 4.4 internals, listed in the *Internals interfaces below and checked
// when a sheet is added; the tests read every one of these features back from a written file.
import ExcelJS from "exceljs";
import { once } from "node:events";
import { Readable, type Writable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import type { Link, Note } from "./provenance.js";
import {
  COMMENTS_CLOSE, CONTENT_TYPE, REL_TYPE, VML_CLOSE, addContentTypes, commentXml, commentsOpen, hyperlinkXml,
  tablePartsXml, tableXml, vmlBlocks, vmlOpen, vmlShapeXml, type NoteStyle, type TablePart,
} from "./ooxml.js";

interface ZipInternals {
  append(source: string | Buffer | Readable, data: { name: string }): unknown;
}
interface BookInternals {
  zip: ZipInternals;
}
interface SheetInternals {
  id: number;
  stream: { pipes?: Writable[] };
  _sheetRelsWriter: { addRelationship(rel: { Type: string; Target: string }): string };
  _writeHyperlinks(): void;
  _writeLegacyData(): void;
  _write(text: string): void;
}

type WriterState = { length?: number; needDrain?: boolean };
const CHUNK = 64 * 1024;
/** Uncompressed XML allowed to wait for the compressor: enough to keep it busy, small beside the data. */
const MAX_QUEUED = 4 * 1024 * 1024;

/** Joins small strings into chunks of about 64 KB, so the zip gets few large writes. */
function* chunked(parts: Iterable<string>): Generator<string> {
  let buf = "";
  for (const p of parts) {
    buf += p;
    if (buf.length >= CHUNK) {
      yield buf;
      buf = "";
    }
  }
  if (buf) yield buf;
}

function lazyStream(parts: () => Iterable<string>): Readable {
  return Readable.from(
    (function* () {
      for (const s of chunked(parts())) yield Buffer.from(s, "utf8");
    })(),
    { objectMode: false },
  );
}

export class StreamingWorkbook {
  readonly writer: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly zip: ZipInternals;
  private readonly overrides: { part: string; type: string }[] = [];
  private readonly defaults: { ext: string; type: string }[] = [];
  private tables = 0;
  private nextVmlBlock = 1;
  private error: Error | null = null;
  /** Rejects on the first error of the output or the zip, so no wait hangs on a dead stream. */
  readonly failed: Promise<never>;

  constructor(out: Writable) {
    this.writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    this.writer.creator = "Zhibiao";
    const zip = (this.writer as unknown as BookInternals).zip as ZipInternals & { on(e: string, f: (err: Error) => void): void };
    if (typeof zip?.append !== "function") throw new Error("exceljs's streaming writer has changed (no zip); this export needs exceljs 4.4");
    this.zip = zip;
    const append = zip.append.bind(zip);
    zip.append = (source, data) =>
      append(data.name === "[Content_Types].xml" && typeof source === "string" ? addContentTypes(source, this.overrides, this.defaults) : source, data);

    let fail: (e: Error) => void = () => {};
    this.failed = new Promise<never>((_resolve, reject) => (fail = reject));
    this.failed.catch(() => {}); // observed through check() and the races below
    const onError = (e: Error) => {
      if (!this.error) {
        this.error = e;
        fail(e);
      }
    };
    out.on("error", onError);
    zip.on("error", onError);
  }

  /** Throws the output's error, if it has failed. */
  check(): void {
    if (this.error) throw this.error;
  }

  addSheet(name: string, options: Partial<ExcelJS.AddWorksheetOptions>): StreamingSheet {
    return new StreamingSheet(this, this.writer.addWorksheet(name, options));
  }

  /** @internal */ appendPart(name: string, source: string | Readable, override?: string): void {
    this.zip.append(source, { name });
    if (override) this.overrides.push({ part: `/${name}`, type: override });
  }

  /** @internal */ addDefault(ext: string, type: string): void {
    if (!this.defaults.some((d) => d.ext === ext)) this.defaults.push({ ext, type });
  }

  /** @internal */ nextTableId(): number {
    return ++this.tables;
  }

  /** @internal */ vmlBlocks(notes: number): number[] {
    const blocks = vmlBlocks(this.nextVmlBlock, notes);
    this.nextVmlBlock = blocks[blocks.length - 1]! + 1;
    return blocks;
  }

  /** Waits for `p` unless the output fails first; a late rejection of `p` is then ignored. */
  async race<T>(p: Promise<T>): Promise<T> {
    p.catch(() => {});
    return Promise.race([p, this.failed]);
  }

  async commit(): Promise<void> {
    this.check();
    await this.race(this.writer.commit());
    this.check();
  }
}

export class StreamingSheet {
  private readonly internals: SheetInternals;
  private readonly tableRels: string[] = [];
  private vmlRel: string | null = null;
  private links: (() => Iterable<Link>) | null = null;
  private textNumbers: string | null = null;

  constructor(
    private readonly book: StreamingWorkbook,
    readonly ws: ExcelJS.Worksheet,
  ) {
    const s = ws as unknown as SheetInternals;
    for (const f of ["_writeHyperlinks", "_writeLegacyData", "_write"] as const) {
      if (typeof s[f] !== "function") throw new Error(`exceljs's streaming worksheet has changed (no ${f}); this export needs exceljs 4.4`);
    }
    if (typeof s._sheetRelsWriter?.addRelationship !== "function") throw new Error("exceljs's streaming worksheet has changed (no relationships writer)");
    this.internals = s;
    // Replace the writer's (empty) hyperlinks and legacy drawing with ours, at the places the
    // schema wants them: <hyperlinks> before the page setup; <ignoredErrors>, <legacyDrawing>
    // and <tableParts> last, in that order.
    s._writeHyperlinks = () => this.writeHyperlinks();
    s._writeLegacyData = () => {
      if (this.textNumbers) s._write(`<ignoredErrors><ignoredError sqref="${this.textNumbers}" numberStoredAsText="1"/></ignoredErrors>`);
      if (this.vmlRel) s._write(`<legacyDrawing r:id="${this.vmlRel}"/>`);
      s._write(tablePartsXml(this.tableRels));
    };
  }

  addTable(t: Omit<TablePart, "id">): void {
    const id = this.book.nextTableId();
    this.book.appendPart(`xl/tables/table${id}.xml`, tableXml({ ...t, id }), CONTENT_TYPE.table);
    this.tableRels.push(this.internals._sheetRelsWriter.addRelationship({ Type: REL_TYPE.table, Target: `../tables/table${id}.xml` }));
  }

  /** Text that looks like a number (years "2023", ids) is meant as text: no green triangles in `ref`. */
  setTextNumbers(ref: string): void {
    this.textNumbers = ref;
  }

  /** Links are generated when the sheet is committed, from `links()`, not kept per row. */
  setLinks(links: () => Iterable<Link>): void {
    this.links = links;
  }

  /**
   * Notes are generated from `notes()` (called twice) after the sheet is zipped; `count` sizes
   * the VML id blocks; `columnWidths` (0-based) size the boxes.
   */
  setNotes(notes: () => Iterable<Note>, count: number, style: NoteStyle, author: string, columnWidths: readonly number[]): void {
    if (count === 0) return;
    const id = this.internals.id;
    const rels = this.internals._sheetRelsWriter;
    rels.addRelationship({ Type: REL_TYPE.comments, Target: `../comments${id}.xml` });
    this.vmlRel = rels.addRelationship({ Type: REL_TYPE.vmlDrawing, Target: `../drawings/vmlDrawing${id}.vml` });
    const blocks = this.book.vmlBlocks(count);
    const firstShape = blocks[0]! * 1024 + 1;
    this.book.appendPart(
      `xl/comments${id}.xml`,
      lazyStream(function* () {
        yield commentsOpen(author);
        for (const n of notes()) yield commentXml(n, style);
        yield COMMENTS_CLOSE;
      }),
      CONTENT_TYPE.comments,
    );
    this.book.addDefault("vml", CONTENT_TYPE.vml);
    this.book.appendPart(
      `xl/drawings/vmlDrawing${id}.vml`,
      lazyStream(function* () {
        yield vmlOpen(blocks);
        let k = 0;
        for (const n of notes()) yield vmlShapeXml(n, firstShape + k++, style, columnWidths);
        yield VML_CLOSE;
      }),
    );
  }

  private writeHyperlinks(): void {
    if (!this.links) return;
    let started = false;
    for (const chunk of chunked(
      (function* (links: Iterable<Link>) {
        for (const l of links) yield hyperlinkXml(l);
      })(this.links()),
    )) {
      if (!started) this.internals._write("<hyperlinks>");
      started = true;
      this.internals._write(chunk);
    }
    if (started) this.internals._write("</hyperlinks>");
  }

  /**
   * Waits while the compressor is behind. Call every few hundred rows: without it the rows of
   * the whole sheet pile up in memory before the zip takes them.
   */
  async pace(): Promise<void> {
    this.book.check();
    const s = this.internals.stream;
    // The zip takes one entry at a time: until it reaches this sheet, the sheet has no pipe.
    while (!s.pipes?.length) await this.book.race(sleep(2));
    // exceljs pipes through readable-stream 2, whose streams predate writableLength.
    const dest = s.pipes[0]! as Writable & { _writableState?: WriterState };
    const queued = dest.writableLength ?? dest._writableState?.length ?? 0;
    const needDrain = dest.writableNeedDrain ?? dest._writableState?.needDrain;
    if (queued > MAX_QUEUED && needDrain) await this.book.race(once(dest, "drain"));
  }

  commit(): void {
    this.book.check();
    (this.ws as unknown as { commit(): void }).commit();
  }
}
