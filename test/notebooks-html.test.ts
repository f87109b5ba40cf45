// notebooks/lib/html.ts: DataFrames as HTML tables (danfojs-node prints ASCII only).
import { describe, expect, it } from "vitest";
import dfd from "danfojs-node";
import { cellText, escapeHtml, htmlTable } from "../notebooks/lib/html.js";

describe("htmlTable", () => {
  it("renders a danfojs DataFrame: headings, cells, numbers right and text left", () => {
    const df = new dfd.DataFrame([
      { region: "雷州市", value: 386.42 },
      { region: "湛河区", value: 245.24 },
    ]);
    const html = htmlTable(df, { caption: "地区生产总值" });
    expect(html).toContain("<caption>地区生产总值</caption>");
    expect(html).toContain("<th>region</th><th>value</th>");
    expect(html).toContain('<tr><td style="text-align:left">雷州市</td><td style="text-align:right">386.42</td></tr>');
    expect(html.match(/<tr>/g)).toHaveLength(3);
  });

  it("escapes markup in headings, cells and captions", () => {
    const html = htmlTable({ columns: ["a<b"], values: [["<script>&"]] }, { caption: '"x"' });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;&amp;");
    expect(html).toContain("<th>a&lt;b</th>");
    expect(html).toContain("<caption>&quot;x&quot;</caption>");
  });

  it("relabels columns and colours rows by their record", () => {
    const html = htmlTable({ columns: ["verdict"], values: [["met"], ["missed"]] }, { labels: { verdict: "判定" }, rowColour: (r) => (r.verdict === "missed" ? "#fde2e1" : null) });
    expect(html).toContain("<th>判定</th>");
    expect(html).toContain('<tr style="background:#fde2e1"><td style="text-align:left">missed</td></tr>');
    expect(html).toContain('<tr><td style="text-align:left">met</td></tr>');
  });

  it("takes a one-column frame's flat values", () => {
    expect(htmlTable({ columns: ["n"], values: [1, 2] })).toContain('<tr><td style="text-align:right">2</td></tr>');
  });
});

describe("cellText", () => {
  it("leaves missing values blank, including danfojs's NaN", () => {
    expect([null, undefined, Number.NaN].map((v) => cellText(v, 2))).toEqual(["", "", ""]);
  });

  it("writes numbers without grouping and at most the digits asked for", () => {
    expect(cellText(21913, 2)).toBe("21913");
    expect(cellText(41.87412659800218, 1)).toBe("41.9");
    expect(cellText(-3.7, 2)).toBe("-3.7");
    expect(cellText(true, 2)).toBe("✓");
    expect(cellText(false, 2)).toBe("");
  });

  it("escapes the four HTML specials", () => {
    expect(escapeHtml(`<a href="x">&</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
  });
});
