/// <reference types="office-js" />
// When the worksheet functions' cells are evaluated again. Chosen: on Refresh (ribbon or pane),
// and only when the reports changed since the functions fetched their data — then the kept data
// is dropped and Excel recalculates fully (custom functions are not volatile, so a plain
// recalculation would not run them). Not chosen: streaming functions that poll /api/health, since
// every such cell would keep a timer and a connection open, and numbers in formula cells would
// change under the analyst at moments tables loaded beside them do not; with Refresh both change
// together, when the analyst asks.
import type { FunctionData } from "./data.js";

/** Returns whether a full recalculation was asked for. */
export async function recalculateFunctions(context: Excel.RequestContext, data: FunctionData, generation: number | null): Promise<boolean> {
  if (!data.used()) return false;
  if (generation !== null && data.generation() === generation) return false;
  data.clear();
  context.application.calculate("Full" as Excel.CalculationType);
  await context.sync();
  return true;
}
