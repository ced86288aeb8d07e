// exports
export { userCard } from "./user-card";
export { orderList } from "./order-list";
export { cartItem } from "./cart-item";
