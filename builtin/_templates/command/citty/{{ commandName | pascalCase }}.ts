import { defineCommand } from "citty";

export const {{ commandName | pascalCase }}Command = defineCommand({
  meta: {
    name: "{{ commandName | kebabCase }}",
    description: "{{ commandDescription }}",
  },
  args: {
{% if withOptions %}
    target: {
      type: "positional",
      description: "What to run {{ commandName | kebabCase }} on",
      required: false,
    },
    verbose: {
      type: "boolean",
      alias: "v",
      description: "Print more about what happens",
    },
{% endif %}
  },
{% if withSubcommands %}
  subCommands: {
    list: defineCommand({
      meta: { name: "list", description: "List {{ commandName | kebabCase }} items" },
      run() {
        console.log("Listing {{ commandName | kebabCase }} items");
      },
    }),
  },
{% endif %}
  run({ args }) {
{% if withOptions %}
    if (args.verbose) {
      console.log("{{ commandName | titleCase }}: verbose output on");
    }
{% endif %}
    console.log("{{ commandName | titleCase }} done");
  },
});

export default {{ commandName | pascalCase }}Command;
