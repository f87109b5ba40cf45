// The ribbon's ExecuteFunction commands, wired to Office through office-addin-mock's Office object.
import { OfficeMockObject } from "office-addin-mock";
import { describe, expect, it } from "vitest";
import { COMMANDS, registerCommands, type Actions } from "../addin/commands.js";

type Handler = (event: Office.AddinCommands.Event) => Promise<unknown>;

function officeMock() {
  const handlers = new Map<string, Handler>();
  const office = new OfficeMockObject({
    actions: {
      associate: (name: string, handler: Handler) => handlers.set(name, handler),
    },
  }) as unknown as { actions: Actions };
  return { office, handlers };
}

/** The event Office hands an ExecuteFunction; counts its completed() calls. */
function event() {
  const calls = { completed: 0 };
  const e = new OfficeMockObject({ completed: () => calls.completed++ }) as unknown as Office.AddinCommands.Event;
  return { e, calls };
}

describe("ribbon commands", () => {
  it("associates refreshAll and refreshTable with Office and runs the one clicked", async () => {
    const { office, handlers } = officeMock();
    let runs = 0;
    let tableRuns = 0;
    const names = registerCommands(office.actions, { refreshAll: async () => void runs++, refreshTable: async () => void tableRuns++ });
    expect(names).toEqual([COMMANDS.refreshAll, COMMANDS.refreshTable]);
    expect([...handlers.keys()]).toEqual(["refreshAll", "refreshTable"]);
    const { e, calls } = event();
    await handlers.get("refreshAll")!(e);
    expect([runs, tableRuns]).toEqual([1, 0]);
    expect(calls.completed).toBe(1);
    const second = event();
    await handlers.get("refreshTable")!(second.e);
    expect([runs, tableRuns]).toEqual([1, 1]);
    expect(second.calls.completed).toBe(1);
  });

  it("tells Office the command completed even when the refresh fails", async () => {
    const { office, handlers } = officeMock();
    registerCommands(office.actions, {
      refreshAll: async () => {
        throw new Error("boom");
      },
      refreshTable: async () => undefined,
    });
    const { e, calls } = event();
    await expect(handlers.get("refreshAll")!(e)).rejects.toThrow("boom");
    expect(calls.completed).toBe(1);
  });
});
