import { a } from "./a";
import { b } from "./b";

export const all = [
  a,
  b,
];
