// exports
export { item2 } from "./item2";
export { item4 } from "./item4";
export { item8 } from "./item8";
