/// <reference types="office-js" />
// Entry of the add-in's page (task pane and ribbon commands share this one runtime). Thin wiring
// only: everything it calls is a plain function tested on its own.
import { createClient } from "./client.js";
import { registerCommands } from "./commands.js";
import { createFunctionData } from "./functions/data.js";
import { registerFunctions, type CustomFunctionsHost } from "./functions/functions.js";
import { createFunctions } from "./functions/impl.js";
import { storedLocale } from "./pane/language.js";
import { mountPane } from "./pane/pane.js";

const SELECTION_QUIET_MS = 150;
const client = createClient();
const functionData = createFunctionData(client);

// Worksheet functions are associated as the page loads (the shared runtime runs this page for
// them too); CustomFunctions exists only where Excel offers them.
const customFunctions = (globalThis as { CustomFunctions?: CustomFunctionsHost }).CustomFunctions;
if (customFunctions) registerFunctions(customFunctions, createFunctions(functionData));

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // a webview that refuses storage
  }
}

Office.onReady((info) => {
  const inExcel = info.host === Office.HostType.Excel;
  const pane = mountPane({
    doc: document,
    client,
    functions: functionData,
    excel: inExcel ? Excel : null,
    // Chinese by default whatever Office's language; English is a pane setting, remembered.
    locale: storedLocale(storage()),
    storage: storage(),
    showPane: () => Office.addin.showAsTaskpane(),
  });
  if (!inExcel) return;
  registerCommands(Office.actions, { refreshAll: () => pane.refreshAll(), refreshTable: () => pane.refreshTable() });
  let timer: ReturnType<typeof setTimeout> | null = null;
  void Excel.run(async (context) => {
    context.workbook.onSelectionChanged.add(async () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void pane.showSource(), SELECTION_QUIET_MS);
    });
    await context.sync();
  });
});
