// page OrderList
export const orderList = 1;
