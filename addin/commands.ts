/// <reference types="office-js" />
// The ribbon's ExecuteFunction commands. Their names must match <FunctionName> in manifest.xml
// (the manifest test checks every one is registered here).

export const COMMANDS = { refreshAll: "refreshAll", refreshTable: "refreshTable" } as const;

export interface Actions {
  associate(name: string, handler: (event: Office.AddinCommands.Event) => unknown): void;
}

export interface CommandHandlers {
  refreshAll(): Promise<unknown>;
  /** Refresh the table holding the selection. */
  refreshTable(): Promise<unknown>;
}

/** Registers each command; returns the names registered. */
export function registerCommands(actions: Actions, handlers: CommandHandlers): string[] {
  const names = Object.values(COMMANDS);
  for (const name of names) {
    actions.associate(name, async (event) => {
      try {
        await handlers[name]();
      } finally {
        // Always: until completed() is called Office shows the command as running.
        event.completed();
      }
    });
  }
  return names;
}
