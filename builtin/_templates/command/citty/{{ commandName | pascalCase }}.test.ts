---
skip_if: "{{ not withTests }}"
---
import { describe, expect, it, vi } from "vitest";
import { {{ commandName | pascalCase }}Command } from "./{{ commandName | pascalCase }}";

describe("{{ commandName | pascalCase }}Command", () => {
  it("has its name and description", async () => {
    const meta = await {{ commandName | pascalCase }}Command.meta;
    expect(meta?.name).toBe("{{ commandName | kebabCase }}");
    expect(meta?.description).toBe("{{ commandDescription }}");
  });

  it("runs", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await {{ commandName | pascalCase }}Command.run?.({ args: { _: [] }, rawArgs: [], cmd: {{ commandName | pascalCase }}Command } as never);
    expect(log).toHaveBeenCalledWith("{{ commandName | titleCase }} done");
    log.mockRestore();
  });
});
