// A searchable checklist of one dimension's values with their counts. DOM only; text is set with
// textContent, never as HTML, since names come from reports.
import type { FacetItem } from "../../server/api.js";
import type { Say } from "./messages.js";

/** Shown at most; the search box narrows longer lists. */
const SHOWN = 150;
const SEARCH_FROM = 8;

export interface Picker {
  readonly selected: ReadonlySet<string>;
  setItems(items: FacetItem[]): void;
  clear(): void;
}

export function matches(item: FacetItem, needle: string): boolean {
  const n = needle.trim().toLowerCase();
  if (!n) return true;
  return [item.label, item.value, ...(item.aliases ?? [])].some((s) => s.toLowerCase().includes(n));
}

export function createPicker(root: HTMLElement, dim: string, say: Say, labelOf: (item: FacetItem) => string, onChange: () => void): Picker {
  const doc = root.ownerDocument;
  const legend = doc.createElement("legend");
  legend.textContent = say(dim as Parameters<Say>[0]);
  const search = doc.createElement("input");
  search.type = "search";
  search.id = `${dim}-search`;
  search.placeholder = say("search");
  search.setAttribute("aria-label", `${say(dim as Parameters<Say>[0])} ${say("search")}`);
  const list = doc.createElement("ul");
  list.id = `${dim}-list`;
  const note = doc.createElement("p");
  note.className = "note";
  root.replaceChildren(legend, search, list, note);

  const selected = new Set<string>();
  let items: FacetItem[] = [];

  const render = () => {
    // A short list needs no search box.
    search.hidden = items.filter((i) => i.count > 0).length <= SEARCH_FROM && search.value === "";
    const visible = items.filter((i) => (i.count > 0 || selected.has(i.value)) && matches(i, search.value));
    list.replaceChildren(
      ...visible.slice(0, SHOWN).map((item, n) => {
        const li = doc.createElement("li");
        const box = doc.createElement("input");
        box.type = "checkbox";
        box.id = `${dim}-${n}`;
        box.value = item.value;
        box.checked = selected.has(item.value);
        box.addEventListener("change", () => {
          if (box.checked) selected.add(item.value);
          else selected.delete(item.value);
          onChange();
        });
        const label = doc.createElement("label");
        label.htmlFor = box.id;
        label.textContent = labelOf(item);
        const count = doc.createElement("span");
        count.className = "count";
        count.textContent = String(item.count);
        li.append(box, label, count);
        return li;
      }),
    );
    note.textContent = visible.length > SHOWN ? say("more", { n: visible.length - SHOWN }) : visible.length === 0 ? say("none") : "";
  };
  search.addEventListener("input", render);

  return {
    selected,
    setItems(next) {
      items = next;
      render();
    },
    clear() {
      selected.clear();
      render();
    },
  };
}
