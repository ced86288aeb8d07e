import { defineCommand } from "citty";

export const UserProfileCommand = defineCommand({
  meta: {
    name: "user-profile",
    description: "Show a user profile",
  },
  args: {
  },
  subCommands: {
    list: defineCommand({
      meta: { name: "list", description: "List user-profile items" },
      run() {
        console.log("Listing user-profile items");
      },
    }),
  },
  run({ args }) {
    console.log("User Profile done");
  },
});

export default UserProfileCommand;
