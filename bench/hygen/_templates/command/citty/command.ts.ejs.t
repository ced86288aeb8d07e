---
to: <%= h.changeCase.pascal(locals.commandName || name) %>.ts
---
<%
  const cmd = locals.commandName || name;
  const description = locals.commandDescription || "A command for the CLI";
  const withOptions = String(locals.withOptions ?? true) !== "false";
  const withSubcommands = String(locals.withSubcommands ?? false) === "true";
  const pascal = h.changeCase.pascal(cmd);
  const kebab = h.changeCase.param(cmd);
  const title = h.changeCase.title(cmd);
-%>
import { defineCommand } from "citty";

export const <%= pascal %>Command = defineCommand({
  meta: {
    name: "<%= kebab %>",
    description: "<%= description %>",
  },
  args: {
<% if (withOptions) { -%>
    target: {
      type: "positional",
      description: "What to run <%= kebab %> on",
      required: false,
    },
    verbose: {
      type: "boolean",
      alias: "v",
      description: "Print more about what happens",
    },
<% } -%>
  },
<% if (withSubcommands) { -%>
  subCommands: {
    list: defineCommand({
      meta: { name: "list", description: "List <%= kebab %> items" },
      run() {
        console.log("Listing <%= kebab %> items");
      },
    }),
  },
<% } -%>
  run({ args }) {
<% if (withOptions) { -%>
    if (args.verbose) {
      console.log("<%= title %>: verbose output on");
    }
<% } -%>
    console.log("<%= title %> done");
  },
});

export default <%= pascal %>Command;
