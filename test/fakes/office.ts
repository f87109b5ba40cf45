// The `Office` and `Excel` globals of an add-in page, over a FakeExcel workbook: onReady, the
// shared runtime's actions and task pane, and Excel.run. The same code runs in Node tests and,
// bundled by esbuild, in the browser before the task pane's own script (test/fakes/browser.ts).
import { FakeExcel } from "./excel.js";
import { FAKE_ERROR_CODES, FakeCustomFunctionError } from "./functions.js";

type CommandHandler = (event: { completed(): void; source: { id: string } }) => unknown;

export interface FakeOfficeHost {
  Office: Record<string, unknown>;
  Excel: { run<T>(batch: (context: never) => Promise<T>): Promise<T> };
  /** The shared runtime's CustomFunctions: associate binds an id to the function evaluated in cells as NAMESPACE.ID. */
  CustomFunctions: { associate(id: string, fn: (...args: never[]) => unknown): void; Error: typeof FakeCustomFunctionError; ErrorCode: typeof FAKE_ERROR_CODES };
  excel: FakeExcel;
  /** What Office does when the user clicks a ribbon button bound to an ExecuteFunction: resolves once the function calls completed(). */
  clickRibbon(functionName: string): Promise<void>;
  registered(): string[];
  shownAsTaskpane: number;
}

/** `namespace` is the manifest's custom functions namespace (its <Namespace> string). */
export function fakeOfficeHost(excel = new FakeExcel(), displayLanguage = "zh-CN", namespace = "ZHIBIAO"): FakeOfficeHost {
  const actions = new Map<string, CommandHandler>();
  const host: FakeOfficeHost = {
    excel,
    shownAsTaskpane: 0,
    Office: {
      HostType: { Excel: "Excel", Word: "Word", PowerPoint: "PowerPoint" },
      PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac" },
      context: { displayLanguage, requirements: { isSetSupported: () => true } },
      onReady(callback?: (info: { host: string; platform: string }) => void) {
        const info = { host: "Excel", platform: "OfficeOnline" };
        // Office calls back asynchronously, after the page's scripts have run.
        return new Promise((resolve) => setTimeout(() => {
          callback?.(info);
          resolve(info);
        }, 0));
      },
      actions: {
        associate(name: string, handler: CommandHandler) {
          actions.set(name, handler);
        },
      },
      addin: {
        async showAsTaskpane() {
          host.shownAsTaskpane++;
        },
        async hide() {},
      },
    },
    Excel: { run: (batch) => excel.run(batch as never) },
    CustomFunctions: {
      associate: (id, fn) => excel.functions.associate(`${namespace}.${id}`, fn as (...args: unknown[]) => unknown),
      Error: FakeCustomFunctionError,
      ErrorCode: FAKE_ERROR_CODES,
    },
    clickRibbon(name) {
      const handler = actions.get(name);
      if (!handler) return Promise.reject(new Error(`no function is associated with "${name}"`));
      return new Promise<void>((resolve, reject) => {
        Promise.resolve(handler({ completed: () => resolve(), source: { id: name } })).catch(reject);
      });
    },
    registered: () => [...actions.keys()],
  };
  return host;
}
