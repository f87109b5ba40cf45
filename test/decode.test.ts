// Bytes → text: detect the encoding, don't ask. iconv-lite (a dev dependency) writes the
// legacy encodings the way government files come.
import { describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import { readFileSync } from "node:fs";
import path from "node:path";
import { decodeBytes } from "../kit/decode/decode.js";
import { extractBytes, ExtractError } from "../kit/core.js";

const text = "雷州市2023年完成地区生产总值386.42亿元、增长3.6%。\n";
const seedFile = "000_b3806004d9469c12.txt";
const seed = readFileSync(path.resolve(import.meta.dirname, "../seeds", seedFile), "utf8");

function bom(b: number[], body: Buffer): Uint8Array {
  return new Uint8Array([...b, ...body]);
}

describe("decoding", () => {
  // A byte-order mark is kept as character 0 (the data contract's offsets count it).
  it.each([
    ["UTF-8", Buffer.from(text, "utf8"), "utf-8", ""],
    ["UTF-8 with BOM", bom([0xef, 0xbb, 0xbf], Buffer.from(text, "utf8")), "utf-8", "\ufeff"],
    ["UTF-16LE with BOM", bom([0xff, 0xfe], iconv.encode(text, "utf16le")), "utf-16le", "\ufeff"],
    ["UTF-16BE with BOM", bom([0xfe, 0xff], iconv.encode(text, "utf16-be")), "utf-16be", "\ufeff"],
    ["UTF-16LE without BOM", iconv.encode(text, "utf16le"), "utf-16le", ""],
    ["GBK", iconv.encode(text, "gbk"), "gb18030", ""],
    ["GB18030", iconv.encode(text, "gb18030"), "gb18030", ""],
  ])("%s", (_name, bytes, encoding, mark) => {
    const r = decodeBytes(bytes);
    expect(r).toEqual({ ok: true, text: mark + text, encoding, warnings: [] });
  });

  it("counts a byte-order mark as character 0 in every offset", async () => {
    const plain = await extractBytes(Buffer.from(seed, "utf8"), { name: seedFile });
    const marked = await extractBytes(bom([0xef, 0xbb, 0xbf], Buffer.from(seed, "utf8")), { name: seedFile });
    expect(marked.observations).toEqual(plain.observations);
    expect(marked.mentions.map((m) => [m.start, m.end])).toEqual(plain.mentions.map((m) => [m.start + 1, m.end + 1]));
    expect(marked.mentions.every((m) => ("\ufeff" + seed).slice(m.start, m.end) === m.quote)).toBe(true);
  });

  it.each([
    ["an empty file", new Uint8Array(), "empty"],
    ["white space only", Buffer.from(" \n\t \n"), "empty"],
    ["a PNG image", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]), "binary"],
    ["control bytes", Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 7 : 65))), "binary"],
  ])("refuses %s", (_name, bytes, code) => {
    expect(decodeBytes(bytes)).toMatchObject({ ok: false, code });
  });

  it("extracts the same observations from a GBK copy of a seed as from the UTF-8 one", async () => {
    const utf8 = await extractBytes(Buffer.from(seed, "utf8"), { name: seedFile });
    const gbk = await extractBytes(iconv.encode(seed, "gbk"), { name: seedFile });
    expect(gbk.documents[0]!.encoding).toBe("gb18030");
    expect(gbk.observations).toEqual(utf8.observations);
    expect(gbk.mentions).toEqual(utf8.mentions);
  });

  it("names the file and the problem for bad input", async () => {
    await expect(extractBytes(new Uint8Array(), { name: "a.txt" })).rejects.toThrowError(new ExtractError("a.txt", "empty", "0 bytes"));
    await expect(extractBytes(Buffer.from("Quarterly report: revenue grew 3% in 2023.\n".repeat(20)), { name: "en.txt" })).rejects.toThrowError(/en\.txt: is not a report/);
  });

  // A report is decoded by evidence: one bad byte is one U+FFFD and a warning, not a file of mojibake.
  describe("bad bytes", () => {
    const utf8 = Buffer.from(seed, "utf8");
    const at = utf8.indexOf(Buffer.from("地区生产总值", "utf8")) + 3; // 区 becomes one invalid byte
    const damaged = Buffer.concat([utf8.subarray(0, at), Buffer.from([0xff]), utf8.subarray(at + 3)]);

    it("reads a UTF-8 report with one invalid byte as UTF-8, the bad character as U+FFFD, with a warning", () => {
      const r = decodeBytes(damaged);
      expect(r).toMatchObject({ ok: true, encoding: "utf-8" });
      if (!r.ok) return;
      expect(r.text.length).toBe(seed.length);
      expect([...r.text].filter((c) => c === "\ufffd").length).toBe(1);
      expect(r.warnings).toEqual([expect.stringMatching(/^1 byte sequence is not valid UTF-8 .* U\+FFFD .*the first at character \d+/)]);
    });

    it("reads a report cut mid-character as UTF-8 with a warning", () => {
      const cut = Buffer.from(seed.trimEnd() + "。增长", "utf8");
      const r = decodeBytes(cut.subarray(0, cut.length - 1));
      expect(r).toMatchObject({ ok: true, encoding: "utf-8", warnings: [expect.stringContaining("1 byte sequence is not valid UTF-8")] });
    });

    it("carries the warning to the document row, and every mention indexes the decoded text", async () => {
      const clean = await extractBytes(utf8, { name: seedFile });
      const r = await extractBytes(damaged, { name: seedFile });
      const decoded = (decodeBytes(damaged) as { text: string }).text;
      expect(r.documents[0]!.encoding).toBe("utf-8");
      expect(r.documents[0]!.warnings[0]).toMatch(/not valid UTF-8/);
      expect(r.mentions.every((m) => decoded.slice(m.start, m.end) === m.quote)).toBe(true);
      // Only the figure whose name was damaged is lost; everything else reads as before.
      const key = (o: { indicator: string; period: string; kind: string; value: number | null }) => `${o.indicator}|${o.period}|${o.kind}|${o.value}`;
      const got = new Set(r.observations.map(key));
      const missing = clean.observations.filter((o) => !got.has(key(o)));
      expect(missing.length).toBeLessThanOrEqual(2);
      expect(r.observations.length).toBeGreaterThan(clean.observations.length - 3);
    });

    it("reads a GB18030 report with one invalid byte as GB18030 with a warning", () => {
      const gb = iconv.encode(seed, "gb18030");
      const bad = Buffer.concat([gb.subarray(0, 1001), Buffer.from([0xff]), gb.subarray(1001)]);
      const r = decodeBytes(bad);
      expect(r).toMatchObject({ ok: true, encoding: "gb18030", warnings: [expect.stringContaining("not valid GB18030")] });
    });

    it("reads a web page with one invalid byte as UTF-8, with the warning on its document", async () => {
      const paragraphs = seed.split("\n").filter((l) => l.trim()).map((l) => `<p>${l}</p>`).join("\n");
      const page = Buffer.from(`<html><head><meta charset="utf-8"><title>${seed.split("\n")[0]}</title></head><body>\n${paragraphs}\n</body></html>`, "utf8");
      const i = page.indexOf(Buffer.from("<body>")) + 10;
      const damaged = Buffer.concat([page.subarray(0, i), Buffer.from([0xc0]), page.subarray(i)]);
      const clean = await extractBytes(page, { name: "page.html" });
      const r = await extractBytes(damaged, { name: "page.html" });
      expect(r.documents[0]!.encoding).toBe("utf-8");
      expect(r.documents[0]!.warnings[0]).toMatch(/^1 byte sequence is not valid UTF-8/);
      expect(r.observations.length).toBeGreaterThan(clean.observations.length * 0.9);
    });

    it("refuses text that is mostly mojibake rather than read rows from it", async () => {
      // Half the report in UTF-8, half in GB18030: no encoding reads it.
      const half = Math.floor(seed.length / 2);
      const mixed = Buffer.concat([Buffer.from(seed.slice(0, half), "utf8"), iconv.encode(seed.slice(half), "gb18030")]);
      expect(decodeBytes(mixed)).toMatchObject({ ok: false, code: "garbled" });
      await expect(extractBytes(mixed, { name: "mixed.txt" })).rejects.toThrowError(/mixed\.txt: is garbled text/);
      // Every third byte of a UTF-8 report damaged.
      const holed = Buffer.from(utf8);
      for (let i = 0; i < holed.length; i += 3) if (holed[i]! >= 0x80) holed[i] = 0x3f;
      expect(decodeBytes(holed)).toMatchObject({ ok: false, code: "garbled" });
      expect(decodeBytes(bom([0xef, 0xbb, 0xbf], holed))).toMatchObject({ ok: false, code: "garbled" });
    });
  });

  // UTF-16 without a BOM: 一 (U+4E00) and its kin put zero bytes on the "wrong" side, so the byte
  // order is told by which reading is plausible text, over the whole sample.
  it.each([
    ["UTF-16LE", "utf16le", "utf-16le"],
    ["UTF-16BE", "utf16-be", "utf-16be"],
  ])("reads a seed report in %s without a BOM", async (_name, iconvName, encoding) => {
    const bytes = iconv.encode(seed, iconvName);
    expect(bytes.includes(Buffer.from(iconvName === "utf16le" ? [0x00, 0x4e] : [0x4e, 0x00]))).toBe(true); // 一 is there
    const r = decodeBytes(bytes);
    expect(r).toEqual({ ok: true, text: seed, encoding, warnings: [] });
    const utf8 = await extractBytes(Buffer.from(seed, "utf8"), { name: seedFile });
    const wide = await extractBytes(bytes, { name: seedFile });
    expect(wide.observations).toEqual(utf8.observations);
    expect(wide.mentions).toEqual(utf8.mentions);
  });

  it("reads a short Chinese text full of 一 in UTF-16LE without a BOM", () => {
    const t = "一季度一般公共预算收入一亿元，一一落实。\n";
    expect(decodeBytes(iconv.encode(t, "utf16le"))).toEqual({ ok: true, text: t, encoding: "utf-16le", warnings: [] });
  });
});
