// exports
export { userCard } from "./user-card";
export { orderList } from "./order-list";
