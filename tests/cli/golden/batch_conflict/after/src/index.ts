// exports
export { aB } from "./a-b";
export { c } from "./c";
