export * from "../UserCard";
