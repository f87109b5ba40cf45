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
    expect(r).toEqual({ ok: true, text: mark + text, encoding });
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
});
