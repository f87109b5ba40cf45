// The pane's language: Chinese by default, English as a setting remembered on this computer
// (the page's localStorage, which Office keeps per add-in).
import type { Locale } from "./messages.js";

export const LANGUAGE_KEY = "zhibiao.language";

type Store = Pick<Storage, "getItem" | "setItem">;

export function storedLocale(store: Store | null): Locale {
  try {
    return store?.getItem(LANGUAGE_KEY) === "en" ? "en" : "zh";
  } catch {
    return "zh"; // storage refused (private mode): the default
  }
}

export function saveLocale(store: Store | null, locale: Locale): void {
  try {
    store?.setItem(LANGUAGE_KEY, locale);
  } catch {
    // Not remembered; the choice still holds while the pane is open.
  }
}
