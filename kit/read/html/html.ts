// HTML pages → reading text. (To be built: see issue 9.)
import { ExtractError } from "../../errors.js";
import type { Reading } from "../reading.js";

/** True when text bytes are an HTML document (a saved or downloaded page). */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024)).trimStart().toLowerCase();
  return head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<!-- saved from");
}

export function readHtml(_bytes: Uint8Array, file: string): Reading {
  throw new ExtractError(file, "unsupported_format", "HTML is not read yet");
}
