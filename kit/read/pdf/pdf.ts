// PDF files with a text layer → reading text. (To be built: see issue 9.)
import { ExtractError } from "../../errors.js";
import type { Reading } from "../reading.js";

export interface PdfOptions {
  /** Folder (URL or path ending in /) of pdf.js's packed CMaps, for Chinese fonts. */
  cMapUrl?: string;
  /** Folder of pdf.js's standard font data. */
  standardFontDataUrl?: string;
}

export async function readPdf(_bytes: Uint8Array, file: string, _options: PdfOptions = {}): Promise<Reading> {
  throw new ExtractError(file, "unsupported_format", "PDF is not read yet");
}
