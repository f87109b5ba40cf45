// Placeholder until the workbook export lands (issue 3).
import type { ExtractResult } from "../kit/types.js";
export async function writeWorkbook(_result: ExtractResult, _file: string): Promise<void> {
  throw new Error("--xlsx is not available yet");
}
