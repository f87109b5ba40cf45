// The pane's table options: the layout to insert (long, years across, regions × indicators, plan
// vs result), the long table's columns, the measure of the wide layouts, and this workbook's
// settings (header language, refresh on open). DOM only, text set with textContent; the settings
// are read and written through the runner handed in (they live in the workbook, memory.ts).
import { COLUMNS } from "../excel/layout.js";
import { headerOf, type Lang } from "../excel/labels.js";
import { LAYOUT_KINDS, latestPeriod, type LayoutKind, type LayoutSpec, type Measure } from "../excel/layouts.js";
import { DEFAULT_PANE_SETTINGS, type PaneSettings } from "../excel/memory.js";
import type { Observation } from "../../kit/types.js";
import type { Say } from "./messages.js";

export interface Options {
  /** The layout to insert, for the rows about to be inserted and the periods ticked. */
  layout(rows: readonly Observation[], periods: readonly string[]): LayoutSpec;
  settings(): PaneSettings;
  /** Shows settings read from the workbook. */
  setSettings(s: PaneSettings): void;
}

const MEASURES: readonly Measure[] = ["value", "growth_pct"];

export function createOptions(root: HTMLElement, say: Say, onSettings: (s: PaneSettings) => void): Options {
  const doc = root.ownerDocument;
  function el<T extends HTMLElement = HTMLElement>(tag: string, props: Record<string, unknown> = {}, ...kids: (Node | string)[]): T {
    const e = Object.assign(doc.createElement(tag), props) as T;
    e.append(...kids);
    return e;
  }
  const s = (k: string) => say(k as Parameters<Say>[0]);

  const layoutSelect = el<HTMLSelectElement>("select", { id: "layout" });
  for (const k of LAYOUT_KINDS) layoutSelect.append(el("option", { value: k, textContent: s(`layout.${k}`) }));
  const measureSelect = el<HTMLSelectElement>("select", { id: "measure" });
  for (const m of MEASURES) measureSelect.append(el("option", { value: m, textContent: s(`measure.${m}`) }));
  const measureRow = el("label", { className: "row" }, el("span", { textContent: s("measure") }), measureSelect);

  let lang: Lang = DEFAULT_PANE_SETTINGS.lang;
  const boxes = COLUMNS.filter((c) => c.field !== "id").map((c) => {
    const box = el<HTMLInputElement>("input", { type: "checkbox", checked: true, value: c.field, id: `column-${c.field}` });
    const label = el<HTMLLabelElement>("label", { htmlFor: box.id });
    return { box, label, field: c.field };
  });
  const relabel = () => boxes.forEach((b) => (b.label.textContent = headerOf(b.field, lang)));
  const chooser = el(
    "details",
    { id: "columns", className: "columns" },
    el("summary", { textContent: s("columns") }),
    el("ul", {}, ...boxes.map((b) => el("li", {}, b.box, b.label))),
    el("p", { className: "note", textContent: s("columns.note") }),
  );

  const langSelect = el<HTMLSelectElement>("select", { id: "lang" });
  for (const l of ["zh", "en"] as const) langSelect.append(el("option", { value: l, textContent: s(`settings.lang.${l}`) }));
  const onOpen = el<HTMLInputElement>("input", { type: "checkbox", id: "refresh-on-open" });
  const settingsBox = el(
    "details",
    { className: "settings" },
    el("summary", { textContent: s("settings") }),
    el("label", { className: "row" }, el("span", { textContent: s("settings.lang") }), langSelect),
    el("label", { className: "row" }, onOpen, el("span", { textContent: s("settings.refreshOnOpen") })),
  );

  const show = () => {
    const kind = layoutSelect.value as LayoutKind;
    chooser.hidden = kind !== "long";
    measureRow.hidden = kind !== "years" && kind !== "regions";
  };
  layoutSelect.addEventListener("change", show);
  const current = (): PaneSettings => ({ refreshOnOpen: onOpen.checked, lang });
  langSelect.addEventListener("change", () => {
    lang = langSelect.value as Lang;
    relabel();
    onSettings(current());
  });
  onOpen.addEventListener("change", () => onSettings(current()));

  root.replaceChildren(el("label", { className: "row" }, el("span", { textContent: s("layout") }), layoutSelect), measureRow, chooser, settingsBox);
  relabel();
  show();

  return {
    layout(rows, periods) {
      const kind = layoutSelect.value as LayoutKind;
      const measure = measureSelect.value as Measure;
      switch (kind) {
        case "long":
          return { kind, fields: boxes.filter((b) => b.box.checked).map((b) => b.field) };
        case "years":
          return { kind, measure };
        case "regions":
          return { kind, measure, period: periods.length === 1 ? periods[0]! : (latestPeriod(rows) ?? "") };
        case "plan":
          return { kind };
      }
    },
    settings: current,
    setSettings(next) {
      lang = next.lang;
      langSelect.value = next.lang;
      onOpen.checked = next.refreshOnOpen;
      relabel();
    },
  };
}
