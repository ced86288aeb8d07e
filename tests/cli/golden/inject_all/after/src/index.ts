// generated index
// line two
import { a } from "./a";
import { zed } from "./zed";
import { b } from "./b";

export const all = [
  zed,
  a,
  b,
];
export default all;

