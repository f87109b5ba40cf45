// manifest.xml, checked offline (Office's online validator needs the internet): the rules Office
// applies when it loads a sideloaded manifest, the shared runtime, and that what the manifest
// names exists: the ribbon's functions in the add-in's code, the icons at their sizes.
import { imageSize } from "image-size";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { OfficeAddinManifest } from "office-addin-manifest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { registerCommands } from "../addin/commands.js";
import { registerFunctions, type CustomFunctionsHost } from "../addin/functions/functions.js";
import type { Functions } from "../addin/functions/impl.js";

const root = path.resolve(import.meta.dirname, "..");
const file = path.join(root, "manifest.xml");
const xml = readFileSync(file, "utf8");

interface Node {
  tag: string;
  attrs: Record<string, string>;
  text: string;
  children: Node[];
}

/** The document as a tree of elements with their attributes, in order. */
function tree(): Node {
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", preserveOrder: true, trimValues: true }).parse(xml) as unknown[];
  const convert = (entry: Record<string, unknown>): Node | null => {
    const tag = Object.keys(entry).find((k) => k !== ":@");
    if (!tag || tag === "?xml" || tag === "#comment") return null;
    const kids = (entry[tag] as Record<string, unknown>[]) ?? [];
    return {
      tag,
      attrs: (entry[":@"] as Record<string, string>) ?? {},
      text: kids.filter((k) => "#text" in k).map((k) => String(k["#text"])).join(""),
      children: kids.filter((k) => !("#text" in k)).map(convert).filter((n): n is Node => n !== null),
    };
  };
  return parsed.map((e) => convert(e as Record<string, unknown>)).find((n): n is Node => n !== null)!;
}

const all = (n: Node): Node[] => [n, ...n.children.flatMap(all)];
const doc = tree();
const nodes = all(doc);
const byTag = (tag: string) => nodes.filter((n) => n.tag === tag);
const resources = all(byTag("Resources")[0]!).filter((n) => n.attrs.id !== undefined);
const resource = (id: string) => resources.find((r) => r.attrs.id === id);

describe("manifest.xml", () => {
  it("is well-formed XML that Office's manifest reader understands", async () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const info = await OfficeAddinManifest.readManifestFile(file);
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(info.hosts).toEqual(["Workbook"]);
    expect(info.defaultSettings?.sourceLocation).toBe("https://localhost:3000/taskpane.html");
    expect(info.displayName).toContain("指标");
  });

  it("gives every id once, and every resid names a resource of at most 32 characters", () => {
    const ids = nodes.map((n) => n.attrs.id).filter((x): x is string => x !== undefined);
    expect(ids.length).toBeGreaterThan(10);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const resids = nodes.map((n) => n.attrs.resid).filter((x): x is string => x !== undefined);
    for (const r of resids) {
      expect(r.length, r).toBeLessThanOrEqual(32);
      expect(resource(r), `resid ${r}`).toBeDefined();
    }
    for (const r of resources) expect(r.attrs.id!.length, r.attrs.id).toBeLessThanOrEqual(32);
  });

  it("keeps short strings within 125 characters and long strings within 250", () => {
    const [short] = byTag("bt:ShortStrings");
    const [long] = byTag("bt:LongStrings");
    expect(short!.children.length).toBeGreaterThan(0);
    for (const s of short!.children) expect(s.attrs.DefaultValue!.length, s.attrs.id).toBeLessThanOrEqual(125);
    for (const s of long!.children) expect(s.attrs.DefaultValue!.length, s.attrs.id).toBeLessThanOrEqual(250);
  });

  it("names only https URLs", () => {
    const urls = nodes.filter((n) => ["IconUrl", "HighResolutionIconUrl", "SupportUrl", "SourceLocation", "bt:Image", "bt:Url"].includes(n.tag) && n.attrs.DefaultValue);
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u.attrs.DefaultValue, u.tag).toMatch(/^https:\/\//);
  });

  it("declares a long-lived shared runtime that the task pane and the ribbon's functions both use", () => {
    const sets = byTag("Set").map((s) => `${s.attrs.Name} ${s.attrs.MinVersion}`);
    expect(sets).toContain("SharedRuntime 1.1");
    const runtimes = byTag("Runtime");
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0]!.attrs.lifetime).toBe("long");
    const url = resource(runtimes[0]!.attrs.resid!)!.attrs.DefaultValue;
    expect(resource(byTag("FunctionFile")[0]!.attrs.resid!)!.attrs.DefaultValue).toBe(url);
    const paneSources = byTag("Action")
      .filter((a) => a.attrs["xsi:type"] === "ShowTaskpane")
      .map((a) => resource(a.children.find((c) => c.tag === "SourceLocation")!.attrs.resid!)!.attrs.DefaultValue);
    expect(paneSources).toEqual([url]);
    expect(byTag("SourceLocation").find((s) => s.attrs.DefaultValue)!.attrs.DefaultValue).toBe(url);
  });

  it("puts Load data, Refresh all and Refresh this table on a custom ribbon tab 指标", () => {
    const [tab] = byTag("CustomTab");
    const label = tab!.children.find((c) => c.tag === "Label")!;
    expect(resource(label.attrs.resid!)!.attrs.DefaultValue).toBe("指标");
    const controls = all(tab!).filter((n) => n.tag === "Control");
    const actions = controls.map((c) => c.children.find((x) => x.tag === "Action")!.attrs["xsi:type"]);
    expect(actions).toEqual(["ShowTaskpane", "ExecuteFunction", "ExecuteFunction"]);
    // The schema wants the tab's Label after its groups.
    expect(tab!.children.at(-1)!.tag).toBe("Label");
  });

  it("registers every FunctionName with Office.actions.associate", () => {
    const names = byTag("FunctionName").map((f) => f.text);
    expect(names).toEqual(["refreshAll", "refreshTable"]);
    const associated: string[] = [];
    registerCommands({ associate: (name) => void associated.push(name) }, { refreshAll: async () => undefined, refreshTable: async () => undefined });
    for (const n of names) expect(associated).toContain(n);
  });

  it("registers the worksheet functions: namespace ZHIBIAO, metadata from the functions' JSDoc, each id associated, in the shared runtime", async () => {
    const points = byTag("ExtensionPoint").filter((e) => e.attrs["xsi:type"] === "CustomFunctions");
    expect(points).toHaveLength(1);
    const point = points[0]!;
    const urlOf = (tag: string) => resource(point.children.find((c) => c.tag === tag)!.children.find((c) => c.tag === "SourceLocation")!.attrs.resid!)!.attrs.DefaultValue;
    // The functions run in the page the ribbon and the pane share, so Refresh can recalculate them.
    const runtime = resource(byTag("Runtime")[0]!.attrs.resid!)!.attrs.DefaultValue;
    expect(urlOf("Page")).toBe(runtime);
    expect(urlOf("Script")).toBe("https://localhost:3000/taskpane.js");
    expect(urlOf("Metadata")).toBe("https://localhost:3000/functions.json");
    const ns = resource(point.children.find((c) => c.tag === "Namespace")!.attrs.resid!)!.attrs.DefaultValue;
    expect(ns).toBe("ZHIBIAO");
    expect(byTag("Set").map((s) => `${s.attrs.Name} ${s.attrs.MinVersion}`)).toContain("CustomFunctionsRuntime 1.1");
    // What the build writes to dist/addin/functions.json, generated here from the same source.
    const generated = await generateCustomFunctionsMetadata(path.join(root, "addin/functions/functions.ts"));
    expect(generated.errors).toEqual([]);
    const metadata = JSON.parse(generated.metadataJson) as { functions: { id: string; name: string; parameters: { name: string; optional?: boolean }[]; result: { dimensionality?: string } }[] };
    expect(metadata.functions.map((f) => f.id)).toEqual(["VALUE", "SERIES", "SOURCE"]);
    const value = metadata.functions[0]!;
    expect(value.parameters.map((p) => `${p.name}${p.optional ? "?" : ""}`)).toEqual(["region", "indicator", "period", "kind?", "field?"]);
    expect(metadata.functions[1]!.result.dimensionality).toBe("matrix");
    const associated: string[] = [];
    const cf = { associate: (id: string) => void associated.push(id), Error, ErrorCode: { notAvailable: "#N/A" } } as unknown as CustomFunctionsHost;
    registerFunctions(cf, {} as Functions);
    expect(associated.sort()).toEqual(metadata.functions.map((f) => f.id).sort());
  });

  it("names the add-in and its ribbon in Chinese, with English overrides rather than two languages in one string", () => {
    const overrideOf = (n: Node) => n.children.find((c) => c.tag === "Override" || c.tag === "bt:Override")?.attrs;
    const display = doc.children.find((c) => c.tag === "DisplayName")!;
    expect(display.attrs.DefaultValue).toContain("指标");
    expect(overrideOf(display)).toEqual({ Locale: "en-US", Value: "Zhibiao" });
    expect(overrideOf(doc.children.find((c) => c.tag === "Description")!)?.Locale).toBe("en-US");
    for (const id of ["Tab.Label", "Load.Label", "Refresh.Label", "RefreshTable.Label", "Load.Tooltip", "Refresh.Tooltip", "RefreshTable.Tooltip"]) {
      const r = resource(id)!;
      expect(overrideOf(r)?.Locale, id).toBe("en-US");
      // The Chinese default does not carry the English words, and the English override has no Chinese.
      expect(r.attrs.DefaultValue, id).toMatch(/[\u4e00-\u9fff]/);
      expect(r.attrs.DefaultValue, id).not.toContain(overrideOf(r)!.Value!.split(" ").slice(0, 3).join(" "));
      expect(overrideOf(r)!.Value!, id).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("points at icon files that exist, at the size each place asks for", () => {
    const icons: [string, number][] = [
      [doc.children.find((c) => c.tag === "IconUrl")!.attrs.DefaultValue!, 32],
      [doc.children.find((c) => c.tag === "HighResolutionIconUrl")!.attrs.DefaultValue!, 64],
      ...resources.filter((n) => n.tag === "bt:Image").map((n): [string, number] => [n.attrs.DefaultValue!, Number(/(\d+)x\d+$/.exec(n.attrs.id!)![1])]),
    ];
    // Where an icon is used, its size attribute and the image's size agree.
    const used = byTag("bt:Image").filter((n) => n.attrs.size);
    for (const u of used) expect(Number(/(\d+)x\d+$/.exec(u.attrs.resid!)![1]), u.attrs.resid).toBe(Number(u.attrs.size));
    expect(icons.length).toBeGreaterThanOrEqual(8);
    for (const [url, size] of icons) {
      const local = path.join(root, new URL(url).pathname);
      const dim = imageSize(readFileSync(local));
      expect([dim.type, dim.width, dim.height], url).toEqual(["png", size, size]);
    }
  });
});
