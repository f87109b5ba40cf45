// Excel (.xlsx) workbooks → reading text. (To be built: see issue 9.)
import { ExtractError } from "../../errors.js";
import type { Reading } from "../reading.js";

export async function readXlsx(_bytes: Uint8Array, file: string): Promise<Reading> {
  throw new ExtractError(file, "unsupported_format", "XLSX is not read yet");
}
