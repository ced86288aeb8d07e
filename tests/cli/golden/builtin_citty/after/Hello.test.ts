import { describe, expect, it, vi } from "vitest";
import { HelloCommand } from "./Hello";

describe("HelloCommand", () => {
  it("has its name and description", async () => {
    const meta = await HelloCommand.meta;
    expect(meta?.name).toBe("hello");
    expect(meta?.description).toBe("A command for the CLI");
  });

  it("runs", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await HelloCommand.run?.({ args: { _: [] }, rawArgs: [], cmd: HelloCommand } as never);
    expect(log).toHaveBeenCalledWith("Hello done");
    log.mockRestore();
  });
});
