// Rich output in a notebook cell: tslab shows HTML and SVG only when asked explicitly.
import * as tslab from "tslab";
import { htmlTable, type Frame, type TableOptions } from "./html";
import { svgChart } from "./chart";

export function showTable(frame: Frame, options: TableOptions = {}): void {
  tslab.display.html(htmlTable(frame, options));
}

export async function showChart(spec: Record<string, unknown>): Promise<void> {
  tslab.display.svg(await svgChart(spec));
}
