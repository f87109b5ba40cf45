// A searchable checklist of one dimension's values with their counts. DOM only; text is set with
// textContent, never as HTML, since names come from reports. What is listed, in which order and
// nesting, is decided by an `arrange` function (listing.ts), so the rules stay pure and tested.
import type { FacetItem } from "../../server/api.js";
import type { Key, Say } from "./messages.js";
import type { Listing } from "./listing.js";

/** Shown at most; the search box narrows longer lists. */
const SHOWN = 150;
const SEARCH_FROM = 8;

export interface Picker {
  readonly selected: ReadonlySet<string>;
  setItems(items: FacetItem[]): void;
  clear(): void;
  /** Re-renders every word (after the pane's language changed). */
  relabel(): void;
}

export interface PickerOptions {
  labelOf: (item: FacetItem) => string;
  onChange: () => void;
  /** What to list; by default every value, flat. `on` is the switch's state. */
  arrange?: (items: readonly FacetItem[], selected: ReadonlySet<string>, on: boolean) => Listing;
  /** A switch above the list (更多指标) whose state `arrange` reads. */
  switchKey?: Key;
}

export function matches(item: FacetItem, needle: string): boolean {
  const n = needle.trim().toLowerCase();
  if (!n) return true;
  return [item.label, item.value, ...(item.aliases ?? [])].some((s) => s.toLowerCase().includes(n));
}

const flat = (items: readonly FacetItem[]): Listing => ({ rows: items.map((item) => ({ item, depth: 0 })), hidden: 0, more: 0 });

export function createPicker(root: HTMLElement, dim: string, say: Say, options: PickerOptions): Picker {
  const { labelOf, onChange } = options;
  const doc = root.ownerDocument;
  const legend = doc.createElement("legend");
  const search = doc.createElement("input");
  search.type = "search";
  search.id = `${dim}-search`;
  const toggle = doc.createElement("label");
  toggle.className = "switch";
  const toggleBox = doc.createElement("input");
  toggleBox.type = "checkbox";
  toggleBox.id = `${dim}-more`;
  const toggleText = doc.createElement("span");
  toggle.append(toggleBox, toggleText);
  toggle.hidden = !options.switchKey;
  const list = doc.createElement("ul");
  list.id = `${dim}-list`;
  const note = doc.createElement("p");
  note.className = "note";
  root.replaceChildren(legend, search, toggle, list, note);

  const selected = new Set<string>();
  let items: FacetItem[] = [];

  const relabel = () => {
    legend.textContent = say(dim as Key);
    search.placeholder = say("search");
    search.setAttribute("aria-label", `${say(dim as Key)} ${say("search")}`);
  };

  const render = () => {
    const listing = (options.arrange ?? flat)(items, selected, toggleBox.checked);
    if (options.switchKey) toggleText.textContent = `${say(options.switchKey)} (${listing.more})`;
    toggle.hidden = !options.switchKey || listing.more === 0;
    // A short list needs no search box.
    search.hidden = listing.rows.filter((r) => r.item.count > 0).length <= SEARCH_FROM && search.value === "";
    const shown = new Set(listing.rows.filter((r) => (r.item.count > 0 || selected.has(r.item.value)) && matches(r.item, search.value)));
    // A region row kept only for the zones under it (it has no figures of its own here).
    const headers = new Set(listing.rows.filter((r, i) => r.depth === 0 && !shown.has(r) && listing.rows[i + 1]?.depth === 1 && shown.has(listing.rows[i + 1]!)));
    const visible = listing.rows.filter((r) => shown.has(r) || headers.has(r));
    list.replaceChildren(
      ...visible.slice(0, SHOWN).map((row, n) => {
        const { item } = row;
        const li = doc.createElement("li");
        if (row.depth > 0) li.className = "nested";
        const label = doc.createElement("label");
        label.textContent = labelOf(item);
        if (headers.has(row)) {
          li.classList.add("group");
          li.append(label);
          return li;
        }
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
        label.htmlFor = box.id;
        const count = doc.createElement("span");
        count.className = "count";
        count.textContent = String(item.count);
        li.append(box, label);
        if (row.within) {
          const tag = doc.createElement("span");
          tag.className = "tag";
          tag.textContent = say("zone");
          li.append(tag);
        }
        li.append(count);
        return li;
      }),
    );
    const lines: string[] = [];
    if (visible.length > SHOWN) lines.push(say("more", { n: visible.length - SHOWN }));
    else if (visible.length === 0) lines.push(say("none"));
    if (listing.hidden > 0) lines.push(say("hiddenNames", { n: listing.hidden }));
    note.textContent = lines.join(say("sep"));
  };
  search.addEventListener("input", render);
  toggleBox.addEventListener("change", render);
  relabel();
  render();

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
    relabel() {
      relabel();
      render();
    },
  };
}
