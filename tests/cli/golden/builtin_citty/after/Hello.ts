import { defineCommand } from "citty";

export const HelloCommand = defineCommand({
  meta: {
    name: "hello",
    description: "A command for the CLI",
  },
  args: {
    target: {
      type: "positional",
      description: "What to run hello on",
      required: false,
    },
    verbose: {
      type: "boolean",
      alias: "v",
      description: "Print more about what happens",
    },
  },
  run({ args }) {
    if (args.verbose) {
      console.log("Hello: verbose output on");
    }
    console.log("Hello done");
  },
});

export default HelloCommand;
