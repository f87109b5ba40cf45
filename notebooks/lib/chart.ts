// Vega-Lite specs rendered to SVG in Node, so charts show in any notebook viewer without
// a browser plug-in.
const load: (specifier: string) => Promise<any> = require("./esm.cjs");

/** Fonts with Chinese glyphs first (fonts-noto-cjk on Debian), for the viewer that draws the SVG. */
export const CHART_CONFIG = {
  font: "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif",
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11 },
  header: { labelFontSize: 12, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 11 },
};

const WIDE = /[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]/;

/**
 * Text width for layout. Without a canvas, vega estimates 0.8 em per character, but Chinese
 * characters are a full em wide, so long labels overflowed the margins it reserved.
 */
export function textWidth(item: { fontSize?: number; text?: unknown }, text?: unknown): number {
  const s = String(text ?? item.text ?? "").trim();
  let em = 0;
  for (const ch of s) em += WIDE.test(ch) ? 1 : 0.6;
  return em * (item.fontSize ?? 11);
}

/** A Vega-Lite spec (plain data) → an SVG document as a string. */
export async function svgChart(spec: Record<string, unknown>): Promise<string> {
  const [vega, vegaLite] = await Promise.all([load("vega"), load("vega-lite")]);
  vega.textMetrics.width = textWidth;
  // Layout warnings (faceted independent scales) would land in the notebook as stderr noise; errors still throw.
  const compiled = vegaLite.compile({ config: CHART_CONFIG, ...spec }, { logger: vega.logger(vega.Error) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
