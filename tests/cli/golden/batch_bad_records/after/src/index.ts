// exports
export { good } from "./good";
export { nokind } from "./nokind";
export { fine } from "./fine";
