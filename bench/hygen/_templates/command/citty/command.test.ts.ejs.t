---
to: <%= h.changeCase.pascal(locals.commandName || name) %>.test.ts
skip_if: "<%= String(locals.withTests ?? true) === 'false' %>"
---
<%
  const cmd = locals.commandName || name;
  const description = locals.commandDescription || "A command for the CLI";
  const pascal = h.changeCase.pascal(cmd);
  const kebab = h.changeCase.param(cmd);
  const title = h.changeCase.title(cmd);
-%>
import { describe, expect, it, vi } from "vitest";
import { <%= pascal %>Command } from "./<%= pascal %>";

describe("<%= pascal %>Command", () => {
  it("has its name and description", async () => {
    const meta = await <%= pascal %>Command.meta;
    expect(meta?.name).toBe("<%= kebab %>");
    expect(meta?.description).toBe("<%= description %>");
  });

  it("runs", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await <%= pascal %>Command.run?.({ args: { _: [] }, rawArgs: [], cmd: <%= pascal %>Command } as never);
    expect(log).toHaveBeenCalledWith("<%= title %> done");
    log.mockRestore();
  });
});
