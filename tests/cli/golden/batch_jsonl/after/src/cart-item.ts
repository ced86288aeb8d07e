// widget CartItem
export const cartItem = 1;
