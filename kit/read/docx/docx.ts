// Word (.docx) files → reading text. (To be built: see issue 9.)
import { ExtractError } from "../../errors.js";
import type { Reading } from "../reading.js";

export function readDocx(_bytes: Uint8Array, file: string): Reading {
  throw new ExtractError(file, "unsupported_format", "DOCX is not read yet");
}
